#!/bin/sh
# build.sh - the front door: the build "make run" makes, on a machine that
# has only the build's packages.  In a fresh build directory, with a
# pkg-config that does not know cmocka (as without libcmocka-dev), the
# Makefile's own target for the command must configure, say in one line
# that the unit tests are left out, build pagefail quietly (a few lines,
# none of make's "Entering directory" progress) and the result must run.
# A user's build has no -Werror: that is for make check and developers.
#
#   tests/build.sh CMAKE SOURCE_DIR [C_COMPILER]
#
# Nothing is installed: apt-get is a stand-in that fails, so a missing
# build package fails this test instead of changing the machine.
set -u
cmake=$1
top=$2
cc=${3:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP	# so that the EXIT trap runs
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

pkgconfig=$(command -v pkg-config) || { echo "skip: no pkg-config"; exit 77; }
command -v make >/dev/null 2>&1 || { echo "skip: no make"; exit 77; }
mkdir "$tmp/bin"
cat >"$tmp/bin/pkg-config" <<EOF
#!/bin/sh
# pkg-config without cmocka
for a; do
	case "\$a" in *cmocka*) exit 1 ;; esac
done
exec $pkgconfig "\$@"
EOF
cat >"$tmp/bin/apt-get" <<'EOF'
#!/bin/sh
echo "tests/build.sh: a build package is missing; this test installs nothing" >&2
exit 1
EOF
ln -s "$cmake" "$tmp/bin/cmake"
chmod +x "$tmp/bin/pkg-config" "$tmp/bin/apt-get"

# "make run"'s build, as a user starts it: a top-level make (nothing of
# the make that runs this test), one job since ctest runs others beside it
(cd "$top" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	PATH="$tmp/bin:$PATH" CC="$cc" JOBS=1 \
	make BUILD="$tmp/b" "$tmp/b/pagefail") >"$tmp/make.out" 2>&1
st=$?
if [ $st -eq 0 ]; then ok make; else bad make "status $st"; tail -n 20 "$tmp/make.out"; fi
n=$(grep -c 'pagefail: cmocka not found: the unit tests are not built' "$tmp/make.out")
if [ "$n" -eq 1 ]; then ok says-no-cmocka; else bad says-no-cmocka "$n lines"; fi
n=$(grep -c 'Entering directory\|Leaving directory\|Building C object' "$tmp/make.out")
if [ "$n" -eq 0 ]; then ok no-progress; else bad no-progress "$n lines of make's progress"; fi
n=$(wc -l <"$tmp/make.out")
if [ "$n" -le 3 ]; then ok quiet; else bad quiet "$n lines"; head -n 10 "$tmp/make.out"; fi

# warnings as errors only when asked (-DPF_WERROR=ON in make check)
all=$(find "$tmp/b" -name flags.make | wc -l)
n=$(find "$tmp/b" -name flags.make -exec grep -l -- '-Werror' {} + | wc -l)
if [ "$all" -gt 0 ] && [ "$n" -eq 0 ]; then
	ok no-werror
else
	bad no-werror "$n of $all targets build with -Werror"
fi

"$tmp/b/pagefail" scan "$top/examples/seed-rhel6-kb-example.log" >"$tmp/scan.out" 2>&1
st=$?
if [ $st -eq 3 ] && grep -q '^6 page allocation failure reports' "$tmp/scan.out"; then
	ok runs
else
	bad runs "status $st"; head -n 5 "$tmp/scan.out"
fi
# no unit test in that directory's ctest, the CLI tests still there
if grep -q 'add_test(cli_golden' "$tmp/b/tests/CTestTestfile.cmake" 2>/dev/null &&
   ! grep -q 'add_test(test_scan' "$tmp/b/tests/CTestTestfile.cmake"; then
	ok no-unit-tests
else
	bad no-unit-tests "the build's tests/CTestTestfile.cmake"
fi

# every optional package away (libbpf, libsystemd, libmicrohttpd, ncursesw):
# it builds, and each command that needs one says so in one line
cat >"$tmp/bin/pkg-config" <<EOF
#!/bin/sh
# pkg-config without cmocka and the optional packages
for a; do
	case "\$a" in *cmocka*|*libbpf*|*libsystemd*|*microhttpd*|*ncurses*) exit 1 ;; esac
done
exec $pkgconfig "\$@"
EOF
PATH="$tmp/bin:$PATH" CC="$cc" "$cmake" -S "$top" -B "$tmp/m" -DBUILD_TESTING=OFF \
	>"$tmp/m.out" 2>&1 && PATH="$tmp/bin:$PATH" "$cmake" --build "$tmp/m" \
	--target pagefail-cli >>"$tmp/m.out" 2>&1
st=$?
if [ $st -eq 0 ]; then ok minimal-build; else bad minimal-build "status $st"; tail -n 20 "$tmp/m.out"; fi
n=$(grep -c 'not found: ' "$tmp/m.out")
if [ "$n" -eq 4 ]; then ok minimal-says; else bad minimal-says "$n of 4 lines"; grep 'pagefail:' "$tmp/m.out"; fi
without() {
	name=$1 want=$2
	shift 2
	"$tmp/m/pagefail" "$@" >/dev/null 2>"$tmp/w.err"
	st=$?
	if [ $st -eq 1 ] && [ "$(wc -l <"$tmp/w.err")" -eq 1 ] && grep -q "$want" "$tmp/w.err"; then
		ok "$name"
	else
		bad "$name" "status $st"; cat "$tmp/w.err"
	fi
}
without without-bpf 'built without eBPF' trace -d 0.1
without without-journal 'built without libsystemd' scan --journal "$tmp"
without without-mhd 'built without libmicrohttpd' serve

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
