#!/bin/sh
# run.sh - the hostile-input matrix of issue 9: every command that reads
# input (scan, explain, advise, status, snapshot, top -b, simulate) given
# input built to hurt it: binary junk, NUL bytes, a 2 GiB line, truncated
# and corrupt gzip, xz, zstd and bzip2, decompression bombs, FIFOs with and
# without a writer, /dev/zero, symlink loops (a file, and inside a
# directory source), files that cannot be read (as nobody, through setpriv),
# and absurd numbers in every /proc file of a --root tree and in every
# Mem-Info field of a report.  Every row asserts
#
#   1. exactly one line on stderr, "pagefail: ...", naming the source (its
#      path, and for a report the line);
#   2. the other sources of the same command line are still read (a real
#      report after the hostile source is found; the other files of a
#      --root tree are still read);
#   3. bounded time and memory: each row runs under timeout (5 s; 30 s,
#      twice that in a sanitizer build, for a 2 GiB line of a log, which
#      is read through to the report after it; a 2 GiB file where a size
#      bound applies gets 5 s) and ulimit -v 512 MiB (ASan reserves
#      terabytes of address space: there, its own hard_rss_limit_mb);
#   4. the exit status the man page documents: a source that cannot be
#      read, or not whole, is an error (scan and explain: 4 when the other
#      source's report is found); damage inside a source that is read is
#      a warning (3); advise gives its advice (0); status, top and snapshot
#      read or save the rest (0); simulate refuses the scenario (1);
#   5. nothing written outside the test's temporary directory (strace
#      -f of every row; writes.awk says what counts as a write; in an ASan
#      build, whose leak checker cannot run under ptrace, not checked).
#
# Everything is generated at run time in a temporary directory (the large
# inputs are sparse, piped, or made of concatenated compressed members)
# and removed at the end.  Rows that fail because another part of issue 9
# is not merged yet are listed, with whose work they wait for, in
# tests/hostile/known-failures: such a row is reported "xfail"; one that
# passes although listed fails the run until its line is deleted.
#
#   tests/hostile/run.sh PAGEFAIL SOURCE_DIR
#
# HOSTILE_ONLY=ERE runs the rows whose name matches; HOSTILE_STRICT=1
# ignores known-failures.
set -u
pf=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$2" && pwd)
here=$top/tests/hostile
export NO_COLOR=1 TZ=UTC LC_ALL=C

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pagefail-hostile.XXXXXX") || exit 1
writers=
cleanup() {
	for w in $writers; do
		kill "$w" 2>/dev/null
	done
	# a writer's shell blocked in the open of a FIFO nobody read (its row
	# did not run) may outlive the timeout that watched it: none is left
	pkill -KILL -f -- "$tmp/" 2>/dev/null
	chmod -R u+rwX "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

in=$tmp/in		# the inputs
run=$tmp/run		# the commands' working directory, HOME and TMPDIR
tr=$tmp/trace		# strace output of the row
out=$tmp/out
err=$tmp/err
mkdir -p "$in" "$run" "$tmp/bin"
# nobody reads the inputs and runs the binary in the unreadable rows
chmod 755 "$tmp" "$in" "$tmp/bin"
export HOME="$run" TMPDIR="$run"

pass=0 fail=0 xfail=0 xpass=0 rows=0
failed=

# ---- limits -----------------------------------------------------------

slow=1
vlimit=524288		# KiB: 512 MiB of address space
asan=
if grep -q __asan_init "$pf" 2>/dev/null; then
	asan=1
	slow=2
	vlimit=
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=1024"
	export ASAN_OPTIONS
fi
grep -q __ubsan_handle "$pf" 2>/dev/null && slow=2

traced=open,openat,openat2,creat,mkdir,mkdirat,rmdir,unlink,unlinkat
traced=$traced,rename,renameat,renameat2,link,linkat,symlink,symlinkat
traced=$traced,truncate,chmod,fchmodat,chown,lchown,fchownat,mknod,mknodat
traced=$traced,utime,utimes,utimensat,futimesat,chdir,fchdir
tracer=
if [ -n "$asan" ]; then
	# LeakSanitizer cannot run under ptrace: this build checks leaks and
	# memory errors on the hostile paths, the normal build the writes
	echo "note: a sanitizer build: writes outside the temp dir are checked by the normal build"
elif command -v strace >/dev/null 2>&1 &&
   strace -f -qq -o /dev/null -e trace=openat true 2>/dev/null; then
	tracer=strace
	# seccomp filtering keeps the untraced reads of the 2 GiB rows fast
	strace -f -qq --seccomp-bpf -o /dev/null -e trace=openat true \
		2>/dev/null && tracer="strace --seccomp-bpf"
else
	echo "note: strace cannot run here: writes outside the temp dir are not checked"
fi

nobody=
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
   id nobody >/dev/null 2>&1 && getent group nogroup >/dev/null 2>&1; then
	nobody="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	cp "$pf" "$tmp/bin/pagefail" && chmod 755 "$tmp/bin/pagefail"
else
	echo "skip: the unreadable-file rows need root and setpriv"
fi

# ---- one row ----------------------------------------------------------

# What the next rows expect: exit status, the source the error names, the
# line it names ("" when none), the check that the other sources were read
# (a shell condition over $out), and seconds.
expect() {
	want=$1 wsrc=$2 wline=$3 found=$4 secs=$5
	# the 2 GiB rows do real work, slower in a sanitizer build
	[ "$secs" -gt 5 ] && secs=$((secs * slow))
}

selected() {
	[ -z "${HOSTILE_ONLY:-}" ] || echo "$1" | grep -Eq -- "$HOSTILE_ONLY"
}

# The known-failures line for row $1, or nothing.
known() {
	[ "${HOSTILE_STRICT:-0}" = 1 ] && return 1
	while read -r pat why; do
		case $pat in ''|'#'*) continue ;; esac
		# shellcheck disable=SC2254
		case $1 in $pat) echo "$why"; return 0 ;; esac
	done <"$here/known-failures"
	return 1
}

