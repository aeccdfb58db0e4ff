#!/bin/sh
# valgrind.sh - every unit test, and the CLI on the whole corpus, under
# valgrind memcheck: any error or definite leak fails.
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
	if (cd "$build/tests" && $vg "$t" >/dev/null 2>"$t.vg"); then
		pass=$((pass + 1)); echo "valgrind ok   $(basename "$t")"
	else
		fail=$((fail + 1)); echo "valgrind FAIL $(basename "$t")"; tail -n 40 "$t.vg"
	fi
done
$vg "$build/pagefail" scan -j "$top"/tests/fixtures/corpus/*.log "$top"/examples/*.log >/dev/null 2>"$build/cli.vg"
st=$?
if [ "$st" -eq 3 ]; then
	pass=$((pass + 1)); echo "valgrind ok   pagefail scan -j corpus"
else
	fail=$((fail + 1)); echo "valgrind FAIL pagefail scan (exit $st)"; tail -n 40 "$build/cli.vg"
fi
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
