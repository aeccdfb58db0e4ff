#!/bin/sh
# explain.sh - tests of pagefail explain and advise, and advise --apply
# against a temporary root (never this machine's /etc or /proc).  Their
# golden outputs are cases under tests/cli/cases (explain-*, advise-*, run
# by golden.sh).
#
#   tests/cli/explain.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

ex=examples/seed-rhel6-kb-example.log
fx=tests/fixtures/corpus
rhel6=tests/fixtures/system/rhel6-sosreport

# the explain contract: every key of scan -j, and the added ones
"$pf" explain -j $fx/*.log >"$tmp/all.json" 2>/dev/null
for k in source line host time task pid order mode gfp_mask gfp_flags kernel context trace zones complete summary known_cause disagrees; do
	n=$(grep -c "\"$k\":" "$tmp/all.json")
	check "explain-key-$k" "[ $n -eq $(wc -l <"$tmp/all.json") ]"
done
if command -v python3 >/dev/null 2>&1; then
	check explain-check-contract "python3 - $tmp/all.json <<'PY'
import json, sys
causes = {'ok', 'below_min', 'fragmentation', 'lowmem_reserve',
          'highatomic_reserved', 'not_allowed', 'unknown'}
for line in open(sys.argv[1]):
    r = json.loads(line)
    assert isinstance(r['disagrees'], bool) and r['summary']
    for z in r['zones']:
        c = z['check']
        assert isinstance(c['passes'], bool) and c['cause'] in causes
        assert isinstance(c['largest_free_order'], int)
        for k in ('unusable_index', 'extfrag_index'):
            assert c[k] is None or isinstance(c[k], (int, float))
    # the kernel failed: a zone that passes is a disagreement, said so
    if any(z['check']['passes'] for z in r['zones']):
        assert r['disagrees'] and r['disagreement']
PY"
fi

# the same report, whole or picked out with --report
"$pf" explain -j $ex | sed -n 6p >"$tmp/sixth.j"
"$pf" explain -j --report 6 $ex >"$tmp/only.j"
check report-n "cmp -s $tmp/sixth.j $tmp/only.j"
# past the last report: an error naming the source and how many it has
fails report-n-missing 1 "pagefail: $ex: 6 reports, no report 9" explain --report 9 $ex
check report-n-missing-stdout "[ ! -s $tmp/report-n-missing.out ]"
fails report-n-missing-json 1 "pagefail: $ex: 6 reports, no report 9" explain -j --report 9 $ex
check report-n-missing-json-line "grep -qx '{\"error\":\"$ex: 6 reports, no report 9\",\"source\":\"$ex\"}' $tmp/report-n-missing-json.out"
"$pf" explain --report 0 $ex >/dev/null 2>&1
check report-n-bad "[ $? -eq 2 ]"
"$pf" help explain >"$tmp/h1"; "$pf" explain --help >"$tmp/h2"
check help-explain "cmp -s $tmp/h1 $tmp/h2"

# --rules: a site's own file; a broken stanza is named and skipped
cat >"$tmp/site.rules" <<'RULES'
[site-swapper]
title = swapper failed at order 1
order = 1
task = swapper
advice = Call the network team.
source = https://example.org/runbook

[broken]
title = no advice, no source
RULES
"$pf" explain -j --rules "$tmp/site.rules" --report 6 $ex >"$tmp/site.j" 2>"$tmp/site.err"
check rules-file "grep -q '\"known_cause\":\"site-swapper\"' $tmp/site.j"
check rules-file-error "grep -q \"site.rules: line 8: rule 'broken'\" $tmp/site.err"
fails advise-root-missing 1 "pagefail: $tmp/nope: no such file or directory" \
	advise --root "$tmp/nope"
fails advise-bad-option 2 "pagefail: advise: unknown option '--bogus' (see 'pagefail help advise')" \
	advise --bogus
fails advise-root-no-value 2 "pagefail: advise: --root needs a value (see 'pagefail help advise')" \
	advise --root
fails rules-missing 1 "pagefail: cannot use the rules in '$tmp/nope.rules': no such file or directory" \
	explain --rules "$tmp/nope.rules" $ex
fails rules-dir 1 "pagefail: cannot use the rules in '$tmp': is a directory" \
	explain --rules "$tmp" $ex
# a file of junk: the first 10 errors, then how many more
i=0
while [ $i -lt 4025 ]; do echo "junk line $i"; i=$((i + 1)); done >"$tmp/junk.rules"
"$pf" explain --rules "$tmp/junk.rules" $ex >/dev/null 2>"$tmp/junk.err"
check rules-junk-status "[ $? -eq 1 ]"
check rules-junk-capped "[ \$(wc -l <$tmp/junk.err) -eq 11 ] && [ \$(grep -c \"junk.rules: line [0-9]*: 'junk line\" $tmp/junk.err) -eq 10 ]"
check rules-junk-more "sed -n 11p $tmp/junk.err | grep -qx 'pagefail: ... and 4015 more errors in $tmp/junk.rules'"
# binary data: one line
head -c 65536 /dev/urandom >"$tmp/junk.bin"
fails rules-binary 1 "pagefail: cannot use the rules in '$tmp/junk.bin': binary data, not text" \
	explain --rules "$tmp/junk.bin" $ex

"$pf" help advise >"$tmp/h1"; "$pf" advise --help >"$tmp/h2"
check help-advise "cmp -s $tmp/h1 $tmp/h2"

# advise --apply, against a copy of the RHEL 6 machine
root="$tmp/root"
cp -r $rhel6 "$root"
mkdir -p "$root/proc/sys/vm"
echo 90112 >"$root/proc/sys/vm/min_free_kbytes"
echo 0 >"$root/proc/sys/vm/zone_reclaim_mode"
conf="$root/etc/sysctl.d/90-pagefail.conf"
"$pf" advise --apply --dry-run --root "$root" $ex >"$tmp/dry.txt"
check apply-dry-status "[ $? -eq 0 ]"
check apply-dry-nothing "[ ! -e $conf ] && [ \$(cat $root/proc/sys/vm/min_free_kbytes) -eq 90112 ]"
check apply-dry-says "grep -q 'would set vm.min_free_kbytes: 90112 -> 180224' $tmp/dry.txt && grep -q 'would set vm.zone_reclaim_mode: 0 -> 1' $tmp/dry.txt"
"$pf" advise --apply --root "$root" $ex >"$tmp/apply.txt"
check apply-status "[ $? -eq 0 ]"
check apply-conf "grep -qx 'vm.min_free_kbytes = 180224' $conf && grep -qx 'vm.zone_reclaim_mode = 1' $conf"
check apply-live "[ \$(cat $root/proc/sys/vm/min_free_kbytes) -eq 180224 ] && [ \$(cat $root/proc/sys/vm/zone_reclaim_mode) -eq 1 ]"
check apply-readback "grep -q 'set vm.min_free_kbytes: 90112 -> 180224 (read back)' $tmp/apply.txt"
check apply-no-temp "[ \$(ls -A $root/etc/sysctl.d | wc -l) -eq 1 ]"
# a second apply keeps the first file as .bak
"$pf" advise --apply --root "$root" --set vm.min_free_kbytes=200000 $ex >/dev/null
check apply-backup "grep -qx 'vm.min_free_kbytes = 180224' $conf.bak && grep -qx 'vm.min_free_kbytes = 200000' $conf"
# outside the safe bounds: refused, then forced
"$pf" advise --apply --root "$root" --set vm.min_free_kbytes=9000000 $ex >/dev/null 2>"$tmp/refuse.err"
check apply-refused "[ $? -eq 1 ] && grep -q 'outside the safe bounds' $tmp/refuse.err && [ \$(cat $root/proc/sys/vm/min_free_kbytes) -eq 200000 ]"
"$pf" advise --apply --force --root "$root" --set vm.min_free_kbytes=9000000 $ex >/dev/null
check apply-forced "[ $? -eq 0 ] && [ \$(cat $root/proc/sys/vm/min_free_kbytes) -eq 9000000 ]"
# a sysctl that cannot be written: nothing changes, the error names it
rm "$root/proc/sys/vm/zone_reclaim_mode"
mkdir "$root/proc/sys/vm/zone_reclaim_mode"
cp "$conf" "$tmp/conf.before"
"$pf" advise --apply --root "$root" --set vm.min_free_kbytes=100000 --set vm.zone_reclaim_mode=0 $ex >/dev/null 2>"$tmp/fail.err"
check apply-fails "[ $? -eq 1 ] && grep -q 'zone_reclaim_mode' $tmp/fail.err"
check apply-fails-unchanged "[ \$(cat $root/proc/sys/vm/min_free_kbytes) -eq 9000000 ] && cmp -s $conf $tmp/conf.before"
"$pf" advise --dry-run $ex >/dev/null 2>&1
check dry-run-alone "[ $? -eq 2 ]"

# --set: a number that does not fit the kernel's int (or long) is refused,
# even with --force, and nothing is written
rmdir "$root/proc/sys/vm/zone_reclaim_mode"
echo 0 >"$root/proc/sys/vm/zone_reclaim_mode"
for v in 99999999999999999999 9223372036854775807 2147483648 -1 12abc 0x10 ''; do
	"$pf" advise --apply --force --root "$root" --set "min_free_kbytes=$v" $ex >"$tmp/set.out" 2>"$tmp/set.err"
	check "set-refused-'$v'" "[ $? -eq 2 ] && [ \$(cat $root/proc/sys/vm/min_free_kbytes) -eq 9000000 ] && cmp -s $conf $tmp/conf.before && [ \$(wc -l <$tmp/set.err) -eq 1 ] && grep -q \"set 'min_free_kbytes=$v'\" $tmp/set.err"
done
"$pf" advise --set min_free_kbytes=99999999999999999999 $ex >/dev/null 2>"$tmp/set.err"
check set-says-range "grep -q 'out of range: vm.min_free_kbytes is an int of 0..2147483647 in the kernel' $tmp/set.err"
"$pf" advise --set min_free_kbytes=12abc $ex >/dev/null 2>"$tmp/set.err"
check set-says-junk "grep -q 'the value is not a number' $tmp/set.err"
"$pf" advise --apply --force --root "$root" --set min_free_kbytes=2147483647 $ex >/dev/null 2>&1
check set-int-max "[ $? -eq 0 ] && [ \$(cat $root/proc/sys/vm/min_free_kbytes) -eq 2147483647 ]"

# a current value no kernel holds (sysctls are ints) is read as unknown
# and said, and the sosreport's sysctl -a stands in; the working stays in
# range (2 x LONG_MAX overflowed)
big="$tmp/big"
cp -r $rhel6 "$big"
mkdir -p "$big/proc/sys/vm"
echo 9223372036854775807 >"$big/proc/sys/vm/min_free_kbytes"
echo 99999999999 >"$big/proc/sys/vm/watermark_scale_factor"
"$pf" advise --root "$big" $ex >"$tmp/big.out" 2>&1
check advise-huge-current "[ $? -eq 0 ] && grep -q 'min_free_kbytes: 9223372036854775807 is out of range (0..2147483647); read as unknown' $tmp/big.out && grep -q 'vm.min_free_kbytes: 90112 -> 180224' $tmp/big.out"
"$pf" advise --sysctl --root "$big" $ex >"$tmp/big.out" 2>&1
check advise-huge-sysctl "grep -qx 'vm.min_free_kbytes = 180224' $tmp/big.out"

# a sosreport has no proc/sys: --apply says it cannot be applied to, and
# writes nothing (not even etc/)
sos="$tmp/sos"
cp -r $rhel6 "$sos"
"$pf" advise --apply --root "$sos" $ex >"$tmp/sos.out" 2>"$tmp/sos.err"
check apply-sosreport "[ $? -eq 1 ] && grep -q 'has no proc/sys: a sosreport or a saved tree records another machine' $tmp/sos.err && grep -q 'nothing was written' $tmp/sos.err && [ ! -e $sos/etc ]"
check apply-sosreport-no-lie "! grep -q 'no such sysctl' $tmp/sos.out"
"$pf" advise --apply --dry-run --root "$sos" $ex >/dev/null 2>"$tmp/sos.err"
check apply-sosreport-dry "[ $? -eq 1 ] && grep -q 'has no proc/sys' $tmp/sos.err"
# a tree that has proc/sys but not one sysctl: said of the tree, not "this
# kernel"
"$pf" advise --apply --dry-run --root "$root" --set watermark_boost_factor=20000 $ex >"$tmp/tree.out" 2>&1
check apply-tree-missing "grep -qx 'vm.watermark_boost_factor: no such file under proc/sys in $root; only in the file' $tmp/tree.out"

# reports of Debian's 6.1 kernel, made in the real-kernel lab (lab/): a
# checkerboard of unmovable pages (tests/fixtures/lab/unmovable-atomic-1)
# and a page cache burst (reclaim-atomic-1), each with the guest's snapshot
lab=tests/fixtures/lab
for r in unmovable-atomic-1 reclaim-atomic-1 highmem-unmovable-atomic-1; do
	n=$(grep -c 'page allocation failure' $lab/$r/console.log)
	"$pf" scan -j $lab/$r/console.log >"$tmp/lab.out"
	o=$(sed 's/.*order=\([0-9]*\).*/\1/' $lab/$r/module-result)
	c=$(grep -c "\"order\":$o," "$tmp/lab.out")
	# every report the console printed, each of the module's order
	check "lab-scan-$r" "[ $n -gt 0 ] && [ $c -eq $n ]"
