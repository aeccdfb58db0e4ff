#!/bin/sh
# build.sh - everything the lab boots, under OUT (default build-lab/):
#
#   lab/build.sh [OUT]
#
#   OUT/kernel            the Debian kernel to boot (LAB_KERNEL, else the
#                         newest installed *-cloud-amd64), its release in
#                         OUT/kernel.release
#   OUT/module/pfburst.ko the test module, built against that release's
#                         headers with kbuild
#   OUT/static/pagefail   pagefail linked statically (PF_STATIC)
#   OUT/initramfs.gz      busybox, pagefail, the modules, lab/guest and
#                         lab/scenarios
#   OUT/disk.img          ext4 holding one sparse file: page cache to fill
#                         memory with in the reclaimable scenarios
#
# Nothing is written outside OUT.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$root/build-lab}
mkdir -p "$out"
out=$(cd "$out" && pwd)

krel=${LAB_KERNEL:-$(ls /boot/vmlinuz-*-cloud-amd64 2>/dev/null | sed 's,.*/vmlinuz-,,' | sort -V | tail -1)}
if [ -z "$krel" ] || [ ! -r "/boot/vmlinuz-$krel" ]; then
	echo "lab: no cloud-amd64 kernel in /boot (lab/deps.sh installs one)" >&2
	exit 1
fi
kdir=/lib/modules/$krel
[ -d "$kdir/build" ] || { echo "lab: no headers for $krel in $kdir/build" >&2; exit 1; }
cp "/boot/vmlinuz-$krel" "$out/kernel"
echo "$krel" >"$out/kernel.release"

# the module, built in a copy so that kbuild writes nothing in lab/
rm -rf "$out/module"
mkdir -p "$out/module"
cp "$here/module/pfburst.c" "$here/module/Kbuild" "$out/module/"
make -s -C "$kdir/build" M="$out/module" modules >"$out/module/build.log" 2>&1 ||
	{ cat "$out/module/build.log" >&2; echo "lab: the module did not build" >&2; exit 1; }

"$root/scripts/build.sh" "$out/static" pagefail-cli -DCMAKE_BUILD_TYPE=Release \
	-DPF_STATIC=ON -DBUILD_TESTING=OFF >/dev/null

"$here/initramfs.sh" "$out/initramfs.gz" /bin/busybox "$out/static/pagefail" \
	"$kdir" "$out/module/pfburst.ko"

# the page cache's source: a sparse file reads as zeroes, and each page read
# is a page cached all the same
if [ ! -s "$out/disk.img" ]; then
	rm -rf "$out/disk"
	mkdir -p "$out/disk"
	truncate -s 3584M "$out/disk/cache.img"
	mkfs.ext4 -q -F -E root_owner=0:0 -d "$out/disk" "$out/disk.img" 4G
	rm -rf "$out/disk"
fi
echo "lab: built for $krel in $out"
