#!/usr/bin/env bash
# Runs an inference as a Slurm job array and merges it: one command.
#   tools/slurm/run-infer.sh PRIORS EVIDENCE SHARED_DIR [TASKS] [DRAWS]
# Submits TASKS (default 8) array tasks of DRAWS prior draws in all (default 100000) with
# sbatch --wait (parts in SHARED_DIR/parts, Slurm logs in SHARED_DIR/logs), then `ascendsim merge`
# writes SHARED_DIR/merged/{infer.json,report.html}, the same bytes as the unsharded
# `infer --out` but for the provenance block. Run from the repository root (ASCENDSIM overrides the
# binary). If a shard failed, rerun it alone:
#   sbatch --wait --array=K tools/slurm/infer.sbatch PRIORS EVIDENCE SHARED_DIR TASKS DRAWS
# and call this script's merge step again (`build/ascendsim merge SHARED_DIR/parts/infer-part-*.json --out ...`).
set -euo pipefail
priors=${1:?scenario or alternatives file}
evidence=${2:?evidence file}
dir=${3:?shared output directory}
tasks=${4:-8}
draws=${5:-100000}
bin=${ASCENDSIM:-build/ascendsim}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/logs" "$dir/parts"
if ! sbatch --wait --array=1-"$tasks" --output="$dir/logs/slurm-%A_%a.out" "$here/infer.sbatch" "$priors" "$evidence" "$dir" "$tasks" "$draws"; then
  echo "run-infer: some shards failed (logs in $dir/logs); rerun shard K alone with:" >&2
  echo "  sbatch --wait --array=K $here/infer.sbatch $priors $evidence $dir $tasks $draws" >&2
  exit 1
fi
"$bin" merge "$dir"/parts/infer-part-*-of-"$tasks".json --out "$dir/merged"
