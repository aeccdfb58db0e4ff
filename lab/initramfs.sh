#!/bin/sh
# initramfs.sh - the guest's initramfs, for either architecture's run
# (lab/build.sh, lab/build-i386.sh):
#
#   lab/initramfs.sh OUT.gz BUSYBOX PAGEFAIL KMODDIR PFBURST.ko
#
# busybox (its applets as links, as /bin is all there is), the static
# pagefail, the virtio modules of KMODDIR (/lib/modules/RELEASE) and the
# test module, lab/guest and lab/scenarios.  OUT (OUT.gz less .gz) is the
# tree it is packed from.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gz=$1 busybox=$2 pagefail=$3 kdir=$4 ko=$5
st=${gz%.gz}
rm -rf "$st"
mkdir -p "$st/bin" "$st/lib/modules" "$st/lab/scenarios" "$st/proc" "$st/sys" \
	"$st/dev" "$st/mnt" "$st/out" "$st/etc"
cp "$busybox" "$st/bin/busybox"
# the applets of this busybox (an i386 one runs here too), else the host's
# of the same Debian release
list=$("$busybox" --list 2>/dev/null || /bin/busybox --list)
for a in $list; do
	[ "$a" = busybox ] || ln -s busybox "$st/bin/$a"
done
cp "$pagefail" "$st/bin/pagefail"
for m in virtio virtio_ring virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci; do
	cp "$kdir/kernel/drivers/virtio/$m.ko" "$st/lib/modules/"
done
cp "$kdir/kernel/drivers/block/virtio_blk.ko" "$ko" "$st/lib/modules/"
# the kernel's configuration, where pagefail trace finds CONFIG_NODES_SHIFT
# (Debian's kernels have no /proc/config.gz)
rel=$(basename "$kdir")
cfg=${kdir%/lib/modules/*}/boot/config-$rel
if [ -r "$cfg" ]; then
	mkdir -p "$st/boot"
	cp "$cfg" "$st/boot/"
fi
cp "$here/guest/init" "$st/init"
cp "$here/guest/lib.sh" "$st/lab/lib.sh"
cp "$here"/scenarios/*.sh "$st/lab/scenarios/"
chmod 755 "$st/init"
(cd "$st" && find . | sort | cpio -o -H newc --quiet) | gzip -1 >"$gz"
