#!/usr/bin/env bash
# Builds the Debian package dist/reconcile_<version>_<arch>.deb on Debian bookworm: installs
# what the build needs, configures a Release build for /usr, and runs CPack. Install it with
#   sudo apt-get install ./dist/reconcile_*.deb
# which brings in its runtime libraries (libpqxx, libpq, libsqlite3, libfmt) from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --package
build_dir=build-package
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DRECONCILE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --parallel 2
rm -f "$build_dir"/reconcile_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
mkdir -p dist
rm -f dist/reconcile_*.deb
cp "$build_dir"/reconcile_*.deb dist/
package=$(ls dist/reconcile_*.deb)
dpkg-deb --info "$package" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\):/package: \1:/p'
echo "package: $package"
