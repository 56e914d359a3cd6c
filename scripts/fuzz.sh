#!/usr/bin/env bash
# Builds the fuzz targets of tests/fuzz with clang (libFuzzer, ASan, UBSan) into ./build-fuzz and
# runs each for SECONDS (default 10; a longer run is e.g. `scripts/fuzz.sh 600`). FUZZ_RUNS=N runs
# each for N inputs instead, so that a fast machine (CI's) explores no further than a slow one
# and what one finds, the other can reach too (scripts/test.sh does that). Each starts from its
# seeds in tests/fuzz/seeds (the loader's also from schema/), in a scratch corpus that is thrown
# away; a finding stops the run with the input saved as ./build-fuzz/crash-* and a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
scripts/install-deps.sh --fuzz
cmake -S tests/fuzz -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build build-fuzz --parallel 2
scratch=$(mktemp -d /tmp/reconcile-fuzz.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
for target in load_toml url expression; do
  mkdir -p "$scratch/$target"
  cp tests/fuzz/seeds/$target/* "$scratch/$target/"
  if [ "$target" = load_toml ]; then
    find schema -name '*.toml' | while read -r f; do cp "$f" "$scratch/$target/$(echo "$f" | tr / _)"; done
  fi
  if [ -n "${FUZZ_RUNS:-}" ]; then echo "fuzz: $target for $FUZZ_RUNS inputs"; else echo "fuzz: $target for ${seconds}s"; fi
  status=0
  # FUZZ_SEED makes a run repeatable (scripts/test.sh sets it); unset, each run explores anew.
  if [ -n "${FUZZ_RUNS:-}" ]; then budget=-runs=$FUZZ_RUNS; else budget=-max_total_time=$seconds; fi
  (cd build-fuzz && ./fuzz_$target "$budget" -max_len=4096 -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
     "$scratch/$target") \
    >"$scratch/$target.log" 2>&1 || status=$?
  grep -E "^stat::(number_of_executed_units|new_units_added)" "$scratch/$target.log" || true
  if [ "$status" -ne 0 ]; then
    grep -A40 -E "ERROR|deadly signal|uncaught" "$scratch/$target.log" | head -60 >&2
    echo "fuzz: $target found a failing input (exit $status); it is saved in build-fuzz/" >&2
    exit 1
  fi
done
echo "fuzz: no findings"
