#!/bin/sh
# Debian's ffmpeg: video uploads are sampled into frames by the ffmpeg program (PDQ per
# frame, ictd/media/video.py). Nothing is downloaded at run time.
set -eu
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg
fi
ffmpeg -version | head -n 1