# row NAME COMMAND...: run it with stdin from $feed (a command) or
# /dev/null, as nobody when $as_nobody is set, and judge it.
feed=
as_nobody=
row() {
	name=$1
	shift
	selected "$name" || return 0
	rows=$((rows + 1))
	rm -rf "$tr"
	mkdir "$tr"
	set -- timeout -k 2 "$secs" "$@"
	[ -n "$as_nobody" ] && set -- $nobody "$@"
	[ -n "$tracer" ] && set -- $tracer -f -ff -qq -y -o "$tr/t" \
		-e trace="$traced" -- "$@"
	t0=$(date +%s)
	if [ -n "$feed" ]; then
		sh -c "$feed" 2>/dev/null | (
			cd "$run" || exit 99
			[ -n "$vlimit" ] && ulimit -v "$vlimit"
			exec timeout -k 5 $((secs + 60)) "$@"
		) >"$out" 2>"$err"
	else
		(
			cd "$run" || exit 99
			[ -n "$vlimit" ] && ulimit -v "$vlimit"
			exec timeout -k 5 $((secs + 60)) "$@"
		) </dev/null >"$out" 2>"$err"
	fi
	st=$?
	took=$(($(date +%s) - t0))
	judge "$name"
}

judge() {
	why=
	case $st in
	124|137)	why="did not end within ${secs}s" ;;
	*)		[ "$st" -gt 128 ] && why="killed by signal $((st - 128))" ;;
	esac
	[ "$st" -ne "$want" ] &&
		why="${why:+$why; }exit status $st, expected $want"
	n=$(awk 'END { print NR }' "$err")
	first=$(head -n 1 "$err" | cut -c 1-200)
	if [ "$n" -ne 1 ]; then
		why="${why:+$why; }$n lines on stderr, expected 1${first:+ (the first: $first)}"
	elif ! head -n 1 "$err" | grep -q '^pagefail: '; then
		why="${why:+$why; }the error is not 'pagefail: ...': $first"
	elif ! head -n 1 "$err" | grep -qF -- "$wsrc"; then
		why="${why:+$why; }the error does not name $wsrc: $first"
	elif [ -n "$wline" ] &&
	     ! head -n 1 "$err" | grep -Eq "(^|[^0-9])$wline([^0-9]|\$)"; then
		why="${why:+$why; }the error does not name line $wline: $first"
	fi
	if [ -n "$found" ] && ! eval "$found"; then
		why="${why:+$why; }the other sources were not read ($found)"
	fi
	if [ -n "$tracer" ] && ls "$tr"/t.* >/dev/null 2>&1 &&
	   ! awk -v base="$tmp" -v cwd="$run" -f "$here/writes.awk" \
		"$tr"/t.* >"$tmp/writes"; then
		why="${why:+$why; }wrote outside $tmp:$(head -n 3 "$tmp/writes")"
	fi

	kf=$(known "$1")
	if [ -z "$why" ] && [ -n "$kf" ]; then
		xpass=$((xpass + 1))
		failed="$failed $1"
		echo "XPASS $1: passes now; delete its line from tests/hostile/known-failures"
	elif [ -z "$why" ]; then
		pass=$((pass + 1))
		# the time of the rows that do real work, to see the margin
		if [ "$secs" -gt 5 ]; then
			echo "ok    $1 (${took}s of ${secs}s)"
		else
			echo "ok    $1"
		fi
	elif [ -n "$kf" ]; then
		xfail=$((xfail + 1))
		echo "xfail $1: $why [waits for: $kf]"
	else
		fail=$((fail + 1))
		failed="$failed $1"
		echo "FAIL  $1: $why"
	fi
}

