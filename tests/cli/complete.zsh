#!/usr/bin/env zsh
# complete.zsh OUT FPATH_DIR LINES - drive zsh's own completion of pagefail
# in a terminal (zsh/zpty): each line of the file LINES is put in the line
# editor and completed with complete-word, from one widget in one
# keystroke (typed ahead of the editor, lines can be lost); what the
# completion offered for it (every compadd's matches) goes to OUT after a
# line "### LINE".  Exit status 1 when zsh did not finish.
zmodload zsh/zpty || exit 1
out=$1 fdir=$2 lines=$3
: >$out
zpty pf zsh -f -i
# compadd with -O, -A or -D is asked for matches, not adding them: as is
zpty -w pf "PS1=''; setopt extendedglob; fpath=(${(q)fdir} \$fpath)
autoload -Uz compinit; compinit -u -D; zstyle ':completion:*' list-prompt ''
compadd() {
	local -a __h
	if (( \${@[(I)-[A-Za-z]#[OAD]*]} )); then builtin compadd \"\$@\"; return; fi
	builtin compadd -A __h \"\$@\"
	print -rl -- \$__h >>${(q)out}
	builtin compadd \"\$@\"
}
pf-lines() {
	local l
	for l in \${(f)\"\$(<${(q)lines})\"}; do
		print -r -- \"### \$l\" >>${(q)out}
		BUFFER=\$l; CURSOR=\$#BUFFER
		zle complete-word
	done
	print -r -- '### end' >>${(q)out}
	BUFFER=exit; zle accept-line
}
zle -N pf-lines; bindkey '^T' pf-lines; print -r -- '### ready' >>${(q)out}"
for ((i = 0; i < 400; i++)); do
	while zpty -r -t pf chunk; do :; done
	grep -qx '### ready' $out && break
	sleep 0.05
done
zpty -w -n pf $'\C-t'
for ((i = 0; i < 1200; i++)); do
	while zpty -r -t pf chunk; do :; done
	grep -qx '### end' $out && break
	sleep 0.05
done
zpty -d pf
grep -qx '### end' $out
