#!/bin/sh
# bounds.sh - inputs that must not hang pagefail or make it work without
# end: FIFOs, devices, symlink loops and huge files named as sources, in a
# --root tree or as a scenario; compressed logs of every format, damaged,
# and decompression bombs; scenarios too big for the machine.
#
#   tests/cli/bounds.sh PAGEFAIL SOURCE_DIR [SHARED_DIR] [--update]
#
# Every command runs under timeout: before the fixes, the FIFO and
# /dev/zero cases waited for ever; now they fail instead of hanging.
. "$(dirname "$0")/lib.sh"

ex=examples/seed-rhel6-kb-example.log
sys=tests/fixtures/system/rhel6-sosreport
t() { timeout 20 "$pf" "$@"; }

# ---- named sources that are not regular files ----------------------------

mkfifo "$tmp/fifo.log"
ln -s /dev/zero "$tmp/zero.log"
t scan -j "$tmp/fifo.log" /dev/zero "$tmp/zero.log" $ex >"$tmp/nr.j" 2>"$tmp/nr.err"
st=$?
check not-regular-status "[ $st -eq 4 ]"
check not-regular-rest "[ \$(grep -c '\"task\":' $tmp/nr.j) -eq 6 ]"
check not-regular-lines "[ \$(wc -l <$tmp/nr.err) -eq 3 ]"
check not-regular-fifo "grep -qx \"pagefail: cannot read '$tmp/fifo.log': not a regular file (to read a FIFO or a device anyway, pipe it to '-')\" $tmp/nr.err"
check not-regular-zero "grep -q \"cannot read '/dev/zero': not a regular file\" $tmp/nr.err"
check not-regular-link "grep -q \"cannot read '$tmp/zero.log': not a regular file\" $tmp/nr.err"

# stdin may be anything: a pipe is what the message above asks for
cat $ex | t scan -j - >"$tmp/pipe.j"
check stdin-pipe "[ $? -eq 3 ] && [ \$(grep -c '\"task\":' $tmp/pipe.j) -eq 6 ]"

# the kernel log device named as such is read as the kernel log
if [ -r /dev/kmsg ] && dd if=/dev/kmsg of=/dev/null bs=16k count=1 iflag=nonblock 2>/dev/null; then
	t scan -q /dev/kmsg 2>"$tmp/kmsg.err"
	st=$?
	check kmsg-named "{ [ $st -eq 0 ] || [ $st -eq 3 ]; } && [ ! -s $tmp/kmsg.err ]"
else
	echo "skip kmsg-named: /dev/kmsg cannot be read here"
fi

# a directory with a FIFO, a link to /dev/zero and symlink loops in it
mkdir -p "$tmp/logs/a"
cp $ex "$tmp/logs/a/x.log"
mkfifo "$tmp/logs/a/fifo.log"
ln -s /dev/zero "$tmp/logs/zero.log"
ln -s .. "$tmp/logs/a/up"
ln -s self "$tmp/logs/self"
t scan -j "$tmp/logs" >"$tmp/dir.j" 2>"$tmp/dir.err"
# the looping link is named (an error: exit 4), the rest is read
check dir-hostile "[ $? -eq 4 ] && [ \$(grep -c '\"task\":' $tmp/dir.j) -eq 6 ]"
check dir-hostile-loop "grep -q \"self': too many levels of symbolic links\" $tmp/dir.err"

# ---- compressed logs: four formats, the same way -------------------------

