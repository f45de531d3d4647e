#!/usr/bin/env bash
# Installs what a fresh Debian bookworm machine lacks, then configures and builds ascendsim (Release).
#   tools/setup.sh            build dependencies only
#   tools/setup.sh --test     also what the tests need (pajeng for pj_dump, chromium for the report
#                             test, slurm-wlm and munge for the sharded-sweep test)
# Run as root (or with sudo available). Safe to re-run: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(cmake g++ make pkg-config libsimgrid-dev simgrid libboost-graph-dev libtomlplusplus-dev catch2 libcli11-dev nlohmann-json3-dev)
test_pkgs=(pajeng chromium slurm-wlm munge)

want=("${build_pkgs[@]}")
if [[ "${1:-}" == "--test" ]]; then want+=("${test_pkgs[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