# The absurd numbers, by name: 2^64, -1, more than 2^64, NaN, empty.
value() {
	case $1 in
	2p64)	echo 18446744073709551616 ;;
	neg)	echo -1 ;;
	big)	echo 99999999999999999999 ;;
	nan)	echo NaN ;;
	*)	echo ;;
	esac
}

# ---- what "the other sources were read" means -------------------------

good=$in/good.log	# a real 5.4 report with a whole Mem-Info
cp "$top/tests/fixtures/corpus/007-system_server-order0-atomic-arm64-android-5.4.log" "$good"
goodkernel=5.4.161-qgki-24219806-abA236USQU0AVE1
other=$top/tests/fixtures/corpus/003-ifconfig-e100-order5-2.6.31-i386-x2.log

# scan -j and explain -j: a report of source $1 was printed
has_report() { grep -qF "\"source\":\"$1\"" "$out"; }
# advise -j: the evidence counts the good report (its kernel is the newest)
has_advice() { grep -qF "\"kernel\":\"$goodkernel\"" "$out"; }

# scan, explain and advise of HOSTILE then the good log: NAME SOURCE LINE
# STATUS (of scan and explain) SECS [PATH]: the hostile path given on the
# command line is PATH, or SOURCE.
logrows() {
	lname=$1 lsrc=$2 lline=$3 lst=$4 lsecs=$5 lpath=${6:-$2}
	expect "$lst" "$lsrc" "$lline" "has_report '$good'" "$lsecs"
	row "scan-$lname" "$pf" scan -j "$lpath" "$good"
	row "explain-$lname" "$pf" explain -j "$lpath" "$good"
	expect 0 "$lsrc" "$lline" has_advice "$lsecs"
	row "advise-$lname" "$pf" advise -j "$lpath" "$good"
}

# ---- inputs: logs -----------------------------------------------------

# deterministic binary junk: Park-Miller, 256 KiB, NUL bytes included
awk 'BEGIN { x = 20240601; for (i = 0; i < 262144; i++) {
	x = (x * 16807) % 2147483647; printf "%c", int(x / 8388608) % 256 } }' \
	</dev/null >"$in/junk.bin"
# a log whose fourth line is 4 KiB of NUL bytes (what a crash leaves in a
# syslog file), then the report
{
	printf 'Jun  1 00:00:01 host kernel: one\nJun  1 00:00:02 host kernel: two\n'
	printf 'Jun  1 00:00:03 host kernel: three\n'
	head -c 4096 /dev/zero
	printf '\n'
	cat "$other"
} >"$in/nul.log"

