#!/usr/bin/env bash
# Makes sure the Debian packages the tests need are installed: Chromium (the browser every
# browser and end-to-end test drives), a CJK font (zh-CN screenshots), WordPress with PHP and
# MariaDB (the plugin's tests), PHPUnit, Redis (the server's shared limits).
# Everything comes from Debian's archive with apt-get; nothing downloads a browser of its own.
# Services are not started by the packages (policy-rc.d): the tests start their own on loopback.
set -euo pipefail
PACKAGES=(
  chromium
  fonts-wqy-microhei
  wordpress wordpress-theme-twentytwentythree
  php-cli php-gd php-mysql php-xml php-mbstring php-curl
  zip unzip
  mariadb-server
  phpunit
  redis-server
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing Debian packages: ${missing[*]}. Install them: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages (apt-get): ${missing[*]}"
# Keep the packages' own services (apache2, mariadb, redis) from starting at install time.
POLICY=/usr/sbin/policy-rc.d
ours=0
if [ ! -e "$POLICY" ]; then printf '#!/bin/sh\nexit 101\n' > "$POLICY"; chmod +x "$POLICY"; ours=1; fi
trap '[ $ours = 1 ] && rm -f "$POLICY"' EXIT
for attempt in 1 2 3 4 5 6; do
  # "Could not get lock" means another apt is running: wait and retry.
  if apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; then exit 0; fi
  echo "apt-get failed (attempt $attempt); retrying in 10 s" >&2
  sleep 10
done
exit 1
