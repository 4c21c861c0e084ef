#!/usr/bin/env bash
# Fetches Prometheus 3.x (Debian sid's `prometheus` and `promtool` packages) into .tmp/prometheus3 without
# installing them, so the tests can also run against the Prometheus major version the Compose stack uses
# and exercise the UTF-8 naming scheme (Prometheus 2.x cannot parse quoted metric names).
# Debian stable's 2.x from `apt-get install prometheus` stays the system one. Idempotent.
#
# The machine's apt configuration is only read, never written: sid's source, its package lists and apt's
# caches live in a private folder (apt's Dir::Etc::SourceList, Dir::Etc::SourceParts, Dir::State::Lists
# and Dir::Cache options) that is removed on exit, so /etc/apt and /var/lib/apt/lists stay exactly as
# they were, even when a download fails halfway. No root needed. PROMETHEUS3_DEST overrides the target.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${PROMETHEUS3_DEST:-.tmp/prometheus3}
if [ -x "$dest/usr/bin/prometheus" ] && [ -x "$dest/usr/bin/promtool" ]; then
  echo "Prometheus 3 already in $dest: $("$dest/usr/bin/prometheus" --version 2>&1 | head -1)"
  exit 0
fi
etc=${APT_ETC:-/etc/apt}
# The Debian archive this machine is configured for (deb822 `.sources` stanzas or one-line `.list`
# files), never a host written here: the first archive URI that is not the security archive, with the
# keyring its entry names (Signed-By / signed-by=), if any. Prints "URI KEYRING".
archive=$(
  { for f in "$etc"/sources.list.d/*.sources; do
      [ -e "$f" ] || continue
      awk 'BEGIN { RS = ""; FS = "\n" }
        { uris = ""; key = ""
          for (i = 1; i <= NF; i++) {
            if ($i ~ /^URIs:/) { uris = $i; sub(/^URIs:[ \t]*/, "", uris) }
            if ($i ~ /^Signed-By:/) { key = $i; sub(/^Signed-By:[ \t]*/, "", key) }
          }
          n = split(uris, u, /[ \t]+/); for (j = 1; j <= n; j++) print u[j], key }' "$f"
    done
    for f in "$etc"/sources.list "$etc"/sources.list.d/*.list; do
      [ -e "$f" ] || continue
      sed -nE 's/^deb[[:space:]]+(\[([^]]*)\][[:space:]]+)?([^[:space:]]+).*/\3 \2/p' "$f" |
        sed -E 's/ .*signed-by=([^[:space:]]+).*/ \1/; t; s/ .*$/ /'
    done
  } | grep -E '^(https?|file)://' | grep -v -- '-security' | head -1
) || true
mirror=${archive%% *}
keyring=${archive#* }
if [ -z "$mirror" ]; then
  echo "fetch-prometheus3: no Debian archive found in $etc/sources.list or $etc/sources.list.d; add one (e.g. a deb822 .sources file) and re-run" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs"
# apt, run as root, downloads as the unprivileged _apt user: let it write the private folders.
chmod -R 777 "$work"
option=""; [ -n "$keyring" ] && option="[signed-by=$keyring] "
echo "deb ${option}$mirror sid main" >"$work/sources.list"
apt_private=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/none"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache")
apt-get "${apt_private[@]}" update -qq
(cd "$work/debs" && apt-get "${apt_private[@]}" download prometheus/sid promtool/sid)
mkdir -p "$dest"
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$dest"; done
"$dest/usr/bin/prometheus" --version 2>&1 | head -1
"$dest/usr/bin/promtool" --version 2>&1 | head -1
