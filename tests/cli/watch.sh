#!/bin/sh
# watch.sh - tests of pagefail watch on a file: corpus reports appended in
# pieces (cut mid-line too), with a rotation and a truncation between
# them, are each printed once, whole and in order, as scan -j reads them;
# a report whose Mem-Info never ends is flushed after --flush, marked
# incomplete; --exec runs per report with its JSON on stdin, and a command
# that fails or hangs is said and left behind; SIGTERM exits 0.  (The
# kernel log is not written to: a made-up failure would stay in this
# machine's dmesg.)
#
#   tests/cli/watch.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

c=tests/fixtures/corpus
set -- $c/001-*.log $c/007-*.log $c/019-*.log
a=$1 b=$2 d=$3
log=$tmp/app.log
: >"$log"
"$pf" watch -j --flush 0.5 --exec "cat >>$tmp/exec.jsonl" "$log" \
	>"$tmp/w.jsonl" 2>"$tmp/w.err" &
w=$!
sleep 0.5
python3 - "$log" "$a" "$b" "$d" <<'PY'
import os, sys, time
log, a, b, d = sys.argv[1:]

def pieces(path, n=7):
    data = open(path, 'rb').read()
    step = max(1, len(data) // n)
    for i in range(0, len(data), step):
        yield data[i:i + step]          # cut anywhere, mid-line too

def append(path, data):
    with open(path, 'ab') as f:
        f.write(data)

for p in pieces(a):
    append(log, p)
    time.sleep(0.05)
time.sleep(1)
# rotation: the old file renamed away, a new one at the path
os.rename(log, log + '.1')
open(log, 'wb').close()
time.sleep(0.5)
for p in pieces(b):
    append(log, p)
    time.sleep(0.05)
time.sleep(1)
# truncation, seen before the next write
open(log, 'wb').close()
time.sleep(0.5)
for p in pieces(d):
    append(log, p)
    time.sleep(0.05)
time.sleep(1)
# a report cut before its Mem-Info ends: its first 25 lines only
with open(a, 'rb') as f:
    head = b''.join(f.readlines()[:25])
append(log, head)
time.sleep(1.2)
PY
kill -TERM $w
wait $w
check sigterm-exit-0 "[ $? -eq 0 ]"
"$pf" scan -j "$a" "$b" "$d" >"$tmp/scan.jsonl"
check each-once-whole-in-order "python3 - $tmp/w.jsonl $tmp/scan.jsonl <<'PY'
import json, sys
got = [json.loads(l) for l in open(sys.argv[1])]
want = [json.loads(l) for l in open(sys.argv[2])]
assert len(got) == len(want) + 1, (len(got), len(want))
keys = ('order', 'task', 'gfp_mask', 'complete', 'truncated')
for g, s in zip(got, want):
    for k in keys:
        assert g.get(k) == s.get(k), (k, g.get(k), s.get(k))
    assert len(g['zones']) == len(s['zones']), (len(g['zones']), len(s['zones']))
last = got[-1]
assert last['order'] == want[0]['order'] and not last['complete'], last.get('complete')
PY"
check exec-per-report "[ \$(wc -l <$tmp/exec.jsonl) -eq \$(wc -l <$tmp/w.jsonl) ]"
check nothing-said "[ ! -s $tmp/w.err ]"

# --exec that fails, then one that hangs: each said, watching goes on
: >"$log"
"$pf" watch -j --flush 0.5 --exec-timeout 1 --exec 'read x; exit 3' "$log" \
	>"$tmp/f.jsonl" 2>"$tmp/f.err" &
w=$!
sleep 0.5
cat "$d" >>"$log"
sleep 1
kill -TERM $w
wait $w
# under -j an error is a JSON line too, beside the reports
check exec-fails-said "grep -q \"^pagefail: --exec 'read x; exit 3' failed on report 1\" $tmp/f.err && [ \$(grep -vc '^{\"error\"' $tmp/f.jsonl) -eq 1 ] && [ \$(grep -c '^{\"error\"' $tmp/f.jsonl) -eq 1 ]"
: >"$log"
# a sleep of its own (its length names this run), so that pgrep finds no
# other's
nap=30.$$
"$pf" watch -j --flush 0.3 --exec-timeout 1 --exec "sleep $nap" "$log" \
	>"$tmp/h.jsonl" 2>"$tmp/h.err" &
w=$!
sleep 0.5
cat "$d" >>"$log"
sleep 0.8
cat "$b" >>"$log"
sleep 3.5
kill -TERM $w
wait $w
check exec-hang-killed "[ \$(grep -c 'failed on report' $tmp/h.err) -eq 2 ] && [ \$(grep -vc '^{\"error\"' $tmp/h.jsonl) -eq 2 ]"
check exec-hang-gone "! pgrep -f 'sleep $nap' >/dev/null"

# --from-boot: what the file holds already comes first; without it, not
cp "$d" "$tmp/old.log"
"$pf" watch -j --flush 0.3 --from-boot "$tmp/old.log" >"$tmp/fb.jsonl" 2>&1 &
w=$!
"$pf" watch -j --flush 0.3 "$tmp/old.log" >"$tmp/nfb.jsonl" 2>&1 &
w2=$!
sleep 1
kill -TERM $w $w2
wait $w $w2
check from-boot "[ \$(wc -l <$tmp/fb.jsonl) -eq 1 ] && [ ! -s $tmp/nfb.jsonl ]"

# the kernel's log: followed from now until SIGTERM (nothing is written
# to it here), when this machine lets it be read
if "$pf" scan >/dev/null 2>&1 || [ $? -eq 3 ]; then
	"$pf" watch -j >"$tmp/k.jsonl" 2>"$tmp/k.err" &
	w=$!
	sleep 0.5
	kill -TERM $w
	wait $w
	check kmsg-follow "[ $? -eq 0 ] && [ ! -s $tmp/k.err ]"
else
	echo "skip kmsg-follow: the kernel log cannot be read here"
fi

fails watch-missing 1 "pagefail: cannot follow '$tmp/none': no such file or directory" \
	watch "$tmp/none"
fails watch-two 2 "pagefail: watch follows one SOURCE, not 'b' too (see 'pagefail help watch')" \
	watch a b

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
