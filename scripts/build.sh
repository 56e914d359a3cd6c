#!/usr/bin/env bash
# Installs the build dependencies, then configures and builds reconcile into ./build.
# Usage: scripts/build.sh [--test]   (--test also installs what the tests need)
# BUILD_DIR and RECONCILE_CXX_FLAGS choose another build (scripts/test.sh --sanitize).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh "$@"
tests=OFF
[ "${1:-}" = "--test" ] && tests=ON
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECONCILE_BUILD_TESTS=$tests \
  -DCMAKE_CXX_FLAGS="${RECONCILE_CXX_FLAGS:-}" >/dev/null
# Two cores: each test translation unit with Catch2 and libpqxx takes ~1 GB to compile.
cmake --build "$build_dir" --parallel 2
echo "build: ./$build_dir/reconcile"
