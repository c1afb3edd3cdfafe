#!/bin/sh
# Vendor the console map's library and base map from the npm registry (run once, by hand;
# the results are committed, nothing is fetched at run time):
#  - Leaflet (BSD-2-Clause): dist/leaflet.js, leaflet.css and images/ with its LICENSE into
#    ictd/web/static/vendor/leaflet/;
#  - world-atlas (ISC; the data are Natural Earth's 1:110m countries, public domain):
#    countries-110m.json (TopoJSON) turned into GeoJSON by scripts/natural-earth-geojson.py
#    into ictd/web/static/map/countries-110m.geojson.
set -eu
LEAFLET="${LEAFLET:-leaflet@1.9.4}"
ATLAS="${ATLAS:-world-atlas@2.0.2}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "$LEAFLET" "$ATLAS" >/dev/null
mkdir leaflet atlas
tar -xzf leaflet-*.tgz -C leaflet
tar -xzf world-atlas-*.tgz -C atlas
out="$here/ictd/web/static/vendor/leaflet"
rm -rf "$out"
mkdir -p "$out/images"
cp leaflet/package/dist/leaflet.js leaflet/package/dist/leaflet.css "$out/"
cp leaflet/package/dist/images/*.png "$out/images/"
cp leaflet/package/LICENSE "$out/LICENSE"
version="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' leaflet/package/package.json | head -1)"
echo "$version" > "$out/VERSION"
mkdir -p "$here/ictd/web/static/map"
cp atlas/package/LICENSE "$here/ictd/web/static/map/world-atlas-LICENSE" 2>/dev/null || true
python3 "$here/scripts/natural-earth-geojson.py" atlas/package/countries-110m.json \
    "$here/ictd/web/static/map/countries-110m.geojson"
echo "leaflet $version and $(basename atlas/package/countries-110m.json) vendored"