for z in gz xz zst bz2; do
	case $z in
	gz)	c="gzip -n -c" ;;
	xz)	c="xz -c -T1" ;;
	zst)	c="zstd -q -c" ;;
	bz2)	c="bzip2 -c" ;;
	esac
	tool=${c%% *}
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "skip: no $tool: the $z rows"
		continue
	fi
	$c <"$other" >"$in/whole.$z"
	size=$(wc -c <"$in/whole.$z")
	head -c $((size / 2)) "$in/whole.$z" >"$in/trunc.$z"
	cp "$in/whole.$z" "$in/corrupt.$z"
	printf 'UUUUUUUUUUUUUUUU' |
		dd of="$in/corrupt.$z" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
	# a bomb: 16 GiB of empty lines, 4096 members of 4 MiB each (every
	# format reads concatenated members as one stream, as its tool does)
	head -c 4194304 /dev/zero | tr '\0' '\n' | $c >"$in/bomb.$z"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		cat "$in/bomb.$z" "$in/bomb.$z" >"$in/bomb2.$z"
		mv "$in/bomb2.$z" "$in/bomb.$z"
	done
	rm -f "$in/whole.$z"
done

mkfifo "$in/fifo" "$in/fifo-w"
ln -s loop "$in/loop"
# a directory source: a looping log symlink beside a real log, and a
# directory cycle the walk must not go round
mkdir -p "$in/dir/var/log"
cp "$good" "$in/dir/var/log/messages"
ln -s messages.1 "$in/dir/var/log/messages.1"
ln -s ../.. "$in/dir/var/log/up"

# a FIFO that a writer fills with $1 (for as long as the row may last)
start_writer() {
	timeout $((secs + 5)) sh -c "cat '$1' >'$2'" 2>/dev/null &
	writers="$writers $!"
}
stop_writers() {
	for w in $writers; do
		kill "$w" 2>/dev/null
		wait "$w" 2>/dev/null
	done
	writers=
}

echo "== logs: scan, explain, advise"
logrows junk "$in/junk.bin" "" 4 5
# the NUL line is a warning of line 4; the report after it is read
logrows nul "$in/nul.log" 4 3 5
expect 3 "$in/nul.log" 4 "has_report '$in/nul.log' && has_report '$good'" 5
row scan-nul-report "$pf" scan -j "$in/nul.log" "$good"

# a 2 GiB line: piped (32 times 64 MiB of "x", a file cat reads from the
# page cache: the generator costs next to nothing), then a sparse file
# (NUL bytes: a hole)
head -c 1048576 /dev/zero | tr '\0' x >"$in/x64m"
for i in 1 2 3 4 5 6; do
	cat "$in/x64m" "$in/x64m" >"$in/x2" && mv "$in/x2" "$in/x64m"
done
feed="for i in \$(seq 32); do cat '$in/x64m'; done; echo; cat '$good'"
expect 3 "stdin" 1 "has_report '<stdin>' && has_report '$good'" 30
row scan-2g-line-pipe "$pf" scan -j - "$good"
feed=
rm -f "$in/x64m"
truncate -s 2G "$in/sparse.log"
{ echo; cat "$other"; } >>"$in/sparse.log"
expect 3 "$in/sparse.log" 1 "has_report '$in/sparse.log' && has_report '$good'" 30
row scan-2g-line-sparse "$pf" scan -j "$in/sparse.log" "$good"
row explain-2g-line-sparse "$pf" explain -j "$in/sparse.log" "$good"

for z in gz xz zst bz2; do
	[ -f "$in/trunc.$z" ] || continue
	logrows "truncated-$z" "$in/trunc.$z" "" 4 5
	logrows "corrupt-$z" "$in/corrupt.$z" "" 4 5
	logrows "bomb-$z" "$in/bomb.$z" "" 4 5
done

logrows fifo "$in/fifo" "" 4 5
for c in scan explain; do
	expect 4 "$in/fifo-w" "" "has_report '$good'" 5
	start_writer "$good" "$in/fifo-w"
	row "$c-fifo-writer" "$pf" "$c" -j "$in/fifo-w" "$good"
	stop_writers
