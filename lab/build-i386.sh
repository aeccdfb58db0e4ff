#!/bin/sh
# build-i386.sh - what the i386 run boots, under OUT/i386/ (OUT as for
# lab/build.sh), from the packages lab/deps.sh fetched into OUT/i386/deb/:
#
#   lab/build-i386.sh [OUT]
#
#   OUT/i386/root/           those packages unpacked (dpkg-deb -x): nothing
#                            is installed, the host's /boot is left alone
#   OUT/i386/kernel          Debian's 686-pae kernel: PAE, HighMem above
#                            896 MiB; its release in OUT/i386/kernel.release
#   OUT/i386/module/         pfburst.ko, built with kbuild against the
#                            686-pae headers (ARCH=x86, their 32-bit config)
#   OUT/i386/static/pagefail pagefail linked statically for i386 with the
#                            i686 cross compiler and the i386 libraries
#   OUT/i386/initramfs.gz    as lab/build.sh's, with the i386 busybox
#
# Exits 77 when it cannot build them (or lab/deps.sh could not fetch them:
# OUT/i386/missing), and OUT/i386/skipped then says why: lab/run.sh skips
# the i386 run, and the lab goes on.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$root/build-lab}
mkdir -p "$out/i386"
out=$(cd "$out" && pwd)
o=$out/i386

skip() {
	echo "$*" >"$o/skipped"
	echo "lab: the i386 run is skipped: $*" >&2
	exit 77
}
rm -f "$o/skipped" "$o/initramfs.gz"
[ ! -f "$o/missing" ] || skip "$(cat "$o/missing")"
read -r krel kver <"$o/deb/release" 2>/dev/null ||
	skip "no 686-pae kernel fetched (lab/deps.sh fetches it)"
command -v i686-linux-gnu-gcc >/dev/null ||
	skip "no i686-linux-gnu-gcc (lab/deps.sh installs gcc-i686-linux-gnu)"

# unpacked once per fetch
r=$o/root
if [ "$(cat "$r/.release" 2>/dev/null)" != "$krel $kver" ]; then
	rm -rf "$r"
	mkdir -p "$r"
	for p in "$o"/deb/*.deb; do
		dpkg-deb -x "$p" "$r" || skip "dpkg-deb could not unpack $p"
	done
	# the headers' Makefile includes the common tree's by its absolute
	# path under /usr/src: here, the one unpacked beside it
	h=$r/usr/src/linux-headers-$krel
	echo "include $r/usr/src/linux-headers-${krel%-686-pae}-common/Makefile" >"$h/Makefile"
	echo "$krel $kver" >"$r/.release"
fi
h=$r/usr/src/linux-headers-$krel
if [ ! -r "$r/boot/vmlinuz-$krel" ] || [ ! -d "$h" ] || [ ! -x "$r/bin/busybox" ]; then
	skip "the packages in $o/deb lack the kernel, its headers or busybox"
fi
cp "$r/boot/vmlinuz-$krel" "$o/kernel"
echo "$krel" >"$o/kernel.release"

# the module, in a copy as in lab/build.sh; the headers' own variables
# (.kernelvariables) set ARCH=x86 and gcc-12, and their .config
# CONFIG_X86_32, so kbuild compiles with -m32
rm -rf "$o/module"
mkdir -p "$o/module"
cp "$here/module/pfburst.c" "$here/module/Kbuild" "$o/module/"
make -s -C "$h" M="$o/module" modules >"$o/module/build.log" 2>&1 ||
	skip "pfburst.ko did not build against $krel (see $o/module/build.log)"

# pkg-config reads the i386 .pc files only, CMake then finds the i386 .a
# (libbz2 has none: CMake looks under the compiler's i386-linux-gnu)
PKG_CONFIG_LIBDIR=/usr/lib/i386-linux-gnu/pkgconfig:/usr/share/pkgconfig \
	"$root/scripts/build.sh" "$o/static" pagefail-cli \
	-DCMAKE_C_COMPILER=i686-linux-gnu-gcc -DCMAKE_BUILD_TYPE=Release \
	-DPF_STATIC=ON -DBUILD_TESTING=OFF >/dev/null ||
	skip "the static i386 pagefail did not build (see $o/static/build.log)"

"$here/initramfs.sh" "$o/initramfs.gz" "$r/bin/busybox" "$o/static/pagefail" \
	"$r/lib/modules/$krel" "$o/module/pfburst.ko"
echo "lab: built for $krel in $o"
