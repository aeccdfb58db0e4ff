#!/bin/sh
# shared.sh - the checks against the project's shared data (../shared
# beside the repository), read in place: its corpus holds files the
# repository may not copy (022-024, other projects' fixtures) and any case
# added after the copy in tests/fixtures was made; peer/ holds 779 reports
# of syzkaller's and ABRT's test suites.  The whole suite passes without
# it; this is the one test that reads it, and says in one line when it is
# not there (status 77: ctest counts it as skipped).
#
#   tests/shared.sh TESTS_DIR PAGEFAIL SOURCE_DIR SHARED_DIR
#
# TESTS_DIR holds the unit test programs.  PF_TEST_WRAP, when set, is put
# before every program run (tests/valgrind.sh runs them under valgrind).
set -u
bin=$1
pf=$2
top=$3
shared=$4
wrap=${PF_TEST_WRAP:-}

if [ ! -f "$shared/corpus/INDEX.tsv" ] || [ ! -d "$shared/peer" ]; then
	echo "shared: $shared is not there: the checks against its corpus and peer reports are skipped"
	exit 77
fi
shared=$(cd "$shared" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP	# so that the EXIT trap runs
pass=0
fail=0

# run NAME STATUS COMMAND...: must exit with STATUS; output in $tmp/out,
# shown when it does not
run() {
	name=$1; want=$2; shift 2
	# shellcheck disable=SC2086
	$wrap "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq "$want" ]; then
		pass=$((pass + 1)); echo "ok   $name"
	else
		fail=$((fail + 1)); echo "FAIL $name (exit $st)"
		tail -n 40 "$tmp/out" "$tmp/err"
	fi
}

# the labels of INDEX.tsv and the verdicts, over every file there
run corpus-labels 0 "$bin/test_corpus" --shared "$shared"
run corpus-verdicts 0 "$bin/test_explain" --shared "$shared"
# the false-positive test: 5 reports in 779 other reports
run peer 0 "$bin/test_peer" --shared "$shared"

# corpus 024: the vmalloc failure disagrees with the check, and says why
run explain-024 3 "$pf" explain -j "$shared/corpus/024-syzexec7-order0-4.4-syzkaller-interleaved-kasan.log"
if grep -q '"disagrees":true' "$tmp/out" && grep -q 'came from vmalloc' "$tmp/out"; then
	pass=$((pass + 1)); echo "ok   explain-024-vmalloc"
else
	fail=$((fail + 1)); echo "FAIL explain-024-vmalloc"; head -c 2000 "$tmp/out"
fi

# the HTML report of the whole shared corpus, opened in Chromium when it
# is there (the suite's own report.sh holds the page's numbers)
run report 0 "$pf" report -o "$tmp/shared.html" "$shared"/corpus/*.log
if [ -x "$top/tests/report/chromium.py" ] && "$top/tests/report/chromium.py" --help >/dev/null 2>&1; then
	# not under PF_TEST_WRAP: the browser is no program of ours
	if "$top/tests/report/chromium.py" "$tmp/shared.html"; then
		pass=$((pass + 1)); echo "ok   report-chromium"
	else
		fail=$((fail + 1)); echo "FAIL report-chromium"
	fi
fi

echo "shared: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