"$pf" scan -j $ex | sed 's/"source":"[^"]*"//' >"$tmp/plain.j"
for z in gzip xz zstd bzip2; do
	if ! command -v $z >/dev/null 2>&1; then
		echo "skip $z: no $z command"
		continue
	fi
	$z -c $ex >"$tmp/log.$z" 2>/dev/null
	t scan -j "$tmp/log.$z" | sed 's/"source":"[^"]*"//' >"$tmp/$z.j"
	check "$z-same" "cmp -s $tmp/plain.j $tmp/$z.j"
	# logrotate's files joined by cat: one log
	cat "$tmp/log.$z" "$tmp/log.$z" >"$tmp/cat.$z"
	t scan -j "$tmp/cat.$z" >"$tmp/cat.j"
	check "$z-cat" "[ \$(grep -c '\"task\":' $tmp/cat.j) -eq 12 ]"
	# cut short: one line naming the source, and what came before
	head -c $(($(wc -c <"$tmp/cat.$z") - 40)) "$tmp/cat.$z" >"$tmp/cut.$z"
	t scan -j "$tmp/cut.$z" >"$tmp/cut.j" 2>"$tmp/cut.err"
	st=$?
	check "$z-cut" "[ $st -eq 4 ] && [ \$(grep -c '\"task\":' $tmp/cut.j) -ge 6 ]"
	check "$z-cut-msg" "grep -qx \"pagefail: cannot read all of '$tmp/cut.$z': truncated $z stream\" $tmp/cut.err"
	# damaged in the middle: one line, whatever garbage came before the
	# decoder saw it (bzip2 checks a block's CRC at its end)
	cp "$tmp/log.$z" "$tmp/bad.$z"
	printf 'UUUUUUUUUUUUUUUU' | dd of="$tmp/bad.$z" bs=1 \
		seek=$(($(wc -c <"$tmp/log.$z") / 2)) conv=notrunc 2>/dev/null
	t scan -j "$tmp/bad.$z" $ex >"$tmp/bad.j" 2>"$tmp/bad.err"
	st=$?
	check "$z-corrupt" "[ $st -eq 4 ] && [ \$(wc -l <$tmp/bad.err) -eq 1 ] && grep -q \"cannot read all of '$tmp/bad.$z'\" $tmp/bad.err"
	# a bomb: 40 MiB of empty lines; it stops after 16 MiB, the next is read
	head -c 41943040 /dev/zero | tr '\0' '\n' | $z -c >"$tmp/bomb.$z"
	t scan -j "$tmp/bomb.$z" $ex >"$tmp/bomb.j" 2>"$tmp/bomb.err"
	st=$?
	check "$z-bomb" "[ $st -eq 4 ] && [ \$(grep -c '\"task\":' $tmp/bomb.j) -eq 6 ] && [ \$(wc -l <$tmp/bomb.err) -eq 1 ]"
	check "$z-bomb-msg" "grep -q \"cannot read all of '$tmp/bomb.$z': 16 MiB decoded from [0-9]* KiB, more than 1000 times its size: stopped there, as a decompression bomb\" $tmp/bomb.err"
done

# ---- a --root tree is untrusted ------------------------------------------

cp -r $sys "$tmp/root"
rm "$tmp/root/proc/zoneinfo"
ln -s /dev/zero "$tmp/root/proc/zoneinfo"
rm "$tmp/root/proc/meminfo"
mkfifo "$tmp/root/proc/meminfo"
t status --root "$tmp/root" >"$tmp/root.out" 2>"$tmp/root.err"
check root-zero-status "[ $? -eq 0 ]"
check root-zero-msg "grep -q 'proc/zoneinfo: cannot read: not a regular file' $tmp/root.err"
check root-fifo-msg "grep -q 'proc/meminfo: cannot read: not a regular file' $tmp/root.err"
check root-rest "grep -q '^kernel 2.6.32-358.2.1.el6.x86_64' $tmp/root.out"
t snapshot --root "$tmp/root" "$tmp/snap" >/dev/null 2>"$tmp/snap.err"
check root-snapshot "[ $? -eq 0 ] && [ ! -e $tmp/snap/proc/zoneinfo ] && [ -s $tmp/snap/proc/buddyinfo ]"
t advise --root "$tmp/root" $ex >/dev/null 2>&1
st=$?
check root-advise "[ $st -ne 124 ]"

# ---- scenario and rules files -------------------------------------------

mkfifo "$tmp/fifo.scn"
t simulate "$tmp/fifo.scn" >/dev/null 2>"$tmp/scn.err"
check scenario-fifo "[ $? -eq 1 ] && [ -s $tmp/scn.err ]"
t simulate /dev/zero >/dev/null 2>&1
check scenario-zero "[ $? -eq 1 ]"
t explain --rules "$tmp/fifo.scn" $ex >/dev/null 2>&1
check rules-fifo "[ $? -eq 1 ]"

# ---- scenarios that need more memory than there is ------------------------

