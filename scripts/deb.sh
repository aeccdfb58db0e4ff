#!/bin/sh
# deb.sh - the Debian packages (debian/), built as Debian builds them, and
# judged by lintian:
#
#   scripts/deb.sh [OUT]     (default build-deb)
#
# dpkg-buildpackage -us -uc -b runs in a copy of the checkout's tracked
# files, OUT/pagefail, so that what it writes beside its tree (the .debs,
# the .changes, the .buildinfo) lands in OUT and not beside the checkout.
# Then lintian on the .changes: any error or warning fails (an override
# would say why in debian/*.lintian-overrides).  The build's log is
# OUT/build.log.  scripts/deps.sh deb installs what it needs.
set -eu
out=${1:-build-deb}
top=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out/pagefail"
out=$(cd "$out" && pwd)
# the tracked files as they are now (edits included, new files once added)
(cd "$top" && git ls-files -z | xargs -0 cp -P --parents -t "$out/pagefail")
echo "deb: dpkg-buildpackage -us -uc -b (log: $out/build.log)"
if ! (cd "$out/pagefail" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log"
	echo "deb: the build failed: see $out/build.log" >&2
	exit 1
fi
ls "$out"/*.deb
echo "deb: lintian"
lintian --fail-on error,warning --display-info "$out"/*.changes
echo "deb: lintian: no error, no warning"