done
"$pf" explain -j $lab/unmovable-atomic-1/console.log >"$tmp/lab-u.json"
check lab-explain-unmovable "grep -q '\"cause\":\"fragmentation\"' $tmp/lab-u.json && ! grep -q '\"allowed\":true,\"not_allowed_because\":null,[^}]*\"passes\":true' $tmp/lab-u.json"
# the i386 run (Debian's 686-pae kernel, 1 GiB: HighMem above Normal):
# GFP_ATOMIC may use Normal and DMA only, the zones its report prints, and
# neither has a free block of order 1
"$pf" explain -j $lab/highmem-unmovable-atomic-1/console.log >"$tmp/lab-h.json"
check lab-explain-highmem "grep -q '\"zonelist\":\"Normal > DMA\"' $tmp/lab-h.json && [ \$(grep -o '\"passes\":false' $tmp/lab-h.json | wc -l) -eq 2 ] && ! grep -q '\"passes\":true' $tmp/lab-h.json && grep -q '\"cause\":\"fragmentation\"' $tmp/lab-h.json"
"$pf" advise --no-color --root $lab/unmovable-atomic-1/snap-before $lab/unmovable-atomic-1/console.log >"$tmp/lab-u.out"
check lab-advise-unmovable "grep -q 'vm.min_free_kbytes: [0-9]* (keep)' $tmp/lab-u.out && tr '\n' ' ' <$tmp/lab-u.out | tr -s ' ' | grep -q 'no vm tunable helps'"
"$pf" advise --no-color --root $lab/reclaim-atomic-1/snap-before $lab/reclaim-atomic-1/console.log >"$tmp/lab-r.out"
check lab-advise-reclaim "grep -q 'vm.min_free_kbytes: [0-9]* -> [0-9]*' $tmp/lab-r.out && ! grep -q 'no vm tunable' $tmp/lab-r.out"

# a report of another machine (an arm64 phone's) advised for the lab's
# x86 guest: said in one line, and its reserve is not doubled here, only
# its burst carries over; the guest's own report is of the same machine
"$pf" advise --no-color --root $lab/reclaim-atomic-1/snap-before $fx/007-system_server-order0-atomic-arm64-android-5.4.log >"$tmp/other.out"
check advise-other-machine "grep -q '^the reports are of another machine: kernel 5.4.161-.*differs in kernel, zones, memory\$' $tmp/other.out && ! grep -q 'double it' $tmp/other.out && grep -q 'vm.min_free_kbytes: 1841 -> 1887 ' $tmp/other.out"
"$pf" advise -j --root $lab/reclaim-atomic-1/snap-before $fx/007-system_server-order0-atomic-arm64-android-5.4.log >"$tmp/other.json"
check advise-other-machine-json "grep -q '\"other_machine\":{\"kernel\":\"5.4.161-[^\"]*\",\"page_kb\":4,\"ram_kb\":[0-9]*,\"differs\":\\[\"kernel\",\"zones\",\"memory\"\\]}' $tmp/other.json"
check advise-same-machine "! grep -q 'another machine' $tmp/lab-r.out && grep -q 'double it' $tmp/lab-r.out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
