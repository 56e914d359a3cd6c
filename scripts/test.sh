#!/usr/bin/env bash
# Installs everything, builds reconcile with its tests, starts a private PostgreSQL 15 on
# loopback, runs every test (unit, SQLite and PostgreSQL integration), runs the fuzz targets
# briefly, and stops the server. A test that cannot reach PostgreSQL fails; nothing is skipped.
#   scripts/test.sh              the full run (what CI runs)
#   scripts/test.sh --sanitize   the same tests built with AddressSanitizer and UBSan into
#                                ./build-asan (about twice as slow; the fuzz targets have theirs)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build
if [ "${1:-}" = "--sanitize" ]; then
  build_dir=build-asan
  BUILD_DIR=$build_dir RECONCILE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
    scripts/build.sh --test
  # libpq and OpenSSL keep allocations for the life of the process: not leaks of ours.
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
else
  scripts/build.sh --test
fi

. scripts/lib/postgres-server.sh
trap pg_stop EXIT
pg_start
echo "test: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
export RECONCILE_TEST_PG_URL="$PG_URL"
export RECONCILE_BINARY="$PWD/$build_dir/reconcile"

# The pipeline commands docs/ci.md documents, against a database of this server.
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres ci_examples
DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/ci_examples" scripts/ci-examples.sh "$RECONCILE_BINARY"

(cd "$build_dir" && ctest --output-on-failure --parallel 2 --timeout 300)

# The loader, the URL handling and the expression check under libFuzzer, briefly: a seed and a
# count of inputs rather than a time, so every machine explores about as far; a longer run is
# `scripts/fuzz.sh 600`.
if [ "$build_dir" = build ]; then FUZZ_SEED=1 FUZZ_RUNS=100000 scripts/fuzz.sh; fi
echo "test: all passed"
