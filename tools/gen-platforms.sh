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
for spec in platforms/specs/*.toml; do
  name=$(basename "$spec" .toml)
  "$bin" platform generate "$spec" -o "$tmp/$name.xml"
  if [ $check = 1 ]; then
    diff -q "$tmp/$name.xml" "platforms/$name.xml" || status=1
  else
    mv "$tmp/$name.xml" "platforms/$name.xml"
  fi
done
exit $status