done
logrows devzero /dev/zero "" 4 5
logrows symlink-loop "$in/loop" "" 4 5
# in a directory: the loop is named, the real log beside it read
expect 4 "$in/dir/var/log/messages.1" "" "has_report '$in/dir/var/log/messages' && [ \$(grep -c '^{\"source\"' '$out') -eq 2 ]" 5
row scan-dir-symlink-loop "$pf" scan -j "$in/dir" "$good"

if [ -n "$nobody" ]; then
	as_nobody=1
	pf_nobody=$tmp/bin/pagefail
	# a file, a directory, and a file in a directory source
	cp "$other" "$in/secret.log"
	chmod 000 "$in/secret.log"
	mkdir -p "$in/secretdir" "$in/dir2/var/log"
	cp "$other" "$in/secretdir/messages"
	chmod 000 "$in/secretdir"
	cp "$good" "$in/dir2/var/log/messages"
	cp "$other" "$in/dir2/var/log/messages.1"
	chmod 000 "$in/dir2/var/log/messages.1"
	for c in scan explain; do
		expect 4 "$in/secret.log" "" "has_report '$good'" 5
		row "$c-unreadable-file" "$pf_nobody" "$c" -j "$in/secret.log" "$good"
		expect 4 "$in/secretdir" "" "has_report '$good'" 5
		row "$c-unreadable-dir" "$pf_nobody" "$c" -j "$in/secretdir" "$good"
		expect 4 "$in/dir2/var/log/messages.1" "" "has_report '$in/dir2/var/log/messages'" 5
		row "$c-unreadable-in-dir" "$pf_nobody" "$c" -j "$in/dir2"
	done
	expect 0 "$in/secret.log" "" has_advice 5
	row advise-unreadable-file "$pf_nobody" advise -j "$in/secret.log" "$good"
	as_nobody=
fi

# ---- Mem-Info fields of a report ----------------------------------------

# One field of line LINE of the good report: NAME LINE FROM TO MISSING
# VALUES, FROM a sed pattern of the field as printed, TO its replacement
# with @V@ for the value, MISSING the replacement that drops the field.
echo "== Mem-Info fields: scan, explain"
memrows() {
	fname=$1 fline=$2 from=$3 to=$4 miss=$5 fvals=$6
	for v in $fvals; do
		case $v in
		missing) rep=$miss ;;
		*)	rep=$(echo "$to" | sed "s/@V@/$(value "$v")/") ;;
		esac
		f=$in/mem-$fname-$v.log
		sed "${fline}s/$from/$rep/" "$good" >"$f"
		if cmp -s "$f" "$good"; then
			echo "FAIL  mem-$fname-$v: the test did not change line $fline"
			fail=$((fail + 1))
			continue
		fi
		expect 3 "$f" "$fline" "has_report '$f' && has_report '$good'" 5
		row "scan-mem-$fname-$v" "$pf" scan -j "$f" "$good"
		row "explain-mem-$fname-$v" "$pf" explain -j "$f" "$good"
	done
}
all="2p64 neg big nan empty missing"
# 007: line 27 and 32 the counters, 34 the zone line, 35 lowmem_reserve[],
# 36 the buddy line
# (a counter left out is a counters block cut by the poster, not a number
# no kernel prints: "complete" says so, no error does)
memrows counter-active-anon 27 'active_anon:223569 ' 'active_anon:@V@ ' '' "2p64 neg big nan empty"
memrows counter-free 32 ' free:528 ' ' free:@V@ ' ' ' "2p64 neg big nan empty"
memrows zone-free 34 'Normal free:2112kB ' 'Normal free:@V@kB ' 'Normal ' "$all"
memrows zone-min 34 ' min:7244kB ' ' min:@V@kB ' ' ' "$all"
memrows zone-low 34 ' low:68892kB ' ' low:@V@kB ' ' ' "$all"
memrows zone-high 34 ' high:72180kB ' ' high:@V@kB ' ' ' "$all"
memrows zone-present 34 ' present:3626812kB ' ' present:@V@kB ' ' ' "$all"
# managed: is missing before 3.10: only wrong values
memrows zone-managed 34 ' managed:3288700kB ' ' managed:@V@kB ' '' "2p64 neg big nan empty"
memrows lowmem-reserve 35 'lowmem_reserve\[\]: 0 0$' 'lowmem_reserve[]: 0 @V@' '' "2p64 neg big nan"
memrows buddy-count 36 'Normal: 8\*4kB (H) ' 'Normal: @V@*4kB (H) ' 'Normal: ' "$all"
memrows buddy-total 36 ' = 1080kB$' ' = @V@kB' '' "2p64 neg big nan empty"

