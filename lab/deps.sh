#!/bin/sh
# deps.sh - what the lab needs from Debian: QEMU, busybox, and a kernel to
# boot with the headers to build the test module against.  Installs what is
# missing as root; otherwise says what and exits 77 (skipped).
#
#   lab/deps.sh [OUT]
#
# Then what the i386 run needs (lab/build-i386.sh): an i686 cross compiler
# and the i386 static libraries pagefail links, installed, and Debian's
# 686-pae kernel, its headers and an i386 busybox, fetched into OUT/i386/deb/
# and never installed.  When that cannot be had, OUT/i386/missing says what,
# and only the i386 run is skipped; LAB_I386=no skips it too.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../build-lab}

# the packages of $* not installed, each with a space before it
missing() {
	m=
	for p in "$@"; do
		st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		case "$st" in
		*"install ok installed"*) ;;
		*) m="$m $p" ;;
		esac
	done
	echo "$m"
}

export DEBIAN_FRONTEND=noninteractive
updated=
update() {
	[ -n "$updated" ] || apt-get update -qq || true
	updated=yes
}

missing=$(missing qemu-system-x86 busybox-static linux-image-cloud-amd64 \
	linux-headers-cloud-amd64 e2fsprogs cpio gzip python3)
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "lab: skipped: missing packages:$missing (as root: apt-get install$missing)" >&2
		exit 77
	fi
	echo "lab: installing$missing" >&2
	update
	# shellcheck disable=SC2086
	if ! apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
		echo "lab: skipped: apt-get could not install$missing" >&2
		exit 77
	fi
fi

# The i386 run.  Whatever fails here skips it alone: lab/build-i386.sh
# says what in one line.
skip_i386() {
	mkdir -p "$out/i386"
	echo "$*" >"$out/i386/missing"
	exit 0
}
[ "${LAB_I386:-yes}" != no ] || skip_i386 "LAB_I386=no"
rm -f "$out/i386/missing"
root=no
[ "$(id -u)" -ne 0 ] || root=yes

# i386 packages come from Debian's i386 archive: a foreign architecture here
case " $(dpkg --print-architecture) $(dpkg --print-foreign-architectures | tr '\n' ' ') " in
*" i386 "*) ;;
*)
	[ $root = yes ] || skip_i386 "i386 is not an architecture of dpkg (as root: dpkg --add-architecture i386)"
	dpkg --add-architecture i386
	updated=
	;;
esac

# installed: the cross compiler of the static i386 pagefail, and the .a of
# each library it links (CMakeLists.txt: zlib, liblzma, libzstd, libbz2),
# which bring libc6-dev:i386 along
host="gcc-i686-linux-gnu zlib1g-dev:i386 liblzma-dev:i386 libzstd-dev:i386 libbz2-dev:i386"
# shellcheck disable=SC2086
missing=$(missing $host)
if [ -n "$missing" ]; then
	[ $root = yes ] || skip_i386 "missing packages:$missing (as root: apt-get install$missing)"
	echo "lab: installing$missing" >&2
	update
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		skip_i386 "apt-get could not install$missing"
fi

# Fetched, not installed: the kernel's postinst would write the host's /boot
# and initramfs, and busybox-static:i386 would replace the amd64 busybox the
# other runs boot with.  The kernel (linux-image-686-pae's newest), its
# headers, the headers' common tree (the kbuild Makefile) and the kbuild
# tools at the same version (host programs: amd64), and busybox.
release() {
	apt-cache depends linux-image-686-pae:i386 2>/dev/null |
		sed -n 's/.*Depends: linux-image-\([^:]*-686-pae\).*/\1/p' | head -1
}
rel=$(release)
if [ -z "$rel" ] && [ $root = yes ]; then
	update
	rel=$(release)
fi
[ -n "$rel" ] || skip_i386 "apt-cache knows no linux-image-686-pae:i386 (apt-get update as root)"
ver=$(apt-cache show --no-all-versions "linux-image-$rel:i386" | sed -n 's/^Version: //p')
d=$out/i386/deb
[ "$(cat "$d/release" 2>/dev/null)" != "$rel $ver" ] || exit 0
# linux-kbuild-6.1 of 6.1.0-57
kbuild=linux-kbuild-$(echo "$rel" | cut -d. -f1-2)
echo "lab: fetching the $rel kernel, its headers and busybox for the i386 run" >&2
rm -rf "$d"
mkdir -p "$d"
# apt-get download writes into the working directory
fetch() {
	(cd "$d" && apt-get download "linux-image-$rel:i386=$ver" \
		"linux-headers-$rel:i386=$ver" "linux-headers-${rel%-686-pae}-common=$ver" \
		"$kbuild=$ver" busybox-static:i386) >"$d/apt.log" 2>&1
}
if ! fetch; then
	[ $root = yes ] || skip_i386 "apt-get download failed (see $d/apt.log)"
	updated=
	update
	fetch || skip_i386 "apt-get download failed (see $d/apt.log)"
fi
echo "$rel $ver" >"$d/release"
