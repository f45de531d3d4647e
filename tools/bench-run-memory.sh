#!/bin/sh
# Peak memory of one run with millions of interruptions (issue 13, item 8: 4.5 M interruptions
# must peak under 500 MB). A stress failure file (accelerators at 1e-2 failures per chip-hour,
# other classes off; a policy of quick restarts onto spares) on 2,048 H800 training DeepSeek-V3
# for TOKENS tokens; peak RSS comes from getrusage via GNU time (%M, kilobytes). Takes minutes:
# not a ctest.
# Usage: tools/bench-run-memory.sh [TOKENS] [BUILD_DIR]   (default 2220T: about 4.5 M interruptions)
set -eu
tokens=${1:-2220T}
build=${2:-build}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/rates.toml" <<'TOML'
kind = "failures"
assumption = "stress input, not a measurement: accelerator failures at 1e-2 per chip-hour (about 1,000x the shipped rate), every other class off"
[accelerator]
rate_per_component_hour = 1e-2
components_per_chip = 1
[hbm]
rate_per_component_hour = 0
components_per_chip = 1
[host]
rate_per_component_hour = 0
components_per_chip = 0.125
[link]
rate_per_component_hour = 0
components_per_chip = 1
[switch]
rate_per_component_hour = 0
components_per_chip = 0.01
[software]
rate_per_component_hour = 0
components_per_job = 1
[storage]
rate_per_component_hour = 0
components_per_job = 1
TOML
# Quick recovery with spares, so that failures, not waits for repair, fill the run.
cat > "$dir/policy.toml" <<'TOML'
kind = "run-policy"
[checkpoint]
min_interval = "0s"
min_interval_assumption = "stress input: a failure every ~3 min needs Daly's interval (about 1 min), not the 10 min default minimum"
[failures]
detection_time = "10s"
restart_time = "50s"
spare_swap_time = "1min"
repair_time = "1h"
spare_hosts = 100000
TOML
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
/usr/bin/time -f "peak RSS %M kB, wall %e s" "$build/ascendsim" train --platform platforms/specs/h800-2048.toml \
  --workload workloads/deepseek-v3-train.toml --chips 2048 --failures "$dir/rates.toml" --policy "$dir/policy.toml" \
  --set "training.training.tokens=\"$tokens\"" --trace "$dir/run.json" --json > "$dir/out.json"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print("interruptions", j["interruptions"]["total"], "never_finishes", j.get("never_finishes"))' "$dir/out.json"
ls -l "$dir/run.json" | awk '{print "trace file", $5, "bytes"}'
