#!/usr/bin/env bash
# man.sh - the man pages (docs/*.1) against the command table: a page per
# command, named and listed in pagefail(1); every option the command's
# parser takes (pagefail CMD --completion-helper) described in its page;
# and every page clean under mandoc -T lint, down to its style notes.
#
#   tests/cli/man.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

if ! command -v mandoc >/dev/null; then
	echo "mandoc not found (scripts/deps.sh check installs it)"
	exit 1
fi
"$pf" --completion-helper | awk -F'\t' '$1 == "command" && $2 != "help" { print $2 }' >"$tmp/commands"
check commands "[ \$(wc -l <$tmp/commands) -ge 11 ]"
for c in $(cat "$tmp/commands"); do
	page=docs/pagefail-$c.1
	check "page-$c" "[ -f $page ] && grep -q '^\.TH PAGEFAIL\\\\-${c^^} 1 ' $page"
	check "index-$c" "grep -qx '\.BR pagefail\\\\-$c (1),\?' docs/pagefail.1"
	"$pf" "$c" --completion-helper | awk -F'\t' '$1 == "option" && $3 != "--help" { print $3 }' |
		sed 's/-/\\-/g' >"$tmp/$c.opts"
	: >"$tmp/$c.missing"
	while read -r o; do
		grep -qF -- "$o" "$page" 2>/dev/null || echo "$o" >>"$tmp/$c.missing"
	done <"$tmp/$c.opts"
	check "options-$c" "[ ! -s $tmp/$c.missing ]" || cat "$tmp/$c.missing"
done
for page in docs/*.1; do
	check "lint-${page#docs/}" "mandoc -T lint -W style $page"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
