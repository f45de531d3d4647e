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
# Needs only bash and awk. Set ASCENDSIM_CACHE_DIR as for any ascendsim run.
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
  printf '%s\n' "$json" | awk -v fitted="$fitted" '
    function val(line) { sub(/^[^:]*: "/, "", line); sub(/",?[[:space:]]*$/, "", line); gsub(/\\"/, "\"", line); return line }
    function rank(f) {
      if (f == "pretraining.mfu") return 1
      if (f == "pretraining.step_time_s") return 2
      if (f == "pretraining.tokens_per_s") return 3
      if (f == "pretraining.run.chip_hours_per_trillion_tokens") return 4
      return 0
    }
    function metric(f) {
      if (f == "pretraining.mfu") return "MFU"
      if (f == "pretraining.step_time_s") return "step time (s)"
      if (f == "pretraining.tokens_per_s") return "tokens/s"
      return "GPU hours per 10^12 tokens"
    }
    function flush_entry() {
      r = rank(e_field)
      if (r > 0 && (best == 0 || r < best)) { best = r; b_field = e_field; b_pub = e_pub; b_sim = e_sim; b_err = e_err; b_src = e_src }
      e_field = ""
    }
    function flush_case() {
      if (name == "" || best == 0) { name = ""; best = 0; return }
      err = b_err; sub(/%$/, "", err); err += 0
      src = b_src; sub(/:.*/, "", src)
      mark = (name == fitted) ? " (fitted)" : ""
      printf "| `%s`%s | %s | %s | %s | %+.1f%% | %s |\n", name, mark, metric(b_field), b_pub, b_sim, err, src
      if (name != fitted) { n++; abs_err[n] = (err < 0 ? -err : err) }
      name = ""; best = 0
    }
    /"golden":/ { flush_case(); name = val($0); sub(/^.*\//, "", name); sub(/\.expected\.toml$/, "", name) }
    /"published": \[/ { in_pub = 1; next }
    in_pub && /^[[:space:]]*\]/ { if (e_field != "") flush_entry(); in_pub = 0; next }
    in_pub && /^[[:space:]]*\{/ { e_field = ""; next }
    in_pub && /^[[:space:]]*\}/ { flush_entry(); next }
    in_pub && /"error":/ { e_err = val($0) }
    in_pub && /"field":/ { e_field = val($0) }
    in_pub && /"published":/ { e_pub = val($0) }
    in_pub && /"simulated":/ { e_sim = val($0) }
    in_pub && /"source":/ { e_src = val($0) }
    BEGIN {
      print "| case | measurement | published | simulated | error | source |"
      print "|---|---|---|---|---|---|"
    }
    END {
      flush_case()
      # median and worst |error| over the predicted (not fitted) cases
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (abs_err[j] < abs_err[i]) { t = abs_err[i]; abs_err[i] = abs_err[j]; abs_err[j] = t }
      med = (n % 2) ? abs_err[(n + 1) / 2] : (abs_err[n / 2] + abs_err[n / 2 + 1]) / 2
      print ""
      printf "Predicted cases: %d (the fitted case is left out). Median |error| %.1f%%, worst |error| %.1f%%.\n", n, med, abs_err[n]
    }'
}

if [[ -n "$check_doc" ]]; then
  diff <(sed -n '/<!-- calibration:begin -->/,/<!-- calibration:end -->/p' "$check_doc" | sed '1d;$d') <(table) ||
    { echo "$check_doc: calibration table is out of date: run tools/validation-table.sh and paste it between the markers" >&2; exit 1; }
else
  table
fi