# ---- a --root tree: status, top -b, snapshot, advise --root -------------

sys=$top/tests/fixtures/system/debian12-live
syskernel=6.18.44-fc-v782
R=$in/root

# the fixture, and the proc/cpuinfo every real /proc has (the fixture
# keeps sys/devices/system/cpu/online instead), so that a snapshot of the
# tree has nothing to say but what the row makes hostile
fresh_root() {
	rm -rf "$R" "$run/snap"
	cp -R "$sys" "$R"
	printf 'processor\t: 0\nprocessor\t: 1\n' >"$R/proc/cpuinfo"
	chmod -R a+rX "$R"
}
has_kernel_json() { grep -qF "\"kernel\":\"$syskernel\"" "$out"; }
has_kernel_text() { grep -qF "kernel $syskernel" "$out"; }
has_zones_json() { grep -qF '"zone":"Normal"' "$out"; }
has_zones_text() { grep -q 'Normal' "$out"; }
# advise --root: the machine is the tree's, the evidence the good report
has_root_advice() {
	grep -qF '"machine_from":"system"' "$out" &&
		grep -qF '"evidence":{"reports":1,' "$out"
}
has_snapshot() { [ -s "$run/snap/proc/meminfo" ] && [ -s "$run/snap/proc/vmstat" ]; }

# The commands of the tree, REL hostile: NAME REL SECS [COMMANDS] (of
# status, status-json, top, snapshot, advise; all by default)
rootrows() {
	rname=$1 rel=$2 rsecs=$3
	cmds=${4:-status status-json top snapshot advise}
	kj=has_kernel_json kt=has_kernel_text
	case $rel in *osrelease) kj=has_zones_json kt=has_zones_text ;; esac
	for c in $cmds; do
		case $c in
		status)
			expect 0 "$R/$rel" "" "$kt" "$rsecs"
			row "status-$rname" "$pf" status --root "$R" ;;
		status-json)
			expect 0 "$R/$rel" "" "$kj" "$rsecs"
			row "status-json-$rname" "$pf" status -j --root "$R" ;;
		top)
			expect 0 "$R/$rel" "" "$kt" "$rsecs"
			row "top-$rname" "$pf" top -b -n 1 --root "$R" ;;
		snapshot)
			expect 0 "$R/$rel" "" has_snapshot "$rsecs"
			rm -rf "$run/snap"
			row "snapshot-$rname" "$pf" snapshot -q --root "$R" "$run/snap" ;;
		advise)
			expect 0 "$R/$rel" "" has_root_advice "$rsecs"
			row "advise-$rname" "$pf" advise -j --root "$R" "$good" ;;
		esac
	done
}

echo "== a --root tree: the files as files"
for rel in proc/zoneinfo proc/sys/vm/min_free_kbytes; do
	rn=$(basename "$rel")
	fresh_root
	ln -sf /dev/zero "$R/$rel"
	rootrows "$rn-devzero" "$rel" 5
	fresh_root
	rm -f "$R/$rel"
	mkfifo "$R/$rel"
	rootrows "$rn-fifo" "$rel" 5
	fresh_root
	rm -f "$R/$rel"
	ln -s "$(basename "$rel")" "$R/$rel"
	rootrows "$rn-symlink-loop" "$rel" 5
	# a size bound: the reader and the snapshot (which copies it whole)
	# stop at it, long before the end of 2 GiB
	fresh_root
	rm -f "$R/$rel"
	truncate -s 2G "$R/$rel"
	rootrows "$rn-2g" "$rel" 5 "status snapshot"
	# junk is the readers' concern: a snapshot copies what is there
	fresh_root
	cp "$in/junk.bin" "$R/$rel"
	rootrows "$rn-junk" "$rel" 5 "status status-json top advise"
	if [ -n "$nobody" ]; then
		fresh_root
		chmod 000 "$R/$rel"
		as_nobody=1
		expect 0 "$R/$rel" "" has_kernel_text 5
		row "status-$rn-unreadable" "$tmp/bin/pagefail" status --root "$R"
		expect 0 "$R/$rel" "" has_kernel_text 5
		row "top-$rn-unreadable" "$tmp/bin/pagefail" top -b -n 1 --root "$R"
		as_nobody=
	fi
