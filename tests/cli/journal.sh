#!/bin/sh
# journal.sh - tests of the systemd journal as a source (scan --journal,
# explain --journal, watch --journal) on real journal files, written here
# by systemd-journal-remote from corpus logs (tojournal.py turns each line
# into an entry of the kernel transport): scan finds in the journal the
# reports it finds in the logs, with the journal's host and wall clock
# time; entries of other transports are not the kernel's; a directory of
# a machine's journals (DIR/MACHINE-ID/*.journal) is read; watch follows
# a file that grows and files that come, and with --cursor-file goes on
# where it stopped, without repeating or losing a report.
#
# This machine's own journal is not written to: a made-up failure sent to
# /dev/kmsg would stay in its kernel log, and systemd-cat's messages are
# not of the kernel transport, which is all --journal reads.
#
#   tests/cli/journal.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

remote=/lib/systemd/systemd-journal-remote
if "$pf" scan --journal /nonexistent 2>&1 | grep -q 'built without libsystemd'; then
	echo "skip: pagefail was built without libsystemd (libsystemd-dev)"
	exit 77
fi
if [ ! -x $remote ]; then
	echo "skip: no $remote to write journal files (scripts/deps.sh check installs systemd-journal-remote)"
	exit 77
fi
echo "note: this machine's journal is not written to: the journal is tested on files $remote writes"

# tojournal LOG... -- OUT.journal [tojournal.py options]: LOGs appended as
# entries to the journal file OUT (made when it is not there)
tojournal() {
	out=$1
	shift
	python3 tests/cli/tojournal.py "$@" | $remote --output="$out" - 2>"$tmp/remote.err" ||
		{ echo "$remote failed:"; cat "$tmp/remote.err"; }
}

c=tests/fixtures/corpus
a=$(ls $c/001-*.log) b=$(ls $c/007-*.log) d=$(ls $c/014-*.log)

# the reports in the journal are the logs' own, one for one
mkdir -p "$tmp/j"
tojournal "$tmp/j/all.journal" "$a" "$b" "$d"
"$pf" scan -j --journal "$tmp/j/all.journal" >"$tmp/j.jsonl" 2>"$tmp/j.err"
st=$?
"$pf" scan -j "$a" "$b" "$d" >"$tmp/l.jsonl" 2>/dev/null
check scan-status "[ $st -eq 3 ] && [ ! -s $tmp/j.err ]"
# what a report is, without where and when it was read
same='import json, sys
def key(l):
    r = json.loads(l)
    return (r["task"], r["order"], r["mode"], len(r.get("zones", [])),
            len(r.get("trace", [])))
