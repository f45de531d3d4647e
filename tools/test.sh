#!/usr/bin/env bash
# The README's test command and CI's: installs what is missing, builds, runs every test through
# ctest, then the unit and integration tiers again under AddressSanitizer + UBSan (browser and
# Slurm tests stay out of the sanitizer tier; SimGrid runs with thread contexts there).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --test
ctest --test-dir build --output-on-failure -j"$(nproc)"

if [[ "${ASCENDSIM_SKIP_SANITIZERS:-0}" != "1" ]]; then
  # -O1 -g1 (line tables only): what AddressSanitizer's documentation recommends for speed, with
  # file:line in every report. Measured on scenario_report.cpp and test_infer_cli.cpp, the
  # sanitized compile takes 45% of the CPU time of RelWithDebInfo's -O2 -g; this build was the
  # largest part of the test command.
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DASCENDSIM_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)"
  # The Release tier above fuzzes 1,000 mutants per input; under the sanitizers 250 keep memory
  # errors in view at a quarter of the time (ASCENDSIM_FUZZ_MUTATIONS / ASCENDSIM_FUZZ_COUNT).
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ASCENDSIM_FUZZ_MUTATIONS=250 ASCENDSIM_FUZZ_COUNT=250 \
    ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -LE 'browser|slurm|golden'
fi