# told before a run, worked out from the zones: nothing is allocated
printf '[machine]\nzone = Normal 4T\n[phase p]\nduration = 10s\nfill = 90%%\n' >"$tmp/4t.scn"
t simulate "$tmp/4t.scn" --max-memory 1G >"$tmp/4t.out" 2>"$tmp/4t.err"
check mem-refused "[ $? -eq 1 ] && [ ! -s $tmp/4t.out ] && [ \$(wc -l <$tmp/4t.err) -eq 1 ]"
check mem-refused-msg "grep -qx \"pagefail: $tmp/4t.scn: simulating it needs about 18.8 GiB of memory, more than --max-memory 1 GiB: make its zones or fills smaller (each GiB the run fills or allocates takes 3 MiB, 5 with a fill), or raise the limit with --max-memory\" $tmp/4t.err"
t simulate -j "$tmp/4t.scn" --max-memory 1G >"$tmp/4t.j" 2>/dev/null
check mem-refused-json "[ $? -eq 1 ] && grep -q '\"error\":.*needs about 18.8 GiB' $tmp/4t.j"
# memory never touched costs nothing: a 1 TiB zone without a fill fits in
# 64 MiB, and its 3 GiB of page arrays are reserved, which ulimit -v sees
printf '[machine]\nzone = Normal 1T\n[phase p]\nduration = 1s\nnet = 1000/s\n' >"$tmp/1t.scn"
t simulate "$tmp/1t.scn" --max-memory 64M >"$tmp/1t.out" 2>"$tmp/1t.err"
check mem-untouched "[ $? -eq 0 ] && [ ! -s $tmp/1t.err ] && grep -q '^simulated 1.0 s: 1000 allocations, 0 failures' $tmp/1t.out"
# (AddressSanitizer reserves terabytes of shadow memory at start, which no
# ulimit -v allows: that build cannot run under the limit at all)
if grep -qa __asan_init "$pf"; then
	echo "skip mem-address-space: an AddressSanitizer build cannot run under ulimit -v"
else
	(ulimit -v 1048576 && "$pf" simulate "$tmp/1t.scn" >/dev/null 2>"$tmp/1tv.err")
	check mem-address-space "[ $? -eq 1 ] && grep -qx \"pagefail: $tmp/1t.scn: simulating it reserves about 3.0 GiB of address space, more than the 1 GiB ulimit -v allows: make its zones smaller (each GiB of zone reserves 3 MiB), or raise ulimit -v\" $tmp/1tv.err"
fi
# a word above a quarter of the limit, then the run
sc=tests/fixtures/scenarios/small.scn
t simulate $sc --max-memory 2M --reports 0 >"$tmp/w.out" 2>"$tmp/w.err"
check mem-warned "[ $? -eq 3 ] && grep -q '^simulated' $tmp/w.out && [ \$(wc -l <$tmp/w.err) -eq 1 ] && grep -q \"^pagefail: $sc: simulating it takes about [0-9]* KiB of memory (of --max-memory 2 MiB)\\$\" $tmp/w.err"
t simulate $sc --max-memory 1G --reports 0 >/dev/null 2>"$tmp/q.err"
check mem-quiet "[ $? -eq 3 ] && [ ! -s $tmp/q.err ]"
t simulate $sc --max-memory 12X >/dev/null 2>"$tmp/u.err"
check mem-usage "[ $? -eq 2 ] && grep -q \"^pagefail: --max-memory '12X': not a size\" $tmp/u.err"
# by default, what the machine has available: 8 zones of 4 TiB, a fill,
# a ring of held buffers as large as their pages, samples for 11 days
avail=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo 2>/dev/null)
if [ -n "$avail" ] && [ "$avail" -lt 268435456 ]; then
	{
		printf '[machine]\n'
		for n in 0 1 2 3; do
			printf 'zone = node%d Normal 4T\nzone = node%d Movable 4T\n' $n $n
		done
		printf '[phase p]\nduration = 1000000s\nfill = 90%%\nnet = 1000000000/s\nnet_hold = 1000s\n'
	} >"$tmp/32t.scn"
	t simulate "$tmp/32t.scn" --csv "$tmp/32t.csv" >/dev/null 2>"$tmp/32t.err"
	check mem-available "[ $? -eq 1 ] && grep -q 'this machine has available: make its zones or fills smaller' $tmp/32t.err"
else
	echo "skip mem-available: MemAvailable unknown or past 256 GiB"
fi

echo "bounds: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
