#!/bin/sh
# export.sh - tests of pagefail export: promtool (Debian's prometheus
# package) accepts what it writes; every zone's values are status -j's of
# the same machine; failures in a saved kernel log are counted by order,
# GFP class and context; --textfile replaces DIR/pagefail.prom in one
# rename, readable by all, leaving nothing else behind.
#
#   tests/cli/export.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

sysdir=tests/fixtures/system
if ! command -v promtool >/dev/null 2>&1; then
	echo "skip: no promtool (Debian's prometheus package; scripts/deps.sh check installs it)"
	exit 77
fi

# promtool's own checks of the format and of Prometheus' naming rules
for m in debian12-live rhel6-sosreport v4.19-numa; do
	"$pf" export --root $sysdir/$m >"$tmp/$m.prom"
	check "promtool-$m" "promtool check metrics <$tmp/$m.prom >$tmp/$m.lint 2>&1"
done
"$pf" export >"$tmp/live.prom" 2>"$tmp/live.err"
check promtool-live "promtool check metrics <$tmp/live.prom >$tmp/live.lint 2>&1"

# the values are status's, zone by zone and order by order
for m in debian12-live v4.19-numa; do
	"$pf" status -j --root $sysdir/$m >"$tmp/$m.json"
	check "same-as-status-$m" "python3 - $tmp/$m.prom $tmp/$m.json <<'PY'
import json, re, sys
got = {}
for line in open(sys.argv[1]):
    m = re.match(r'(\w+)\{(.*)\} (\S+)$', line)
    if m:
        labels = dict(re.findall(r'(\w+)=\"([^\"]*)\"', m.group(2)))
        got[(m.group(1), labels.get('node'), labels.get('zone'),
             labels.get('order'), labels.get('watermark'))] = float(m.group(3))
s = json.load(open(sys.argv[2]))
n = 0
for z in s['zones']:
    node, zone, kb = str(z['node']), z['zone'], 1024
    def want(name, v, order=None, mark=None):
        global n
        if v is None:
            return
        key = (name, node, zone, None if order is None else str(order), mark)
        assert key in got, key
        assert abs(got[key] - v) < 1e-9, (key, got[key], v)
        n += 1
    want('pagefail_zone_free_bytes', z['free_kb'] * kb)
    want('pagefail_zone_managed_bytes', z['managed_kb'] * kb)
    for w in ('min', 'low', 'high'):
        want('pagefail_zone_watermark_bytes', z[w + '_kb'] * kb, mark=w)
    for o, v in enumerate(z['free_blocks']):
        want('pagefail_zone_free_blocks', v, o)
        want('pagefail_zone_unusable_free_ratio', z['unusable_index'][o], o)
        want('pagefail_zone_fragmentation_index', z['extfrag_index'][o], o)
    for o, v in enumerate(z['atomic_headroom']):
        if v is not None and v >= 0:
            want('pagefail_zone_atomic_headroom_allocations', v, o)
            want('pagefail_zone_atomic_headroom_bytes',
                 v * (z['page_kb'] << o) * kb, o)
assert n > 50, n
PY"
done

# failures in a saved kernel log (ROOT/dev/kmsg): corpus 019 is one
# GFP_ATOMIC order-1 failure of swapper in softirq
mkdir -p "$tmp/root/dev"
cp -r $sysdir/v4.19-numa/. "$tmp/root/"
cp tests/fixtures/corpus/019-*.log "$tmp/root/dev/kmsg"
"$pf" export --root "$tmp/root" >"$tmp/f.prom"
check failures-counted "grep -qx 'pagefail_allocation_failures_total{order=\"1\",mode=\"atomic\",context=\"softirq\"} 1' $tmp/f.prom"
check failures-promtool "promtool check metrics <$tmp/f.prom >/dev/null 2>&1"
"$pf" export --no-log --root "$tmp/root" >"$tmp/nolog.prom"
check no-log "! grep -q pagefail_allocation_failures_total $tmp/nolog.prom"
check no-log-no-errors "grep -qx 'pagefail_read_errors 0' $tmp/nolog.prom"

# --textfile: the file replaced whole, 0644, nothing else left in DIR
mkdir "$tmp/tf"
"$pf" export --no-log --root $sysdir/v4.19-numa --textfile "$tmp/tf"
first=$(stat -c %i "$tmp/tf/pagefail.prom")
"$pf" export --no-log --root $sysdir/v4.19-numa --textfile "$tmp/tf"
check textfile-replaced "[ \"\$(stat -c %i $tmp/tf/pagefail.prom)\" != $first ]"
check textfile-mode "[ \"\$(stat -c %a $tmp/tf/pagefail.prom)\" = 644 ]"
check textfile-alone "[ \"\$(ls -A $tmp/tf)\" = pagefail.prom ]"
grep -v '^pagefail_scrape_duration_seconds' "$tmp/tf/pagefail.prom" >"$tmp/tf.a"
"$pf" export --no-log --root $sysdir/v4.19-numa | grep -v '^pagefail_scrape_duration_seconds' >"$tmp/tf.b"
check textfile-same "cmp -s $tmp/tf.a $tmp/tf.b"

# --textfile keeps the failure counts of one boot in DIR/.pagefail.state:
# they stay when the ring buffer drops a report, grow with a newer one,
# and start again with a new boot id.  A lab console: a report with the
# kernel's monotonic time.
lab=tests/fixtures/lab/unmovable-atomic-1/console.log
kept() {
	sed -n 's/^pagefail_allocation_failures_total{order="1",mode="atomic",context="softirq"} //p' "$tmp/st/pagefail.prom"
}
mkdir -p "$tmp/st" "$tmp/sr/dev" "$tmp/sr/proc/sys/kernel/random"
cp -r $sysdir/v4.19-numa/. "$tmp/sr/"
echo 11111111-2222-3333-4444-555555555555 >"$tmp/sr/proc/sys/kernel/random/boot_id"
cp "$lab" "$tmp/sr/dev/kmsg"
"$pf" export --root "$tmp/sr" --textfile "$tmp/st"
first=$(kept)
: >"$tmp/sr/dev/kmsg"	# the ring buffer wrapped: the report is gone
"$pf" export --root "$tmp/sr" --textfile "$tmp/st"
check state-kept "[ -n '$first' ] && [ \"\$(kept)\" = '$first' ]"
sed 's/^\[    4\./[  104./' "$lab" >"$tmp/sr/dev/kmsg"	# a newer one
"$pf" export --root "$tmp/sr" --textfile "$tmp/st"
check state-grows "[ \"\$(kept)\" = $((first * 2)) ]"
"$pf" export --root "$tmp/sr" --textfile "$tmp/st"
check state-once "[ \"\$(kept)\" = $((first * 2)) ]"
echo 99999999-2222-3333-4444-555555555555 >"$tmp/sr/proc/sys/kernel/random/boot_id"
"$pf" export --root "$tmp/sr" --textfile "$tmp/st"
check state-new-boot "[ \"\$(kept)\" = '$first' ]"
check state-alone "[ \"\$(ls -A $tmp/st | tr '\n' ' ')\" = '.pagefail.state pagefail.prom ' ]"

fails textfile-missing-dir 1 "pagefail: $tmp/none: cannot write pagefail.prom there: No such file or directory" \
	export --no-log --root $sysdir/v4.19-numa --textfile "$tmp/none"
fails export-operand 2 "pagefail: export takes no arguments, not 'extra' (see 'pagefail help export')" \
	export extra

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
