#!/bin/sh
# top.sh - tests of pagefail top: batch frames of a saved machine; usage
# errors; signals (with the helper PF_SIGSTORM names); and, when script(1)
# of util-linux is there, the full screen on a pseudo-terminal.  Its golden
# output is a case under tests/cli/cases (top-batch, run by golden.sh).
#
#   tests/cli/top.sh PAGEFAIL SOURCE_DIR
#
# With --root the frames are deterministic: the time prints as "-" (a saved
# directory has no "now"), and the rates are 0 (its counters never move).
. "$(dirname "$0")/lib.sh"

live=tests/fixtures/system/debian12-live
numa=tests/fixtures/system/v4.19-numa
to=
command -v timeout >/dev/null 2>&1 && to="timeout 30"

# every frame starts with its line, and the two frames are the same
"$pf" top -b -n 2 -d 0.1 --root $live >"$tmp/two.out" 2>/dev/null
check top-frame-lines "[ \$(grep -c '^--- pagefail top - ---\$' $tmp/two.out) -eq 2 ]"
n=$(wc -l <"$tmp/two.out")
head -n $((n / 2)) "$tmp/two.out" >"$tmp/f1"
tail -n $((n / 2)) "$tmp/two.out" >"$tmp/f2"
check top-frames-same "[ $((n % 2)) -eq 0 ] && cmp -s $tmp/f1 $tmp/f2"
check top-rates-zero "grep -q '^  compact_stall 0  compact_fail 0 ' $tmp/f1"

# two nodes: one section each
"$pf" top -b -n 1 --root $numa >"$tmp/numa.out" 2>/dev/null
check top-numa "[ $? -eq 0 ] && grep -q '^node 1 ' $tmp/numa.out && grep -q '^node 0 ' $tmp/numa.out"

# rates: counters that move between two frames of a root that changes
cp -r $numa "$tmp/moving"
$to "$pf" top -b -n 2 -d 3 --root "$tmp/moving" >"$tmp/moving.out" 2>/dev/null &
p=$!
i=0
while [ "$(grep -c '^--- pagefail top' "$tmp/moving.out" 2>/dev/null)" != 1 ] && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
sed -i 's/^compact_stall .*/compact_stall 1419/' "$tmp/moving/proc/vmstat"
wait $p
check top-rates-move "[ $? -eq 0 ] && [ \$(grep -c '^  compact_stall 0 ' $tmp/moving.out) -eq 1 ] && grep -q '^  compact_stall [1-9]' $tmp/moving.out"

# usage errors
for args in "-x" "-d" "-d abc" "-d -1" "-d 1e9" "-n 0" "-n x" "extra"; do
	# shellcheck disable=SC2086
	"$pf" top -b $args >/dev/null 2>&1
	check "top-usage $args" "[ $? -eq 2 ]"
done
# a delay of 0 redraws in a busy loop: refused, the minimum named
fails top-delay-0 2 "pagefail: -d takes seconds from 0.1 to 86400, not '0'" top -b -n 1 -d 0
fails top-root-missing 1 "pagefail: $tmp/nonexistent: no such file or directory" \
	top -b -n 1 --root "$tmp/nonexistent"
"$pf" help top >"$tmp/h1"; "$pf" top --help >"$tmp/h2"
check help-top "cmp -s $tmp/h1 $tmp/h2"

# the full screen needs a terminal; batch does not
"$pf" top -n 1 </dev/null >"$tmp/notty.out" 2>"$tmp/notty.err"
check top-no-terminal "[ $? -eq 1 ] && grep -q 'use -b' $tmp/notty.err && [ ! -s $tmp/notty.out ]"
"$pf" top -b -n 1 -d 0.1 </dev/null >"$tmp/live.out" 2>/dev/null
check top-batch-live "[ $? -eq 0 ] && grep -q '^--- pagefail top [0-9-]* [0-9:]* ---\$' $tmp/live.out"

# SIGTERM and SIGINT end batch mode at once, with status 0: one frame of
# two.  A stop is often two signals (timeout(1) sends SIGTERM to us, then
# to our process group), and the second must not kill the shutdown the
# first began: sigstorm (tests/cli/sigstorm.c) sends them until we exit,
# so that one lands in every part of the shutdown.  Five runs each.
if [ -x "${PF_SIGSTORM:-}" ]; then
	for sig in term:15 int:2; do
		runs=
		for i in 1 2 3 4 5; do
			"$PF_SIGSTORM" "${sig#*:}" "$pf" top -b -n 2 -d 20 --root $live >"$tmp/sig.out" 2>/dev/null
			runs="$runs $?/$(grep -c '^--- pagefail top' "$tmp/sig.out")"
		done
		# each run: status 0 after one frame
		check "top-sig${sig%:*}-batch" "[ '$runs' = ' 0/1 0/1 0/1 0/1 0/1' ]"
	done
else
	echo "skip top-sigterm-batch: PF_SIGSTORM is not tests/cli/sigstorm (ctest sets it)"
fi

# the full screen on a pseudo-terminal: two frames, escape sequences, and
# the terminal given back (rmcup) after -n and after SIGTERM
if grep -q 'without ncurses' "$tmp/notty.err"; then
	echo "skip top-screen: pagefail was built without ncurses"
elif command -v script >/dev/null 2>&1 && script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	esc=$(printf '\033')
	TERM=xterm $to script -qec "$pf top -n 2 -d 0.1" /dev/null </dev/null >"$tmp/screen.out" 2>&1
	check top-screen "[ $? -eq 0 ] && grep -q '$esc\\[' $tmp/screen.out && grep -q 'pagefail top' $tmp/screen.out"
	check top-screen-restored "grep -q '$esc\\[?1049l' $tmp/screen.out"
	TERM=xterm $to script -qec "sh -c '$pf top -d 30 </dev/tty & p=\$!; sleep 2; kill -TERM \$p; wait \$p; echo status=\$?'" /dev/null </dev/null >"$tmp/screen-term.out" 2>&1
	check top-screen-sigterm "grep -q 'status=0' $tmp/screen-term.out && grep -q '$esc\\[?1049l' $tmp/screen-term.out"
else
	echo "skip top-screen: no script(1) that runs here"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
