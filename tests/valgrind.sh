#!/bin/sh
# valgrind.sh - every unit test, the checks against ../shared when it is
# there, and the CLI on the whole corpus, under valgrind memcheck: any
# error or definite leak fails.
#
#   tests/valgrind.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
fail=0
pass=0
for t in "$build"/tests/test_*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case "$t" in *.vg) continue ;; esac
	# the simulator's acceptance runs simulate minutes of a big machine:
	# too long under valgrind; its parts run below and in test_sim_*
	case "$t" in */test_simulate) continue ;; esac
	# test_peer reads only ../shared/peer: the shared.sh run below has it
	case "$t" in */test_peer) continue ;; esac
	(cd "$build/tests" && $vg "$t" >/dev/null 2>"$t.vg")
	st=$?
	if [ $st -eq 0 ]; then
		pass=$((pass + 1)); echo "valgrind ok   $(basename "$t")"
	elif [ $st -eq 77 ]; then
		echo "valgrind skip $(basename "$t"): $(tail -n 1 "$t.vg")"
	else
		fail=$((fail + 1)); echo "valgrind FAIL $(basename "$t")"; tail -n 40 "$t.vg"
	fi
done
# the checks against ../shared (one line when it is not there)
PF_TEST_WRAP=$vg "$top/tests/shared.sh" "$build/tests" "$build/pagefail" \
	"$top" "$top/../shared" >"$build/shared.vg" 2>&1
st=$?
if [ $st -eq 0 ]; then
	pass=$((pass + 1)); echo "valgrind ok   shared"
elif [ $st -eq 77 ]; then
	echo "valgrind skip $(tail -n 1 "$build/shared.vg")"
else
	fail=$((fail + 1)); echo "valgrind FAIL shared"; tail -n 60 "$build/shared.vg"
fi
# the CLI: scan, explain and advise over the corpus, advise on a snapshot
cli() {
	want=$1; name=$2; shift 2
	$vg "$build/pagefail" "$@" >/dev/null 2>"$build/cli.vg"
	st=$?
	if [ "$st" -eq "$want" ]; then
		pass=$((pass + 1)); echo "valgrind ok   pagefail $name"
	else
		fail=$((fail + 1)); echo "valgrind FAIL pagefail $name (exit $st)"
		tail -n 40 "$build/cli.vg"
	fi
}
corpus="$top/tests/fixtures/corpus"
cli 3 "scan -j corpus" scan -j "$corpus"/*.log "$top"/examples/*.log
cli 3 "explain corpus" explain "$corpus"/*.log "$top"/examples/*.log
cli 3 "explain -j corpus" explain -j "$corpus"/*.log
cli 0 "advise corpus" advise "$corpus"/*.log
cli 0 "advise -j --root rhel6" advise -j --root "$top/tests/fixtures/system/rhel6-sosreport" "$top"/examples/*.log
cli 0 "advise --sysctl --root live fixture" advise --sysctl --root "$top/tests/fixtures/system/debian12-live" "$corpus"/019-*.log
cli 0 "status (this machine)" status
cli 0 "status -j --root rhel6" status -j --root "$top/tests/fixtures/system/rhel6-sosreport"
cli 0 "status interval" status -j --root "$top/tests/fixtures/system/v4.19-numa" 0.1 2
cli 0 "top -b" top -b -n 3 -d 0.1 --root "$top/tests/fixtures/system/debian12-live"
cli 0 "top -b (this machine)" top -b -n 2 -d 0.1
cli 3 "simulate --check small" simulate --check --reports 2 "$top/tests/fixtures/scenarios/small.scn"
cli 3 "simulate sweep" simulate -j --sweep vm.min_free_kbytes=512,4096 "$top/tests/fixtures/scenarios/small.scn"
cli 0 "export (this machine)" export
snap=$(mktemp -d)
cli 0 "export --textfile --root v4.19" export --root "$top/tests/fixtures/system/v4.19-numa" --textfile "$snap"
cli 0 "snapshot" snapshot -q "$snap/s"
cli 0 "snapshot --force" snapshot -q --force --root "$top/tests/fixtures/system/v4.19-numa" "$snap/s"
cli 0 "report corpus --root --simulate" report -o "$snap/r.html" --root "$top/tests/fixtures/system/v4.19-numa" --simulate "$top/tests/fixtures/scenarios/small.scn" "$corpus"/*.log
seq 100 >"$snap/junk.rules"
# (not trace: valgrind 3.19 knows only some of bpf(2)'s commands, and
# libbpf's maps mmapped into the process fool it; trace runs under ASan
# and UBSan in make asan instead)
# the journal source, on a journal file written from the corpus (when
# systemd-journal-remote is there and pagefail has libsystemd)
remote=/lib/systemd/systemd-journal-remote
if [ -x $remote ] && ! "$build/pagefail" scan --journal /nonexistent 2>&1 | grep -q 'without libsystemd'; then
	python3 "$top/tests/cli/tojournal.py" "$corpus"/001-*.log "$corpus"/007-*.log |
		$remote --output="$snap/c.journal" - 2>/dev/null
	cli 3 "scan -j --journal" scan -j --journal "$snap/c.journal"
fi
cli 1 "explain --rules junk" explain --rules "$snap/junk.rules" "$top"/examples/*.log
rm -rf "$snap"
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
