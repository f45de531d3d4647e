#!/usr/bin/env bash
# Runs a sweep as a Slurm job array and merges it: one command.
#   tools/slurm/run-sweep.sh FILE SHARED_DIR [TASKS]
# Submits TASKS (default 8) array tasks with sbatch --wait (parts in SHARED_DIR/parts, Slurm logs
# in SHARED_DIR/logs), then `ascendsim merge` writes
# SHARED_DIR/merged/{sweep.csv,sweep.json,sweep.html}. Run from the repository root (ASCENDSIM
# overrides the binary). If a shard failed, rerun it alone:
#   sbatch --wait --array=K tools/slurm/sweep.sbatch FILE SHARED_DIR TASKS   (K is the failed shard)
# and call this script's merge step again (`build/ascendsim merge SHARED_DIR/parts/part-*.json --out ...`).
set -euo pipefail
file=${1:?sweep or scenario file}
dir=${2:?shared output directory}
tasks=${3:-8}
bin=${ASCENDSIM:-build/ascendsim}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/logs" "$dir/parts"
if ! sbatch --wait --array=1-"$tasks" --output="$dir/logs/slurm-%A_%a.out" "$here/sweep.sbatch" "$file" "$dir" "$tasks"; then
  echo "run-sweep: some shards failed (logs in $dir/logs); rerun shard K alone with:" >&2
  echo "  sbatch --wait --array=K $here/sweep.sbatch $file $dir $tasks" >&2
  exit 1
fi
"$bin" merge "$dir"/parts/part-*-of-"$tasks".json --out "$dir/merged"
