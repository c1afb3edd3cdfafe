#!/bin/sh
# Debian's Chromium and the Noto fonts (Arabic, CJK …) for the web console's browser tests
# and screenshots. Playwright drives this Chromium (executable_path); it downloads no browser.
set -eu
if [ ! -x /usr/bin/chromium ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        chromium fonts-noto-core fonts-noto-cjk
fi
/usr/bin/chromium --version
