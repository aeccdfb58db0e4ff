#!/bin/sh
# apply.sh - advise --apply on trees that lead out of their root: symbolic
# links to this machine's /proc/sys and /etc (tar keeps them, so an
# extracted sosreport can hold them), a link loop, a bind mount, a procfs
# mounted in a tree, and this machine's "/" with a /proc/sys/vm that is
# not procfs.  Each is refused with one line naming the path and why, and
# writes nothing.  Both ways of the resolver run: openat2, and the walk
# under tests/helpers/no_openat2 ($PF_NO_OPENAT2, set by ctest), where
# openat2 answers ENOSYS.
#
# It runs in a private mount namespace where tmpfs stand-ins cover
# /proc/sys/vm (with copies of its files) and /etc/sysctl.d, so that even
# a wrong implementation can only write to the stand-ins, which the test
# checks are untouched.  The namespace and its mounts end with the test.
#
#   tests/cli/apply.sh PAGEFAIL SOURCE_DIR [SHARED_DIR]
#
# Skips (exit 77, one line) when not root, or when unshare is not allowed.
set -u
if [ -z "${PF_APPLY_NS:-}" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "skip: apply.sh needs root (a private mount namespace)"
		exit 77
	fi
	if ! command -v mount >/dev/null 2>&1 ||
	   ! unshare -m --propagation private true 2>/dev/null; then
		echo "skip: apply.sh cannot make a private mount namespace (unshare -m)"
		exit 77
	fi
	if [ ! -d /etc/sysctl.d ] || [ ! -d /proc/sys/vm ]; then
		echo "skip: no /etc/sysctl.d or /proc/sys/vm to stand in for"
		exit 77
	fi
	PF_APPLY_NS=1 exec unshare -m --propagation private sh "$0" "$@"
fi

. "$(dirname "$0")/lib.sh"

# Mounts under $tmp go before the files: rm must never cross into one.
cleanup() {
	awk -v t="$tmp/" 'index($2, t) == 1 { print $2 }' /proc/self/mounts |
		sort -r | while read -r m; do umount -l "$m"; done
	rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT

# the stand-ins: nothing below runs unless both are in place
stash="$tmp/stash"
mkdir "$stash"
for f in /proc/sys/vm/*; do
	cat "$f" >"$stash/${f##*/}" 2>/dev/null || rm -f "$stash/${f##*/}"
done
mount -t tmpfs -o mode=755 pf-test-vm /proc/sys/vm && cp "$stash"/* /proc/sys/vm/ &&
	mount -t tmpfs -o mode=755 pf-test-sysctl.d /etc/sysctl.d
if [ "$(stat -f -c %T /proc/sys/vm)" != tmpfs ] ||
   [ "$(stat -f -c %T /etc/sysctl.d)" != tmpfs ] ||
   [ "$(stat -f -c %T /proc/sys)" != proc ]; then
	echo "FAIL apply-stand-ins: /proc/sys/vm and /etc/sysctl.d are not covered"
	exit 1
fi
echo 67584 >/proc/sys/vm/min_free_kbytes
echo 0 >/proc/sys/vm/zone_reclaim_mode

ex=examples/seed-rhel6-kb-example.log
rhel6=tests/fixtures/system/rhel6-sosreport

# what a directory holds: names, types, link targets, sizes, contents
snap() {
	(cd "$1" && find . -printf '%p %y %l %s %m\n' | sort &&
	 find . -type f -exec md5sum {} + | sort)
}
snap /proc/sys/vm >"$tmp/vm.before"
snap /etc/sysctl.d >"$tmp/etc.before"
standins_same() {
	snap /proc/sys/vm | cmp -s - "$tmp/vm.before" &&
	snap /etc/sysctl.d | cmp -s - "$tmp/etc.before"
}

# a tree as advise --apply wants it: the RHEL 6 machine with proc/sys/vm
n=0
real=$(cd "$tmp" && pwd -P)
tree() {
	n=$((n + 1))
	t="$real/tree$n"
	cp -r $rhel6 "$t"
	mkdir -p "$t/proc/sys/vm"
	echo 90112 >"$t/proc/sys/vm/min_free_kbytes"
	echo 0 >"$t/proc/sys/vm/zone_reclaim_mode"
}

# pagefail, or (how=walk) pagefail where openat2 answers ENOSYS
run() {
	if [ "$how" = walk ]; then
		"$PF_NO_OPENAT2" "$pf" "$@"
	else
		"$pf" "$@"
	fi
}
hows="openat2 walk"
if [ -z "${PF_NO_OPENAT2:-}" ]; then
	echo "note: PF_NO_OPENAT2 is not set: the walk is not tested"
	hows=openat2
fi

# refused NAME WHAT: advise --apply on tree $t is refused in one line
# naming $t/WHAT and $why, and nothing is written in $t or the stand-ins
refused() {
	name=$1; what=$2
	snap "$t" >"$tmp/tree.before"
	for how in $hows; do
		run advise --apply --root "$t" $ex >"$tmp/out" 2>"$tmp/err"
		check "$name-$how-status" "[ $? -eq 1 ]"
		check "$name-$how-says" "[ \$(wc -l <$tmp/err) -eq 1 ] && grep -qF \"refusing to write under '$t': '$t/$what' $why\" $tmp/err && grep -q 'nothing was written' $tmp/err"
		check "$name-$how-tree" "snap $t | cmp -s - $tmp/tree.before"
		check "$name-$how-standins" "standins_same"
	done
}

why='is a symbolic link'
tree; mkdir -p "$t/proc"; rm -rf "$t/proc/sys"; ln -s /proc/sys "$t/proc/sys"
refused proc-sys proc/sys
tree; mv "$t/proc" "$t/proc.saved"; ln -s /proc "$t/proc"
refused proc proc
tree; ln -s /etc "$t/etc"
refused etc etc
tree; rm -rf "$t/proc/sys/vm"; ln -s /proc/sys/vm "$t/proc/sys/vm"
refused middle proc/sys/vm
tree; rm "$t/proc/sys/vm/min_free_kbytes"
ln -s /proc/sys/vm/min_free_kbytes "$t/proc/sys/vm/min_free_kbytes"
refused final proc/sys/vm/min_free_kbytes
tree; mkdir -p "$t/etc"; ln -s /etc/sysctl.d "$t/etc/sysctl.d"
refused etc-sysctl.d etc/sysctl.d
tree; mkdir -p "$t/etc/sysctl.d"
ln -s /etc/sysctl.d/90-pagefail.conf "$t/etc/sysctl.d/90-pagefail.conf"
refused final-conf etc/sysctl.d/90-pagefail.conf
tree; rm -rf "$t/proc/sys/vm"; ln -s vm "$t/proc/sys/vm"
refused loop proc/sys/vm
tree; rm -rf "$t/proc/sys"; ln -s ../../../../../../../../../proc/sys "$t/proc/sys"
refused dotdot proc/sys

# no link, but this machine's own directory mounted into the tree
why="is this machine's /etc/sysctl.d"
tree; mkdir -p "$t/etc/sysctl.d"; mount --bind /etc/sysctl.d "$t/etc/sysctl.d"
refused bind-sysctl.d etc/sysctl.d
umount "$t/etc/sysctl.d"
# a procfs in a tree is this machine's kernel: read only (--dry-run), so
# that a wrong implementation cannot set it
tree; mount -t proc pf-test-proc "$t/proc"
"$pf" advise --apply --dry-run --root "$t" $ex >"$tmp/out" 2>"$tmp/err"
check procfs-in-tree "[ $? -eq 1 ] && grep -qF \"'$t/proc/sys/vm/min_free_kbytes' is on procfs\" $tmp/err"
umount "$t/proc"

# this machine's "/", with a /proc/sys/vm that is not procfs (the stand-in)
"$pf" advise --apply --root / $ex >"$tmp/out" 2>"$tmp/err"
check live-not-procfs "[ $? -eq 1 ] && grep -qF \"'/proc/sys/vm/min_free_kbytes' is not on procfs\" $tmp/err && grep -q 'nothing was written' $tmp/err"
check live-not-procfs-standins "standins_same"

# this machine's "/" spelt another way is still this machine: not as a user
if command -v setpriv >/dev/null 2>&1; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$pf" advise --apply --root /. $ex >"$tmp/out" 2>"$tmp/err"
	check live-spelt-other "[ $? -eq 1 ] && grep -q 'run it as root' $tmp/err && standins_same"
fi

# and a clean tree still applies, both ways; a tree given through a link
# says where it really wrote
for how in $hows; do
	tree; ln -s "$t" "$real/link$n"
	run advise --apply --root "$real/link$n" $ex >"$tmp/out" 2>"$tmp/err"
	check "clean-$how" "[ $? -eq 0 ] && [ \$(cat $t/proc/sys/vm/min_free_kbytes) -eq 180224 ] && grep -qx 'vm.min_free_kbytes = 180224' $t/etc/sysctl.d/90-pagefail.conf"
	check "clean-$how-real-path" "grep -qx 'wrote $t/etc/sysctl.d/90-pagefail.conf' $tmp/out"
	check "clean-$how-standins" "standins_same"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