j = [key(l) for l in open(sys.argv[1])]
g = [key(l) for l in open(sys.argv[2])]
sys.exit(0 if j == g and len(j) == int(sys.argv[3]) else 1)'
check scan-same-reports "python3 -c '$same' $tmp/j.jsonl $tmp/l.jsonl 3"
# the journal's host, and its wall clock time: --epoch plus the kernel's
check scan-host-time "python3 -c '
import json, sys
r = [json.loads(l) for l in open(\"$tmp/j.jsonl\")]
ok = all(x[\"host\"] == \"web1\" for x in r)
ok = ok and r[0][\"epoch\"] == 1796000000 + 9556
ok = ok and abs(r[0][\"monotonic\"] - 9556.710241) < 1e-3
sys.exit(0 if ok else 1)'"

# explain reads it too, and finds the same reports
"$pf" explain -j --journal "$tmp/j/all.journal" >"$tmp/e.jsonl" 2>/dev/null
check explain-journal "[ $? -eq 3 ] && [ \$(wc -l <$tmp/e.jsonl) -eq 3 ]"

# a report a program wrote to the journal is not the kernel's
tojournal "$tmp/stdout.journal" --transport stdout "$a"
"$pf" scan -j --journal "$tmp/stdout.journal" >"$tmp/s.jsonl" 2>&1
check other-transport "[ $? -eq 0 ] && [ ! -s $tmp/s.jsonl ]"

# a machine's journal directory: DIR/MACHINE-ID/system.journal
m=$tmp/var/log/journal/0123456789abcdef0123456789abcdef
mkdir -p "$m"
tojournal "$m/system.journal" "$a"
tojournal "$m/system@0123456789abcdef0123456789abcdef-0000000000000001-0005d0b0a0000000.journal" \
	--epoch 1795000000 "$b"
"$pf" scan -j --journal "$tmp/var/log/journal" >"$tmp/d.jsonl" 2>&1
check journal-dir "[ $? -eq 3 ] && [ \$(grep -c '\"task\"' $tmp/d.jsonl) -eq 2 ]"
# in time order across the files: the archived one's (--epoch earlier) first
check journal-dir-order "head -1 $tmp/d.jsonl | grep -q '\"task\":\"system_server\"'"

# a damaged file (cut in the middle) reads as far as it can: no crash
jsize=$(stat -c %s "$tmp/j/all.journal")
head -c $((jsize / 2)) "$tmp/j/all.journal" >"$tmp/cut.journal"
"$pf" scan -j --journal "$tmp/cut.journal" >"$tmp/cut.jsonl" 2>"$tmp/cut.err"
st=$?
check damaged-file "[ $st -eq 0 ] || [ $st -eq 1 ] || [ $st -eq 3 ] || [ $st -eq 4 ]"

fails missing 1 "pagefail: cannot read the journal in $tmp/none: no such file or directory" \
	scan --journal "$tmp/none"
mkdir "$tmp/empty"
fails empty 1 "pagefail: cannot read the journal in $tmp/empty: no journal file there could be read (none, or not permitted: root and the systemd-journal group read them)" \
	scan --journal "$tmp/empty"
fails cursor-needs-journal 2 "pagefail: --cursor-file is where the journal was read up to: it needs --journal" \
	watch --cursor-file "$tmp/cur" "$tmp/x.log"

# waits LINES FILE N: until FILE has N lines (10 s at most), then a
# moment more for any that should not come
waits() {
	i=0
	# the file is made by the shell that starts watch, maybe not yet
	while [ "$(cat "$1" 2>/dev/null | wc -l)" -lt "$2" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.5
}

# watch: what the directory holds already is not printed; an entry
# appended to a file, then a new file, each are, once
w=$tmp/w
mkdir -p "$w"
tojournal "$w/a.journal" --mono 100 "$a"
"$pf" watch --journal -j --flush 0.3 --cursor-file "$tmp/cursor" "$w" \
	>"$tmp/w1.jsonl" 2>"$tmp/w1.err" &
p=$!
# once it has the file open, it is at its end (a moment later)
i=0
until ls -l /proc/$p/fd 2>/dev/null | grep -q a.journal || [ $i -ge 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.3
tojournal "$w/a.journal" --epoch 1796050000 "$b"
waits "$tmp/w1.jsonl" 1
tojournal "$w/b.journal" --epoch 1796100000 "$d"
waits "$tmp/w1.jsonl" 2
kill -TERM $p
wait $p
check watch-exit "[ $? -eq 0 ] && [ ! -s $tmp/w1.err ]"
check watch-new-only "[ \$(wc -l <$tmp/w1.jsonl) -eq 2 ] && head -1 $tmp/w1.jsonl | grep -q '\"task\":\"system_server\"' && tail -1 $tmp/w1.jsonl | grep -q '\"task\":\"systemd-network\"'"
check watch-cursor-saved "grep -q '^s=.*;i=.*;b=' $tmp/cursor"

# stopped, a report comes, started again: that one only, not the others
tojournal "$w/b.journal" --epoch 1796200000 "$a"
"$pf" watch --journal -j --flush 0.3 --cursor-file "$tmp/cursor" "$w" \
	>"$tmp/w2.jsonl" 2>"$tmp/w2.err" &
p=$!
waits "$tmp/w2.jsonl" 1
kill -TERM $p
wait $p
check watch-resumes "[ \$(wc -l <$tmp/w2.jsonl) -eq 1 ] && grep -q '\"task\":\"clinfo\"' $tmp/w2.jsonl && grep -q '\"epoch\":1796209556' $tmp/w2.jsonl && [ ! -s $tmp/w2.err ]"

# again, with nothing new: nothing
"$pf" watch --journal -j --flush 0.3 --cursor-file "$tmp/cursor" "$w" \
	>"$tmp/w3.jsonl" 2>&1 &
p=$!
sleep 1
kill -TERM $p
wait $p
check watch-nothing-twice "[ ! -s $tmp/w3.jsonl ]"

# --from-boot on a directory: all it holds, in time order
"$pf" watch --journal -j --flush 0.3 --from-boot "$w" >"$tmp/w4.jsonl" 2>&1 &
p=$!
waits "$tmp/w4.jsonl" 4
kill -TERM $p
wait $p
check watch-from-start "python3 -c '
import json, sys
r = [json.loads(l) for l in open(\"$tmp/w4.jsonl\")]
sys.exit(0 if [x[\"task\"] for x in r] == [\"clinfo\", \"system_server\", \"systemd-network\", \"clinfo\"] else 1)'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
