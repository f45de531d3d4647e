#!/usr/bin/env bash
# Prints the calibration table of docs/validation.md from `ascendsim check --json`: one row per
# reference case that has a published training measurement (the first [[published]] entry of its
# golden whose path is MFU, step time, tokens/s or GPU hours per trillion tokens), with simulated,
# published and signed error, then the median and worst |error| over every case except the fitted
# one. The fitted case is the one the catalogue's single free factor (platforms/chips.toml
# efficiency.matmul) was solved on.
#   tools/validation-table.sh [path/to/ascendsim]                     print the table (markdown)
#   tools/validation-table.sh --check docs/validation.md [ascendsim]  exit 1 when the committed table
#                                                                      (between the calibration:begin/end
#                                                                      markers) differs from this output
# Needs bash and python3 (standard library). Set ASCENDSIM_CACHE_DIR as for any ascendsim run.
set -euo pipefail
cd "$(dirname "$0")/.."
check_doc=""
if [[ "${1:-}" == "--check" ]]; then check_doc=${2:?docs/validation.md path}; shift 2; fi
bin="${1:-build/ascendsim}"
fitted="llama3-405b-h100"

table() {
  local goldens=()
  for g in timelines/reference/*.expected.toml; do
    grep -q '^\[\[published\]\]' "$g" && goldens+=("$g")
  done
  [[ ${#goldens[@]} -gt 0 ]] || { echo "validation-table: no golden with a [[published]] entry" >&2; return 1; }
  # check exits 1 on drift from the goldens; that is the golden test's business, not this table's.
  local json
  json=$("$bin" check --json "${goldens[@]}" || true)
  [[ -n "$json" ]] || { echo "validation-table: '$bin check --json' printed nothing" >&2; return 1; }
  printf '%s\n' "$json" | FITTED="$fitted" python3 -c '
import json, os, sys
RANK = {"pretraining.mfu": (1, "MFU"), "pretraining.step_time_s": (2, "step time (s)"),
        "pretraining.tokens_per_s": (3, "tokens/s"),
        "pretraining.run.chip_hours_per_trillion_tokens": (4, "GPU hours per 10^12 tokens")}
fitted = os.environ["FITTED"]
print("| case | measurement | published | simulated | error | source |")
print("|---|---|---|---|---|---|")
errors = []
for g in json.load(sys.stdin)["goldens"]:
    name = os.path.basename(g["golden"]).removesuffix(".expected.toml")
    best = min((p for p in g.get("published", []) if p["field"] in RANK and p.get("simulated") is not None),
               key=lambda p: RANK[p["field"]][0], default=None)
    if best is None:
        continue
    err = best["error_percent"]
    mark = " (fitted)" if name == fitted else ""
    src = best["source"].split(":")[0]
    field, pub, sim = best["field"], best["published"], best["simulated"]
    print(f"| `{name}`{mark} | {RANK[field][1]} | {pub:.6g} | {sim:.6g} | {err:+.1f}% | {src} |")
    if name != fitted:
        errors.append(abs(err))
errors.sort()
n = len(errors)
med = errors[(n - 1) // 2] if n % 2 else (errors[n // 2 - 1] + errors[n // 2]) / 2
print()
print(f"Predicted cases: {n} (the fitted case is left out). Median |error| {med:.1f}%, worst |error| {errors[-1]:.1f}%.")
'
}

if [[ -n "$check_doc" ]]; then
  diff <(sed -n '/<!-- calibration:begin -->/,/<!-- calibration:end -->/p' "$check_doc" | sed '1d;$d') <(table) ||
    { echo "$check_doc: calibration table is out of date: run tools/validation-table.sh and paste it between the markers" >&2; exit 1; }
else
  table
fi
