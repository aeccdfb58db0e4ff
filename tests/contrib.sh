#!/bin/sh
# contrib.sh - what contrib/ ships, held to the real tools: the Prometheus
# rules pass "promtool check rules" and their unit tests (every alert,
# firing and not: contrib/prometheus/pagefail-rules.test.yml); the Grafana
# dashboard's queries parse and name only metrics export writes; the systemd
# units pass "systemd-analyze verify"; the service's command runs, and as
# the unprivileged user the unit names, it reads the kernel log with
# CAP_SYSLOG, the one capability the unit gives it.
#
#   tests/contrib.sh PAGEFAIL SOURCE_DIR
set -u
pf=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$2
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; cat "$tmp/out" 2>/dev/null; }
try() {
	name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then ok "$name"; else bad "$name"; fi
}

if command -v promtool >/dev/null 2>&1; then
	try rules-check promtool check rules contrib/prometheus/pagefail-rules.yml
	(cd contrib/prometheus && promtool test rules pagefail-rules.test.yml) \
		>"$tmp/out" 2>&1 && ok rules-unit-tests || bad rules-unit-tests
else
	echo "skip rules: no promtool (Debian's prometheus package)"
fi

# the Grafana dashboard: JSON, panel ids unique, every query PromQL that
# promtool parses, and every metric it names one that export writes (a
# failure included) or a recording rule makes: it cannot drift from them
mkdir -p "$tmp/root/dev"
cp -r tests/fixtures/system/v4.19-numa/. "$tmp/root/"
cp tests/fixtures/corpus/019-*.log "$tmp/root/dev/kmsg"
"$pf" export --root "$tmp/root" >"$tmp/export.prom"
if python3 - contrib/grafana/pagefail.json contrib/prometheus/pagefail-rules.yml \
	"$tmp/export.prom" "$tmp/dash-rules.yml" >"$tmp/out" 2>&1 <<'PY'
import json, re, sys
dash = json.load(open(sys.argv[1]))
rules = open(sys.argv[2]).read()
known = set(re.findall(r'^# TYPE (\S+)', open(sys.argv[3]).read(), re.M))
known |= set(re.findall(r'record: (\S+)', rules))
ids, exprs = [], []
def walk(panels):
    for p in panels:
        ids.append(p['id'])
        exprs.extend(t['expr'] for t in p.get('targets', []))
        walk(p.get('panels', []))
walk(dash['panels'])
assert dash['uid'] and len(ids) == len(set(ids)), ids
assert exprs
for e in exprs:
    for m in re.findall(r'[a-z_:]*pagefail_[a-z0-9_:]+', e):
        assert m in known, (m, e)
with open(sys.argv[4], 'w') as f:
    f.write('groups:\n  - name: dashboard\n    rules:\n')
    for i, e in enumerate(exprs):
        f.write('      - record: dashboard:q%d\n        expr: %s\n' % (i, json.dumps(e)))
PY
then
	ok dashboard-metrics
	if command -v promtool >/dev/null 2>&1; then
		try dashboard-promql promtool check rules "$tmp/dash-rules.yml"
	fi
else
	bad dashboard-metrics
fi

if command -v systemd-analyze >/dev/null 2>&1; then
	# the units as installed, but for where pagefail is: the man page
	# need not be installed either
	for u in contrib/systemd/*; do
		sed "s|/usr/bin/pagefail|$pf|g" "$u" >"$tmp/$(basename "$u")"
	done
	(cd "$tmp" && systemd-analyze verify --man=no ./pagefail-export.service \
		./pagefail-export.timer ./pagefail-watch.service) >"$tmp/out" 2>&1
	st=$?
	# an unknown key is only a warning: none is allowed
	if [ $st -eq 0 ] && [ ! -s "$tmp/out" ]; then ok units-verify; else bad units-verify; fi
else
	echo "skip units: no systemd-analyze"
fi

# the service's own command, into a directory of ours
cmd=$(sed -n 's|^ExecStart=/usr/bin/pagefail ||p' contrib/systemd/pagefail-export.service)
mkdir -p "$tmp/textfile"
# shellcheck disable=SC2086
set -- $(echo "$cmd" | sed "s|/var/lib/prometheus/node-exporter|$tmp/textfile|")
try unit-command "$pf" "$@"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
	[ -c /dev/kmsg ] &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$pf" --version \
		>/dev/null 2>&1; then
	chmod 755 "$tmp"
	chmod 777 "$tmp/textfile"
	# shellcheck disable=SC2086
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=+syslog --ambient-caps=+syslog "$pf" "$@" \
		>"$tmp/out" 2>&1 &&
		grep -qx 'pagefail_read_errors 0' "$tmp/textfile/pagefail.prom" &&
		ok unprivileged-with-cap-syslog || bad unprivileged-with-cap-syslog
	# the watch unit's command, the same way: it follows the kernel log
	# until SIGTERM, with nothing to say
	wcmd=$(sed -n 's|^ExecStart=/usr/bin/pagefail ||p' contrib/systemd/pagefail-watch.service)
	# shellcheck disable=SC2086
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=+syslog --ambient-caps=+syslog "$pf" $wcmd \
		>"$tmp/watch.out" 2>"$tmp/out" &
	wpid=$!
	sleep 0.5
	kill -TERM $wpid
	if wait $wpid && [ ! -s "$tmp/out" ]; then
		ok watch-unit-unprivileged
	else
		bad watch-unit-unprivileged
	fi
else
	echo "skip unprivileged: not root, no setpriv or /dev/kmsg, or nobody cannot run $pf"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
