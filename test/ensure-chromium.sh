#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium. Never downloads a browser of its own.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Chromium is missing at $CHROMIUM. Install Debian's package: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "Installing Debian's chromium (apt-get)…"
for attempt in 1 2 3 4 5 6; do
  # "Could not get lock" means another apt is running: wait and retry.
  if apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; then exit 0; fi
  echo "apt-get failed (attempt $attempt); retrying in 10 s" >&2
  sleep 10
done
exit 1
