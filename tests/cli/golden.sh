#!/bin/sh
# golden.sh - the golden tests of the pagefail command line: every case
# under tests/cli/cases is a directory of data, run from the repository
# root, its stdout compared byte for byte and its exit status checked.
#
#   tests/cli/golden.sh PAGEFAIL SOURCE_DIR [--update]
#
# A case NAME is tests/cli/cases/NAME/ holding
#   cmd       pagefail's arguments, one line, split at blanks (no quoting,
#             no globbing): paths relative to the repository root
#   expected  its stdout, byte for byte
#   status    its exit status
#   stdin     (optional) its standard input; /dev/null without
#   env       (optional) NAME=VALUE lines put in its environment
# --update rewrites every case's expected from what pagefail printed (the
# status is still checked: a changed status is a change of the contract).
# The other checks of each command (errors, round trips, files written)
# stay in scan.sh, explain.sh, simulate.sh, status.sh and top.sh.
. "$(dirname "$0")/lib.sh"

cases=tests/cli/cases
n=0
for dir in "$cases"/*/; do
	dir=${dir%/}
	name=${dir##*/}
	n=$((n + 1))
	if [ ! -f "$dir/cmd" ] || [ ! -f "$dir/status" ] ||
	   { [ ! -f "$dir/expected" ] && [ "$update" != --update ]; }; then
		bad "$name" "a case needs cmd, status and expected"
		continue
	fi
	in=/dev/null
	[ -f "$dir/stdin" ] && in=$dir/stdin
	# the arguments, split at blanks and never globbed
	(
		set -f
		if [ -f "$dir/env" ]; then
			# shellcheck disable=SC2163 # kv is NAME=VALUE
			while IFS= read -r kv; do
				[ -n "$kv" ] && export "$kv"
			done <"$dir/env"
		fi
		# shellcheck disable=SC2046
		exec "$pf" $(cat "$dir/cmd")
	) <"$in" >"$tmp/$name.out" 2>"$tmp/$name.err"
	st=$?
	want=$(cat "$dir/status")
	if [ "$update" = --update ]; then
		cp "$tmp/$name.out" "$dir/expected"
	fi
	if [ "$st" -ne "$want" ]; then
		bad "$name" "exit status $st, expected $want"; cat "$tmp/$name.err"
	elif ! cmp -s "$dir/expected" "$tmp/$name.out"; then
		bad "$name" "output differs"
		diff -u "$dir/expected" "$tmp/$name.out" | head -n 40
	else
		ok "$name"
	fi
done
# an empty or missing cases directory is a broken checkout, not a pass
if [ "$n" -eq 0 ]; then
	bad cases "no case under $cases"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
