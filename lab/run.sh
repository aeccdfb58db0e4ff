#!/bin/sh
# run.sh - boot one lab scenario under QEMU and collect what it left:
#
#   lab/run.sh OUT RUN
#
# OUT is what lab/build.sh built; RUN a name in lab/plan, which gives its
# scenario and variables.  OUT/runs/RUN/ receives console.log
# (the first serial port: the kernel's own reports), guest/ (what the
# scenario saved: snapshots, vmstat before and after each burst, the
# module's counts) and qemu.log.  Software emulation (tcg), since nested KVM
# dies here on the guest's cmpxchg16b; a scenario that does not power off
# within LAB_TIMEOUT seconds (default 240) is killed and reported.
# A run with ARCH=i386 boots OUT/i386/ (lab/build-i386.sh) with
# qemu-system-i386; when that was not built, OUT/runs/RUN/skipped says why.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$1" && pwd)
name=$2
line=$(awk -v n="$name" '$1 == n' "$here/plan")
[ -n "$line" ] || { echo "lab: no run '$name' in lab/plan" >&2; exit 2; }
scenario=$(echo "$line" | awk '{print $2}')
vars=$(echo "$line" | cut -f3-)
scn=$here/scenarios/$scenario.sh
[ -r "$scn" ] || { echo "lab: no scenario $scenario" >&2; exit 2; }

MEM=256M NUMA=1 DISK=no ARCH=x86_64 SMP=
. "$scn"
# the run's variables may change the machine too (MEM=3G, ARCH=i386)
for v in $vars; do
	case $v in
	MEM=*|NUMA=*|DISK=*|SMP=*|ARCH=*) eval "$v" ;;
	esac
done
run=$out/runs/$name
rm -rf "$run"
mkdir -p "$run/guest"

case $ARCH in
x86_64|i386) ;;
*) echo "lab: $name: no ARCH $ARCH (x86_64, i386)" >&2; exit 2 ;;
esac
boot=$out
if [ "$ARCH" = i386 ]; then
	boot=$out/i386
	why=
	[ -r "$boot/initramfs.gz" ] || why="not built (lab/build-i386.sh)"
	[ ! -f "$boot/skipped" ] || why=$(cat "$boot/skipped")
	if [ -n "$why" ]; then
		echo "$why" >"$run/skipped"
		echo "lab: $name: skipped: $why"
		exit 0
	fi
fi
set -- -accel tcg -cpu max -m "$MEM" -display none -monitor none -no-reboot \
	-kernel "$boot/kernel" -initrd "$boot/initramfs.gz" \
	-append "console=ttyS0 loglevel=7 panic=-1 pf.scenario=$scenario pf.vars=$(echo $vars | tr ' ' ,)" \
	-serial "file:$run/console.log" -serial "file:$run/out.b64"
if [ "$NUMA" -gt 1 ]; then
	# two nodes of half the memory each, the one CPU on node 0: node 1's
	# kswapd then runs on that CPU too, never during a burst, which
	# keeps it in softirq (with a CPU of its own, node 1's kswapd races
	# the burst under TCG, and the outcome is the host's timing)
	half=$(( ${MEM%M} / 2 ))M
	set -- "$@" -smp 1 \
		-object memory-backend-ram,id=m0,size=$half -numa node,memdev=m0,cpus=0 \
		-object memory-backend-ram,id=m1,size=$half -numa node,memdev=m1
elif [ -n "$SMP" ]; then
	set -- "$@" -smp "$SMP"
fi
if [ "$DISK" = yes ]; then
	# read only, and a snapshot: the image is never written
	set -- "$@" -drive "file=$out/disk.img,format=raw,if=virtio,readonly=on"
fi

start=$(date +%s)
rc=0
timeout "${LAB_TIMEOUT:-240}" "qemu-system-$ARCH" "$@" >"$run/qemu.log" 2>&1 || rc=$?
echo $(( $(date +%s) - start )) >"$run/seconds"
if [ $rc -ne 0 ]; then
	echo "lab: $name: qemu exited $rc (124: timed out): see $run/qemu.log" >&2
fi
sed -n '/^==pagefail-lab-out==/,/^==pagefail-lab-end==/p' "$run/out.b64" |
	sed '1d;$d' | base64 -d | tar -x -C "$run/guest" 2>/dev/null || {
	echo "lab: $name: the guest sent nothing back (see $run/console.log)" >&2
	exit 1
}
echo "lab: $name: $(cat "$run/seconds") s, guest exit $(cat "$run/guest/guest.rc")"