done
fresh_root
rm -f "$R/proc/zoneinfo"
mkfifo "$R/proc/zoneinfo"
expect 0 "$R/proc/zoneinfo" "" has_kernel_text 5
start_writer "$sys/proc/zoneinfo" "$R/proc/zoneinfo"
row status-zoneinfo-fifo-writer "$pf" status --root "$R"
stop_writers

# Absurd numbers, file by file: NAME REL SED-SCRIPT with @V@ for the value
# (applied to the file as the fixture has it), and the values.
numrows() {
	nname=$1 rel=$2 script=$3 vals=$4
	for v in $vals; do
		val=$(value "$v")
		fresh_root
		case $script in
		whole)	# a file of one value
			case $v in
			empty)		printf '\n' >"$R/$rel" ;;
			missing)	: >"$R/$rel" ;;
			*)		printf '%s\n' "$val" >"$R/$rel" ;;
			esac ;;
		*)	sed -i "$(echo "$script" | sed "s/@V@/$val/g")" "$R/$rel" ;;
		esac
		if cmp -s "$R/$rel" "$sys/$rel"; then
			echo "FAIL  num-$nname-$v: the test did not change $rel"
			fail=$((fail + 1))
			continue
		fi
		kj=has_kernel_json kt=has_kernel_text
		case $rel in *osrelease) kj=has_zones_json kt=has_zones_text ;; esac
		expect 0 "$R/$rel" "" "$kt" 5
		row "status-num-$nname-$v" "$pf" status --root "$R"
		expect 0 "$R/$rel" "" "$kj" 5
		row "status-json-num-$nname-$v" "$pf" status -j --root "$R"
	done
}

echo "== a --root tree: absurd numbers"
nums="2p64 neg big nan empty"
numrows zoneinfo-free proc/zoneinfo 's/^  pages free     544687$/  pages free     @V@/' "$nums"
numrows zoneinfo-min proc/zoneinfo 's/^        min      7732$/        min      @V@/' "$nums"
numrows zoneinfo-min proc/zoneinfo '/^        min      7732$/d' missing
numrows zoneinfo-managed proc/zoneinfo 's/^        managed  655360$/        managed  @V@/' "$nums"
numrows zoneinfo-protection proc/zoneinfo '156s/(0, 0, 0, 0, 0)/(0, @V@, 0, 0, 0)/' "$nums"
numrows buddyinfo proc/buddyinfo 's/^\(Node 0, zone   Normal   1895    540    220\)    236/\1 @V@/' "$nums"
numrows buddyinfo proc/buddyinfo 's/^\(Node 0, zone   Normal   1895    540    220\)    236/\1/' missing
numrows pagetypeinfo proc/pagetypeinfo 's/^\(Node    0, zone   Normal, type      Movable   1619\)    491/\1 @V@/' "$nums"
numrows pagetypeinfo proc/pagetypeinfo 's/^\(Node    0, zone   Normal, type      Movable   1619\)    491/\1/' missing
numrows pageblock-order proc/pagetypeinfo 's/^Page block order: 9$/Page block order: @V@/' "$nums"
numrows vmstat proc/vmstat 's/^nr_free_pages 1321335$/nr_free_pages @V@/' "$nums"
numrows vmstat proc/vmstat 's/^nr_free_pages 1321335$/ 1321335/' missing
numrows meminfo proc/meminfo 's/^MemTotal:       24683656 kB$/MemTotal:       @V@ kB/' "$nums"
numrows meminfo proc/meminfo '/^MemTotal:/d' missing
for f in min_free_kbytes watermark_scale_factor watermark_boost_factor \
	 zone_reclaim_mode extfrag_threshold compaction_proactiveness \
	 lowmem_reserve_ratio; do
	numrows "$f" "proc/sys/vm/$f" whole "$nums missing"
