#!/usr/bin/env bash
# `cmake --install` of the build (what the Debian package holds, see scripts/package.sh) into a
# scratch prefix: the binary runs from there and prints its version, the man page is the
# binary's own --help, and the model's JSON Schema is where export's `#:schema` line says; the
# Debian package holds the same files.
# Usage: tests/install_test.sh BUILD_DIR
set -euo pipefail
build_dir=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
fail() { echo "install_test: $*" >&2; exit 1; }

[ -x "$prefix/bin/reconcile" ] || fail "no bin/reconcile"
version=$("$prefix/bin/reconcile" --version | head -1)
[[ $version =~ ^reconcile\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version's first line is '$version'"

man_page=$prefix/share/man/man1/reconcile.1
[ -f "$man_page" ] || fail "no man page at share/man/man1/reconcile.1"
grep -q '^\.TH RECONCILE "1"' "$man_page" || fail "the man page has no .TH RECONCILE 1 header"
for text in "What to compare" "Safety" "allow\\\\-drop" "^\.SH EXAMPLES" "Subcommands"; do
  grep -q "$text" "$man_page" || fail "the man page lacks '$text'"
done
version_number=${version#reconcile }
grep -q "$version_number" "$man_page" || fail "the man page does not carry version $version_number"

schema_json=$prefix/share/reconcile/reconcile.schema.json
[ -f "$schema_json" ] || fail "no share/reconcile/reconcile.schema.json"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$schema_json" || fail "the installed JSON Schema does not parse"
cmp -s "$schema_json" "$(dirname "$0")/../docs/reconcile.schema.json" || fail "the installed JSON Schema is not docs/reconcile.schema.json"
for doc in README.md schema-format.md ci.md; do
  [ -f "$prefix/share/doc/reconcile/$doc" ] || fail "no share/doc/reconcile/$doc"
done

# The Debian package CPack makes of the same install rules (what scripts/package.sh runs in a
# Release build for /usr): its name carries the version, and it holds the binary, the man page,
# the JSON Schema and the docs.
package_dir=$prefix/package
(cd "$build_dir" && cpack -G DEB -B "$package_dir" >"$prefix/cpack.log" 2>&1) || { cat "$prefix/cpack.log" >&2; fail "cpack -G DEB failed"; }
package=$package_dir/reconcile_${version_number}_$(dpkg --print-architecture).deb
[ -f "$package" ] || fail "no $package (found: $(ls "$package_dir"/*.deb 2>/dev/null))"
contents=$(dpkg-deb -c "$package" | awk '{print $6}')
for file in ./usr/bin/reconcile ./usr/share/man/man1/reconcile.1 ./usr/share/reconcile/reconcile.schema.json \
            ./usr/share/doc/reconcile/README.md ./usr/share/doc/reconcile/schema-format.md ./usr/share/doc/reconcile/ci.md \
            ./usr/share/doc/reconcile/plan-format.md ./usr/share/doc/reconcile/adopting.md; do
  grep -qxF "$file" <<<"$contents" || fail "the package lacks $file"
done
echo "install_test: $version installed with its man page, JSON Schema and docs, and packaged as $(basename "$package")"
