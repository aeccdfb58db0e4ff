#!/bin/sh
# build.sh - "make run" needs only scripts/deps.sh build: a fresh build
# directory, configured as the Makefile does with a pkg-config that does
# not know cmocka (as on a machine without libcmocka-dev), says so in one
# line, leaves the unit tests out and builds pagefail, which runs.
#
#   tests/build.sh CMAKE SOURCE_DIR [C_COMPILER]
set -u
cmake=$1
top=$2
cc=${3:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

pkgconfig=$(command -v pkg-config) || { echo "skip: no pkg-config"; exit 77; }
cat >"$tmp/pkg-config" <<EOF
#!/bin/sh
# pkg-config without cmocka
for a; do
	case "\$a" in *cmocka*) exit 1 ;; esac
done
exec $pkgconfig "\$@"
EOF
chmod +x "$tmp/pkg-config"

# what the Makefile's build does, with tests on (AUTO) as "make run" has them
"$cmake" -S "$top" -B "$tmp/b" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DCMAKE_C_COMPILER="$cc" -DBUILD_TESTING=ON \
	-DPKG_CONFIG_EXECUTABLE="$tmp/pkg-config" >"$tmp/configure.log" 2>&1
st=$?
if [ $st -eq 0 ]; then ok configure; else bad configure "status $st"; tail -n 20 "$tmp/configure.log"; fi
n=$(grep -c 'pagefail: cmocka not found: the unit tests are not built' "$tmp/configure.log")
if [ "$n" -eq 1 ]; then ok configure-says-so; else bad configure-says-so "$n lines"; fi

# one job: ctest runs others beside it
"$cmake" --build "$tmp/b" -j 1 --target pagefail-cli >"$tmp/build.log" 2>&1
st=$?
if [ $st -eq 0 ]; then ok build; else bad build "status $st"; tail -n 20 "$tmp/build.log"; fi
"$tmp/b/pagefail" scan "$top/examples/seed-rhel6-kb-example.log" >"$tmp/scan.out" 2>&1
st=$?
if [ $st -eq 3 ] && grep -q '^6 page allocation failure reports' "$tmp/scan.out"; then
	ok runs
else
	bad runs "status $st"; head -n 5 "$tmp/scan.out"
fi
# no unit test in that directory's ctest, the CLI tests still there
if grep -q 'add_test(cli_golden' "$tmp/b/tests/CTestTestfile.cmake" &&
   ! grep -q 'add_test(test_scan' "$tmp/b/tests/CTestTestfile.cmake"; then
	ok no-unit-tests
else
	bad no-unit-tests "$(grep -c add_test "$tmp/b/tests/CTestTestfile.cmake") tests"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
