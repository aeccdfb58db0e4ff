#!/bin/sh
# status.sh - tests of pagefail status and snapshot on saved machines (the
# fixtures under tests/fixtures/system): the status -j contract, snapshot
# round trips, and what status says without root.  The golden text and
# JSON of every fixture are cases under tests/cli/cases (status-*, run by
# golden.sh).
#
#   tests/cli/status.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

sysdir=tests/fixtures/system

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
check sosreport-kernel "grep -q '^kernel 2.6.32-358.2.1.el6.x86_64' tests/cli/cases/status-rhel6-sosreport-text/expected"

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

# a snapshot is never written over another: two machines would read back
# as neither (the second's kernel with the first's zones)
snap="$tmp/snap-twice"
"$pf" snapshot -q --root $sysdir/v4.19-numa "$snap" 2>/dev/null
fails snapshot-over 1 "pagefail: $snap: holds a snapshot already (--force replaces it)" \
	snapshot -q --root $sysdir/debian12-live "$snap"
"$pf" status -j --root "$snap" >"$tmp/over.j"
check snapshot-over-kept "grep -q '\"kernel\":\"4.19.0-26-amd64\"' $tmp/over.j && grep -q '\"nodes\":2' $tmp/over.j"
"$pf" snapshot -q --force --root $sysdir/debian12-live "$snap" 2>/dev/null
check snapshot-force "[ $? -eq 0 ]"
"$pf" status -j --root "$snap" >"$tmp/force.j"
check snapshot-force-one-machine "grep -q '\"kernel\":\"6.18.44-fc-v782\"' $tmp/force.j && grep -q '\"nodes\":1' $tmp/force.j"
echo mine >"$snap/notes"
fails snapshot-force-other 1 "pagefail: $snap: not empty, and not a snapshot: give a new or empty directory" \
	snapshot -q --force --root $sysdir/v4.19-numa "$snap"
check snapshot-force-other-kept "[ -f $snap/notes ] && [ -f $snap/proc/zoneinfo ]"
mkdir -p "$tmp/empty"
fails snapshot-root-missing 1 "pagefail: $tmp/nonexistent: no such file or directory" \
	snapshot --root "$tmp/nonexistent" "$tmp/s1"
fails snapshot-root-empty 1 "pagefail: $tmp/empty: nothing to save: none of the files status reads could be read" \
	snapshot --root "$tmp/empty" "$tmp/s1"
check snapshot-root-empty-nothing "[ ! -e $tmp/s1 ]"
fails snapshot-bad-option 2 "pagefail: snapshot: unknown option '-z' (see 'pagefail help snapshot')" \
	snapshot -z "$tmp/s1"

# --root: one line when it is not there, or nothing in it could be read
fails status-root-missing 1 "pagefail: $tmp/nonexistent: no such file or directory" \
	status --root "$tmp/nonexistent"
fails status-root-file 1 "pagefail: $snap/notes: not a directory" status --root "$snap/notes"
fails status-nothing 1 "pagefail: $tmp/empty: nothing about memory could be read (proc/zoneinfo: no such file or directory, proc/meminfo: no such file or directory)" \
	status --root "$tmp/empty"
# only meminfo: what is known, no "-1", and the files not read said once
mkdir -p "$tmp/memonly/proc"
cp $sysdir/debian12-live/proc/meminfo "$tmp/memonly/proc/"
fails status-memonly 0 "" status --root "$tmp/memonly"
check status-memonly-head "head -n1 $tmp/status-memonly.out | grep -qx 'kernel unknown'"
check status-memonly-not-read "sed -n 2p $tmp/status-memonly.out | grep -q '^not read: proc/zoneinfo (no such file or directory), '"
# a zoneinfo of junk: what the reader says of it, once, and "not understood"
mkdir -p "$tmp/junkzones/proc"
cp $sysdir/debian12-live/proc/meminfo "$tmp/junkzones/proc/"
echo junk >"$tmp/junkzones/proc/zoneinfo"
fails status-junk-zones 0 "pagefail: $tmp/junkzones/proc/zoneinfo: no zones in it" \
	status --root "$tmp/junkzones"
check status-junk-zones-words "sed -n 2p $tmp/status-junk-zones.out | grep -q '^not read: proc/zoneinfo (not understood), '"
fails status-kernel-bad 2 "pagefail: --kernel $K" status --kernel banana --root $sysdir/v4.19-numa

# intervals: the legend, a header and one line per sample; rates are 0 on
# a saved dir
"$pf" status --root $sysdir/v4.19-numa 0.1 3 >"$tmp/iv.txt"
check interval-legend "head -n1 $tmp/iv.txt | grep -q '^free_MiB: free memory of all zones; atomic0-3: GFP_ATOMIC' && grep -q 'cstall=compact_stall, ' $tmp/iv.txt && grep -q 'kswapd=pageoutrun\$' $tmp/iv.txt"
check interval-lines "[ \$(grep -c '^ *time  free_MiB' $tmp/iv.txt) -eq 1 ] && [ \$(grep -c '^[0-9][0-9]:' $tmp/iv.txt) -eq 3 ] && grep -B1 -m1 '^[0-9][0-9]:' $tmp/iv.txt | head -n1 | grep -q cstall"
check interval-rates "tail -n1 $tmp/iv.txt | grep -q ' 0 '"
"$pf" status -j --root $sysdir/v4.19-numa 0.1 2 >"$tmp/iv.j"
check interval-json "[ \$(wc -l <$tmp/iv.j) -eq 2 ] && tail -n1 $tmp/iv.j | grep -q '\"compact_stall\":0'"
if command -v python3 >/dev/null 2>&1; then
	check interval-json-keys "python3 -c 'import json,sys; [sys.exit(1) for l in open(sys.argv[1]) if sorted(json.loads(l)) != [\"atomic_headroom\", \"free_kb\", \"rates\", \"time\"]]' $tmp/iv.j"
fi
# an interval that would spin, or is no number: refused with the range
for iv in 0 0.01 -1 nan inf 1e9; do
	fails "interval-bad-$iv" 2 "pagefail: INTERVAL takes seconds from 0.1 to 86400, not '$iv'" status "$iv"
done
fails count-bad 2 "pagefail: COUNT takes a number from 1, not 'x'" status 1 x
fails count-zero 2 "pagefail: COUNT takes a number from 1, not '0'" status 1 0
fails status-bad-option 2 "pagefail: status: unknown option '--bogus' (see 'pagefail help status')" status --bogus
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
