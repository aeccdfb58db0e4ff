# lib.sh - what the CLI test scripts share, sourced by each of them:
#
#   . tests/cli/lib.sh   (with $1 PAGEFAIL, $2 SOURCE_DIR, $3 --update)
#
# The scripts run pagefail from the repository root (so paths in the
# output are relative) and check its exit status, an error's exact line on
# stderr, or a condition over what it wrote.  The golden outputs are data,
# tests/cli/cases, run by golden.sh (whose --update rewrites them).  They
# read only the repository (../shared is for tests/shared.sh).
set -u
pf=$1
top=$2
update=${3:-}
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP	# so that the EXIT trap runs
pass=0
fail=0
export NO_COLOR=1 TZ=UTC

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

# fails NAME STATUS 'LINE' ARGS...: exit status STATUS, and stderr exactly
# LINE (an error is one line); stdout is left in $tmp/NAME.out
fails() {
	name=$1; want=$2; line=$3; shift 3
	"$pf" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	st=$?
	if [ "$st" -ne "$want" ]; then
		bad "$name" "exit status $st, expected $want"; cat "$tmp/$name.err"
	elif [ "$(cat "$tmp/$name.err")" != "$line" ]; then
		bad "$name" "stderr differs"
		printf '  want: %s\n  got:  ' "$line"; cat "$tmp/$name.err"
	else
		ok "$name"
	fi
}

# what --kernel says it takes, after "pagefail: OPTION "
K="takes a kernel release as uname -r prints it (2.6.32-358.el6.x86_64, 5.14.0) or an era name (rhel5, rhel6.0 to rhel6.10, rhel6.4-vendor to rhel6.10-vendor, rhel7, rhel8, rhel9), not 'banana'"

# check NAME 'shell condition': a condition over $tmp files
check() {
	if eval "$2"; then ok "$1"; else bad "$1" "$2"; return 1; fi
}

