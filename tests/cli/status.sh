#!/bin/sh
# status.sh - golden tests of pagefail status and snapshot on saved
# machines (the fixtures under tests/fixtures/system), the status -j
# contract, snapshot round trips, and what status says without root.
#
#   tests/cli/status.sh PAGEFAIL SOURCE_DIR [--update]
. "$(dirname "$0")/lib.sh"

sysdir=tests/fixtures/system

# text and JSON, golden, for every fixture (this machine, RHEL 6, 4.19 NUMA)
for m in debian12-live rhel6-sosreport v4.19-numa; do
	golden "status-$m-text" 0 status --no-color --root $sysdir/$m
	golden "status-$m-json" 0 status -p --root $sysdir/$m
done

# the status -j contract
if command -v python3 >/dev/null 2>&1; then
	for m in debian12-live rhel6-sosreport v4.19-numa; do
		"$pf" status -j --root $sysdir/$m >"$tmp/$m.json"
		check "status-contract-$m" "python3 - $tmp/$m.json <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert 'kernel' in s and isinstance(s['zones'], list) and s['zones']
for z in s['zones']:
    for k in ('node', 'zone', 'managed_pages', 'free_pages', 'min_pages',
              'low_pages', 'high_pages'):
        assert k in z, k
    n = len(z['free_blocks'])
    assert len(z['unusable_index']) == n and len(z['extfrag_index']) == n
    for u in z['unusable_index']:
        assert 0 <= u <= 1
    for e in z['extfrag_index']:
        assert e == -1 or 0 <= e <= 1
    assert len(z['atomic_headroom']) == 4
    for h in z['atomic_headroom']:
        assert h is None or h >= 0
assert isinstance(s['sources']['read'], list)
assert isinstance(s['sources']['missing'], list)
assert 'proc/zoneinfo' in s['sources']['read']
PY"
	done
fi

# a sosreport-shaped directory is read as one
check sosreport-kernel "grep -q '^kernel 2.6.32-358.2.1.el6.x86_64' tests/cli/expected/status-rhel6-sosreport-text.out"

# snapshot: saved, read back, the same
for m in debian12-live rhel6-sosreport v4.19-numa; do
	"$pf" snapshot -q --root $sysdir/$m "$tmp/snap-$m" 2>"$tmp/snap-$m.err"
	check "snapshot-$m" "[ $? -eq 0 ]"
	"$pf" status -j --root $sysdir/$m | sed 's/"sources":.*//' >"$tmp/a.j"
	"$pf" status -j --root "$tmp/snap-$m" | sed 's/"sources":.*//' >"$tmp/b.j"
	check "snapshot-roundtrip-$m" "cmp -s $tmp/a.j $tmp/b.j"
done
# this machine: a snapshot reads back
"$pf" snapshot -q "$tmp/live" 2>/dev/null
check snapshot-live "[ $? -eq 0 ] && [ -s $tmp/live/proc/zoneinfo ] && [ -s $tmp/live/proc/buddyinfo ]"
"$pf" status -j --root "$tmp/live" >/dev/null
check snapshot-live-read "[ $? -eq 0 ]"
"$pf" snapshot >/dev/null 2>&1
check snapshot-usage "[ $? -eq 2 ]"
mkdir -p "$tmp/empty"
"$pf" status --root "$tmp/empty" >/dev/null 2>"$tmp/empty.err"
check status-nothing "[ $? -eq 1 ] && grep -q 'proc/zoneinfo' $tmp/empty.err"

# intervals: a header and one line per sample; rates are 0 on a saved dir
"$pf" status --root $sysdir/v4.19-numa 0.01 3 >"$tmp/iv.txt"
check interval-lines "[ \$(wc -l <$tmp/iv.txt) -eq 4 ] && head -n1 $tmp/iv.txt | grep -q cstall"
check interval-rates "tail -n1 $tmp/iv.txt | grep -q ' 0 '"
"$pf" status -j --root $sysdir/v4.19-numa 0.01 2 >"$tmp/iv.j"
check interval-json "[ \$(wc -l <$tmp/iv.j) -eq 2 ] && tail -n1 $tmp/iv.j | grep -q '\"compact_stall\":0'"
"$pf" status 0 >/dev/null 2>&1
check interval-bad "[ $? -eq 2 ]"
"$pf" status 1 x >/dev/null 2>&1
check count-bad "[ $? -eq 2 ]"
"$pf" help status >"$tmp/h1"; "$pf" status --help >"$tmp/h2"
check help-status "cmp -s $tmp/h1 $tmp/h2"

# without root, pagetypeinfo (0400 from 5.4) cannot be read: said, the rest shown
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
   [ "$(stat -c %a /proc/pagetypeinfo 2>/dev/null)" = 400 ]; then
	cp "$pf" "$tmp/pagefail-copy" && chmod 755 "$tmp" "$tmp/pagefail-copy"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$tmp/pagefail-copy" status --no-color >"$tmp/user.txt" 2>&1
	check nonroot-status "[ $? -eq 0 ] && grep -q 'not read:.*proc/pagetypeinfo (permission denied)' $tmp/user.txt && grep -q 'atomic headroom' $tmp/user.txt"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
