#!/usr/bin/env bash
# Render an HTML file in headless Chromium (Debian package `chromium`) and save a PNG:
#   scripts/screenshot.sh docs/report-seed.html docs/report-seed.png [WIDTHxHEIGHT]
# Network is switched off (the report must be self-contained); fails when Chromium is missing
# or writes no image.
set -euo pipefail
html="$(realpath "$1")"
png="$(realpath -m "$2")"
size="${3:-1280,2450}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
    echo "no Chromium found: apt-get install -y chromium" >&2
    exit 1
fi
rm -f "$png"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>' \
    --window-size="${size/x/,}" --screenshot="$png" "file://$html" 2>/dev/null
test -s "$png"
echo "wrote $png" >&2
