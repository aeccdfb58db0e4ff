#!/bin/sh
# install.sh - libpagefail as another program sees it: cmake --install
# into a temporary prefix, examples/failures.c built against it through
# pkg-config (shared, then static), run on two logs, and its answers held
# against pagefail's own.
#
#   tests/install.sh BUILD_DIR SOURCE_DIR PAGEFAIL CC
set -u
build=$1 src=$2 pf=$3 cc=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pagefail-install-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
fail=0
check() {
	if eval "$2"; then
		echo "ok $1"
	else
		echo "FAIL $1"
		fail=1
	fi
}

if ! command -v pkg-config >/dev/null 2>&1; then
	echo "pkg-config not found (scripts/deps.sh build installs it)"
	exit 1
fi
cmake --install "$build" --prefix "$tmp/usr" >"$tmp/install.log" 2>&1
rc=$?
check install "[ $rc -eq 0 ]"
pc=$(find "$tmp/usr" -name pagefail.pc)
libdir=$(dirname "$(dirname "$pc")")
check pc "[ -n '$pc' ]"
check header "[ -f $tmp/usr/include/pagefail.h ]"
check no-private-header "[ ! -e $tmp/usr/include/libpagefail.h ]"
check shared "[ -f $libdir/libpagefail.so.0 ] && [ -L $libdir/libpagefail.so ]"
check static "[ -f $libdir/libpagefail.a ]"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
ex=$src/examples/seed-rhel6-kb-example.log
fx=$src/tests/fixtures/corpus/019-swapper-tg3-order1-numa2-2.6.16-x86_64-syslog-wrapped.log
# shellcheck disable=SC2046
"$cc" -Wall -Wextra -Werror -o "$tmp/failures" "$src/examples/failures.c" \
	$(pkg-config --cflags --libs pagefail) 2>"$tmp/cc.err"
rc=$?
check build-shared "[ $rc -eq 0 ] || ! cat $tmp/cc.err"
check needs-soname "objdump -p $tmp/failures | grep -q 'NEEDED.*libpagefail.so.0'"
LD_LIBRARY_PATH="$libdir" "$tmp/failures" "$ex" "$fx" >"$tmp/out" 2>"$tmp/err"
rc=$?
check run "[ $rc -eq 0 ]"

# as many reports as pagefail scan finds, and 019's verdict and cause
n=$("$pf" scan -j "$ex" "$fx" | wc -l)
check count "[ $(wc -l <$tmp/out) -eq $n ] && [ $n -eq 7 ]"
j=$("$pf" explain -j "$fx")
cause=$(printf '%s' "$j" | sed 's/.*"cause":"\([a-z_]*\)".*/\1/')
rule=$(printf '%s' "$j" | sed 's/.*"known_cause":"\([a-z0-9-]*\)".*/\1/')
check verdict "grep -q 'verdict:$cause cause:$rule\$' $tmp/out"
check zones "grep -q ' Normal:fragmentation DMA:lowmem_reserve DMA32:fragmentation ' $tmp/out"

# shellcheck disable=SC2046
"$cc" -o "$tmp/failures-static" "$src/examples/failures.c" \
	$(pkg-config --cflags pagefail) "$libdir/libpagefail.a" \
	$(pkg-config --static --libs-only-l pagefail | sed 's/-lpagefail//') 2>"$tmp/cc.err"
rc=$?
check build-static "[ $rc -eq 0 ] || ! cat $tmp/cc.err"
"$tmp/failures-static" "$ex" "$fx" >"$tmp/out.static" 2>/dev/null
check static-same "[ -s $tmp/out ] && cmp -s $tmp/out $tmp/out.static"
exit $fail
