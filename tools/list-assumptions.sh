#!/usr/bin/env bash
# Lists every guess the shipped data files mark with an `assumption` key (or `*_assumption`), as
# markdown bullets "file: key: text". docs/assumptions.md is this script's output;
# regenerate it when a data file changes. `--check docs/assumptions.md` exits 1 when its list (between
# the assumptions:begin/end markers) differs from the data files (a ctest runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
list() {
grep -rnE '^[[:space:]]*[A-Za-z0-9_]*assumption[[:space:]]*=' platforms workloads timelines --include='*.toml' |
  sed -E 's/^([^:]+):[0-9]+:[[:space:]]*([A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*"(.*)"[[:space:]]*$/- `\1` (\2): \3/' |
  sort
}
if [[ "${1:-}" == "--check" ]]; then
  readme=${2:?README path}
  diff <(sed -n '/<!-- assumptions:begin -->/,/<!-- assumptions:end -->/p' "$readme" | sed '1d;$d') <(list) ||
    { echo "docs/assumptions.md is out of date: run tools/list-assumptions.sh and paste it between the markers" >&2; exit 1; }
else
  list
fi
