#!/bin/sh
# mounts.sh - test_fidelity mounts debugfs only in a mount namespace of its
# own, so that no exit path can leave it mounted on the machine.  The
# worst exit path is taken on purpose: test_fidelity runs under strace(1)
# with every umount2() it makes answered by SIGKILL, debugfs unmounted
# before it starts, and afterwards nothing may be mounted on
# /sys/kernel/debug.  All of it inside "unshare -m" with private mounts, so
# that this test itself cannot change the machine's mounts either.
#
#   tests/mounts.sh TEST_FIDELITY
#
# Needs root, unshare(1) and strace(1); skipped (77) without them.
set -u
t=$1
[ "$(id -u)" -eq 0 ] || { echo "skip: not root"; exit 77; }
command -v unshare >/dev/null 2>&1 || { echo "skip: no unshare(1)"; exit 77; }
command -v strace >/dev/null 2>&1 || { echo "skip: no strace(1) (scripts/deps.sh check installs it)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP	# so that the EXIT trap runs
# LeakSanitizer cannot run under ptrace: test_fidelity's own ctest run
# checks its leaks
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS

# in the namespace: private first (/, or /sys in a chroot), then no
# debugfs, then the test; status 77 when the namespace cannot be had
unshare -m --propagation unchanged sh -c '
	mount --make-rprivate / 2>/dev/null || mount --make-rprivate /sys || exit 77
	while grep -q " /sys/kernel/debug " /proc/self/mountinfo; do
		umount -l /sys/kernel/debug || exit 77
	done
	strace -f -qq -o /dev/null -e trace=umount2 -e inject=umount2:signal=KILL "$1" >"$2/out" 2>&1
	echo "status $?" >>"$2/out"
	grep " /sys/kernel/debug " /proc/self/mountinfo >"$2/left"
	exit 0
' sh "$t" "$tmp"
st=$?
[ $st -eq 77 ] && { echo "skip: no private mount namespace here"; exit 77; }
[ $st -eq 0 ] || { echo "FAIL: unshare: status $st"; exit 1; }
if grep -q 'fidelity: .*skipped' "$tmp/out"; then
	echo "skip: $(grep 'fidelity: .*skipped' "$tmp/out")"
	exit 77
fi
fail=0
if [ -s "$tmp/left" ]; then
	echo "FAIL: mounted on /sys/kernel/debug after test_fidelity:"; cat "$tmp/left"
	fail=1
fi
if ! grep -q '^status 0$' "$tmp/out" || ! grep -q 'debugfs mounted for it' "$tmp/out"; then
	echo "FAIL: test_fidelity did not check with debugfs mounted for it:"; cat "$tmp/out"
	fail=1
fi
[ $fail -eq 0 ] && echo "ok   nothing left mounted, the live check ran"
exit $fail
