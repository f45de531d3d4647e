#!/bin/sh
# Regenerates every shipped SimGrid platform file from platforms/specs/*.toml and the chip catalogue.
#   tools/gen-platforms.sh [path/to/ascendsim]          rewrite platforms/*.xml
#   tools/gen-platforms.sh --check [path/to/ascendsim]  regenerate into a temp dir and diff (exit 1 on drift)
set -eu
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
bin="${1:-build/ascendsim}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0
# Specs of more than 65,536 chips (kMaxShippedPlatformChips, sim/platform/topology_xml.hpp) get no
# shipped file: the 524,288-chip SuperCluster's would be ~540 MB. Steps load subsets of any size,
# and `ascendsim platform generate` writes the whole file on demand.
max_chips=65536
for spec in platforms/specs/*.toml; do
  name=$(basename "$spec" .toml)
  chips=$(awk -F= '/^(chips_per_node|nodes_per_rack|racks_per_supernode|supernodes)[ ]*=/ { gsub(/[ "]/, "", $2); p = (p ? p : 1) * $2 }
                   END { print p }' "$spec")
  if [ "$chips" -gt "$max_chips" ]; then
    if [ -e "platforms/$name.xml" ]; then echo "platforms/$name.xml: $chips chips, more than $max_chips: not shipped" >&2; status=1; fi
    continue
  fi
  "$bin" platform generate "$spec" -o "$tmp/$name.xml"
  if [ $check = 1 ]; then
    diff -q "$tmp/$name.xml" "platforms/$name.xml" || status=1
  else
    mv "$tmp/$name.xml" "platforms/$name.xml"
  fi
done
exit $status
