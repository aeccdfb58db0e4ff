#!/usr/bin/env bash
# complete.sh - the shells' completions (contrib/completion/) against the
# command table: for every command, and every option its parser takes
# (pagefail CMD --completion-helper reads the parser's own getopt table),
# bash, zsh and fish each offer it; each kind of value completes as that
# kind (an era, a setting, a command, a directory, a file); and every
# option --help shows is one the parser takes, and the other way round.
# bash is driven through its completion function with bash-completion
# loaded and without it, zsh through its line editor in a terminal
# (complete.zsh), fish through "complete -C".
#
#   tests/cli/complete.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"
comp=$top/contrib/completion

# the completions run "pagefail": this one, first in PATH
mkdir "$tmp/bin" "$tmp/t" "$tmp/t/dsub"
ln -s "$(cd "$(dirname "$pf")" && pwd)/$(basename "$pf")" "$tmp/bin/pagefail"
: >"$tmp/t/file1"
export PATH="$tmp/bin:$PATH"

# the table: commands, and each command's options (shorts and longs)
pagefail --completion-helper | awk -F'\t' '$1 == "command" { print $2 }' >"$tmp/commands"
check commands-listed "[ \$(wc -l <$tmp/commands) -ge 12 ] && grep -qx trace $tmp/commands"
for c in $(cat "$tmp/commands"); do
	pagefail "$c" --completion-helper >"$tmp/$c.helper" 2>"$tmp/$c.err"
	st=$?
	check "helper-$c" "[ $st -eq 0 ] && [ ! -s $tmp/$c.err ]" || cat "$tmp/$c.err"
	awk -F'\t' '$1 == "option" { if ($2 != "") print $2; print $3 }' "$tmp/$c.helper" |
		sort >"$tmp/$c.want"
	# every --option of --help's lines is in the parser's table
	pagefail help "$c" | grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' |
		grep -oE -- '--[a-z-]+' | sort -u >"$tmp/$c.doc"
	check "help-in-table-$c" "comm -23 $tmp/$c.doc $tmp/$c.want | { ! grep .; }"
done

# bash: _pagefail on a line, with or without bash-completion
bash_complete() { # BASH_COMPLETION(0|1) WORD...
	local with=$1
	shift
	bash --norc --noprofile -c '
		[ "$0" = 1 ] && . /usr/share/bash-completion/bash_completion
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_pagefail pagefail "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' "$with" "$comp/pagefail.bash" "$@"
}

# zsh: every line at once (complete.zsh), then the answers of one
printf 'pagefail \n' >"$tmp/zlines"
for c in $(cat "$tmp/commands"); do printf 'pagefail %s -\n' "$c"; done >>"$tmp/zlines"
cat >>"$tmp/zlines" <<LINES
pagefail scan --kernel rhel6.
pagefail simulate --set vm.w
pagefail advise --set=vm.m
pagefail help s
pagefail trace --export $tmp/t/
pagefail scan $tmp/t/
LINES
zsh -f "$top/tests/cli/complete.zsh" "$tmp/zsh.out" "$comp" "$tmp/zlines"
check zsh-ran "[ $? -eq 0 ]"
zsh_complete() { # LINE
	awk -v l="### $*" '$0 == l { on = 1; next } /^### / { on = 0 } on && NF' "$tmp/zsh.out"
}

fish_complete() { # LINE
	fish --no-config -c "source $comp/pagefail.fish; complete -C '$*'" | cut -f1
}

# complete SHELL LINE: what SHELL offers for LINE, a word a line, sorted
complete_in() {
	local sh=$1 line=$2 words
	read -r -a words <<<"$line"
	[[ $line == *' ' ]] && words+=("")
	case $sh in
	bash) bash_complete 1 "${words[@]}" ;;
	bash-plain) bash_complete 0 "${words[@]}" ;;
	zsh) zsh_complete "$line" ;;
	fish) fish_complete "$line" ;;
	esac | sed 's|/$||; s|.*/||; s|^--[a-z-]*=||; s|=$||' | sort -u
}

shells="bash bash-plain zsh fish"
for sh in $shells; do
	complete_in "$sh" "pagefail " >"$tmp/got"
	check "$sh-commands" "diff <(sort $tmp/commands) $tmp/got >/dev/null"
	for c in $(cat "$tmp/commands"); do
		complete_in "$sh" "pagefail $c -" >"$tmp/got"
		if ! check "$sh-options-$c" "comm -23 $tmp/$c.want $tmp/got | { ! grep .; }"; then
			echo "  missing: $(comm -23 "$tmp/$c.want" "$tmp/got" | tr '\n' ' ')"
		fi
	done
	# the kinds: words pagefail knows, then directories, then files
	complete_in "$sh" "pagefail scan --kernel rhel6." >"$tmp/got"
	check "$sh-era" "grep -qx rhel6.2 $tmp/got && ! grep -qx rhel7 $tmp/got"
	complete_in "$sh" "pagefail simulate --set vm.w" >"$tmp/got"
	check "$sh-setting" "grep -qx vm.watermark_scale_factor $tmp/got && ! grep -qx vm.min_free_kbytes $tmp/got"
	complete_in "$sh" "pagefail advise --set=vm.m" >"$tmp/got"
	check "$sh-setting-eq" "grep -q '^vm.min_free_kbytes' $tmp/got"
	complete_in "$sh" "pagefail help s" >"$tmp/got"
	check "$sh-help-command" "grep -qx simulate $tmp/got && grep -qx snapshot $tmp/got && ! grep -qx trace $tmp/got"
	complete_in "$sh" "pagefail trace --export $tmp/t/" >"$tmp/got"
	check "$sh-dir" "grep -qx dsub $tmp/got && ! grep -qx file1 $tmp/got"
	complete_in "$sh" "pagefail scan $tmp/t/" >"$tmp/got"
	check "$sh-file" "grep -qx dsub $tmp/got && grep -qx file1 $tmp/got"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