done
numrows osrelease proc/sys/kernel/osrelease whole "$nums missing"
for f in unusable_index extfrag_index; do
	numrows "$f" "sys/kernel/debug/extfrag/$f" \
		's/^\(Node 0, zone   Normal [-0-9.]* [-0-9.]* [-0-9.]*\) [-0-9.]*/\1 @V@/' "$nums"
	numrows "$f" "sys/kernel/debug/extfrag/$f" \
		's/^\(Node 0, zone   Normal [-0-9.]* [-0-9.]* [-0-9.]*\) [-0-9.]*/\1/' missing
done

# ---- scenarios: simulate ----------------------------------------------

echo "== scenarios: simulate"
scn=$top/tests/fixtures/scenarios/small.scn
simrows() {
	sname=$1 spath=$2 sline=$3 ssecs=${4:-5}
	expect 1 "$spath" "$sline" "" "$ssecs"
	row "simulate-$sname" "$pf" simulate "$spath"
}
simrows junk "$in/junk.bin" ""
{ head -n 4 "$scn"; head -c 100 /dev/zero; echo; tail -n +5 "$scn"; } >"$in/nul.scn"
simrows nul "$in/nul.scn" 5
truncate -s 2G "$in/sparse.scn"
simrows 2g "$in/sparse.scn" ""
simrows fifo "$in/fifo" ""
expect 1 "$in/fifo-w" "" "" 5
start_writer "$scn" "$in/fifo-w"
row simulate-fifo-writer "$pf" simulate "$in/fifo-w"
stop_writers
simrows devzero /dev/zero ""
simrows symlink-loop "$in/loop" ""
simrows directory "$in/dir" ""
simrows missing "$in/nonexistent.scn" ""
# absurd numbers: a machine too big to model (refused for what the whole
# scenario needs, before the run: the file is named, no one line is to
# blame), overflowing values
# 32 TiB of zones (4 TiB is the most a zone may have) needs about 160
# GiB: refused on any machine with less than 320 GiB available, whatever
# else runs on it (one zone of 4 TiB, 20 GiB, was let run on a CI machine
# with 23 GiB available, and ASan aborted it)
{
	sed -n '1,/^\[machine\]$/p' "$scn"
	for n in 0 1 2 3; do
		printf 'zone = node%d Normal 4T\nzone = node%d Movable 4T\n' $n $n
	done
	sed '1,/^\[machine\]$/d; /^zone = /d' "$scn"
} >"$in/zone-32t.scn"
simrows zone-32t "$in/zone-32t.scn" ""
for v in 2p64 neg big nan empty; do
	val=$(value "$v")
	sed "s/^zone = Normal 48M\$/zone = Normal ${val}M/" "$scn" >"$in/zone-$v.scn"
	simrows "zone-$v" "$in/zone-$v.scn" 6
	sed "s/^cpus = 2\$/cpus = $val/" "$scn" >"$in/cpus-$v.scn"
	simrows "cpus-$v" "$in/cpus-$v.scn" 7
	sed "s/^duration = 2s\$/duration = ${val}s/" "$scn" >"$in/duration-$v.scn"
	simrows "duration-$v" "$in/duration-$v.scn" 25
done
if [ -n "$nobody" ]; then
	cp "$scn" "$in/secret.scn"
	chmod 000 "$in/secret.scn"
	as_nobody=1
	simrows unreadable "$in/secret.scn" ""
	as_nobody=
fi

# ---- rules files: explain --rules ---------------------------------------

echo "== rules files: explain --rules"
rulerows() {
	expect 1 "$2" "" "" "${3:-5}"
	row "explain-rules-$1" "$pf" explain --rules "$2" "$good"
}
rulerows junk "$in/junk.bin"
rulerows devzero /dev/zero
rulerows fifo "$in/fifo"
rulerows symlink-loop "$in/loop"
rulerows 2g "$in/sparse.scn"

rm -f "$in/sparse.log" "$in/sparse.scn"

echo "hostile: $rows rows, $pass ok, $xfail known failures, $fail failed, $xpass passing but listed"
[ "$fail" -eq 0 ] && [ "$xpass" -eq 0 ]
