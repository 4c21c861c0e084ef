#!/usr/bin/env bash
# Fetches Prometheus 3.x (Debian sid's `prometheus` and `promtool` packages) into .tmp/prometheus3 without
# installing them, so the tests can also run against the Prometheus major version the Compose stack uses
# and exercise the UTF-8 naming scheme (Prometheus 2.x cannot parse quoted metric names).
# Debian stable's 2.x from `apt-get install prometheus` stays the system one. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.tmp/prometheus3
if [ -x "$dest/usr/bin/prometheus" ] && [ -x "$dest/usr/bin/promtool" ]; then
  echo "Prometheus 3 already in $dest: $("$dest/usr/bin/prometheus" --version 2>&1 | head -1)"
  exit 0
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
list=/etc/apt/sources.list.d/claude-code-dashboards-sid.list
cleanup() { $SUDO rm -f "$list"; $SUDO apt-get update -qq >/dev/null 2>&1 || true; }
trap cleanup EXIT
# The Debian archive this machine is configured for (deb822 `.sources` or one-line `.list` files), never
# a host written here: the first archive URI that is not the security archive.
mirror=$(
  { grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | sed -E 's/^URIs:[[:space:]]*//' | tr ' ' '\n'
    grep -hsE '^deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | sed -E 's/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//' | cut -d' ' -f1
  } | grep -E '^(https?|file)://' | grep -v -- '-security' | head -1
) || true
if [ -z "$mirror" ]; then
  echo "fetch-prometheus3: no Debian archive found in /etc/apt/sources.list or /etc/apt/sources.list.d; add one (e.g. a deb822 .sources file) and re-run" >&2
  exit 2
fi
echo "deb $mirror sid main" | $SUDO tee "$list" >/dev/null
$SUDO apt-get update -qq
work=$(mktemp -d)
chmod 777 "$work"
(cd "$work" && apt-get download prometheus/sid promtool/sid)
mkdir -p "$dest"
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$dest"; done
rm -rf "$work"
"$dest/usr/bin/prometheus" --version 2>&1 | head -1
"$dest/usr/bin/promtool" --version 2>&1 | head -1
