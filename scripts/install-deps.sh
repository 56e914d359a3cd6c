#!/usr/bin/env bash
# Installs what reconcile needs to build (and, with --test, to run its tests: PostgreSQL 15,
# python3 and jsonschema for tests/json_schema, dpkg-dev and file for the package in
# tests/install_test.sh)
# from Debian bookworm's packages (--fuzz: what scripts/fuzz.sh builds with: clang and its
# libFuzzer and sanitizer runtimes; --package: what scripts/package.sh needs to build the .deb).
# Does nothing when everything is already installed.
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config git ca-certificates
          libpqxx-dev libsqlite3-dev libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev
          help2man)
case "${1:-}" in
  --test) packages+=(catch2 postgresql-15 postgresql-client-15 sqlite3 clang-14 libclang-rt-14-dev python3 python3-jsonschema dpkg-dev file) ;;
  --fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;
  --package) packages+=(dpkg-dev file) ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
