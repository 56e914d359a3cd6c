#!/usr/bin/env bash
# Installs the build dependencies, then configures and builds reconcile into ./build.
# Usage: scripts/build.sh [--test]   (--test also installs what the tests need)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh "$@"
tests=OFF
[ "${1:-}" = "--test" ] && tests=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECONCILE_BUILD_TESTS=$tests >/dev/null
# Two cores: each test translation unit with Catch2 and libpqxx takes ~1 GB to compile.
cmake --build build --parallel 2
echo "build: ./build/reconcile"
