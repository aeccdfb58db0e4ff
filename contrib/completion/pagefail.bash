# bash completion for pagefail(1)                          -*- shell-script -*-
#
# Install as share/bash-completion/completions/pagefail (bash-completion
# loads it the first time "pagefail" is completed), or source it.
#
# Nothing here names a command or an option: pagefail says them itself
# ("pagefail --completion-helper", "pagefail CMD --completion-helper"),
# as its own parser takes them, so this file cannot drift from the
# program.  Each line it says is tab-separated:
#   command  NAME  SUMMARY
#   option   -S    --LONG  ARG  KIND  HELP    (-S, ARG, KIND may be empty)
#   operand  WORD  KIND
# KIND is what a value or operand is: file, dir, era, setting, command
# (the words of the last three: "pagefail CMD --completion-helper=KIND"),
# or word (anything: nothing is offered).  Uses bash-completion's
# _init_completion and _filedir where they are, plain compgen otherwise.

# _pagefail_complete KIND: complete $cur as a word of KIND.
_pagefail_complete()
{
    local IFS=$'\n'
    case $1 in
        file)
            if declare -F _filedir >/dev/null; then
                _filedir
            else
                compopt -o filenames 2>/dev/null
                COMPREPLY=($(compgen -f -- "$cur"))
            fi
            ;;
        dir)
            if declare -F _filedir >/dev/null; then
                _filedir -d
            else
                compopt -o filenames 2>/dev/null
                COMPREPLY=($(compgen -d -- "$cur"))
            fi
            ;;
        setting)
            # NAME=VALUE: the NAME, then the value is the user's
            [[ $cur == *=* ]] && return
            compopt -o nospace 2>/dev/null
            COMPREPLY=($(compgen -S = -W "$("$bin" $cmd --completion-helper=setting 2>/dev/null)" -- "$cur"))
            ;;
        era | command)
            COMPREPLY=($(compgen -W "$("$bin" $cmd --completion-helper="$1" 2>/dev/null)" -- "$cur"))
            ;;
    esac
}

_pagefail()
{
    local cur prev words cword split=false
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return
    else
        COMPREPLY=()
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${words[cword]}
        prev=${words[cword - 1]}
        # COMP_WORDBREAKS splits "--kernel=rh" into "--kernel" "=" "rh"
        if [[ $prev == = ]] && ((cword >= 2)); then
            prev=${words[cword - 2]}
            split=true
        elif [[ $cur == = ]]; then
            cur=""
            split=true
        elif [[ $cur == --*=* ]]; then
            prev=${cur%%=*}
            cur=${cur#*=}
            split=true
        fi
    fi

    # the program being completed ("pagefail", "./build/pagefail")
    local bin=${words[0]}
    [[ $bin == */* ]] && [[ ! -x $bin ]] && bin=pagefail
    bin=${bin/#\~/$HOME}

    # the command: the first word after the program that is no option
    local i cmd="" cmd_idx=0
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} != -* ]]; then
            cmd=${words[i]}
            cmd_idx=$i
            break
        fi
    done

    local line kind="" opts=() operand_kind=""
    local -a f
    while IFS= read -r line; do
        IFS=$'\t' read -r -a f <<<"${line//$'\t'/$'\t'.}"
        # each field came with a "." before it, so empty ones are kept
        f=("${f[@]#.}")
        case ${f[0]} in
            command)
                [[ -z $cmd ]] && opts+=("${f[1]}")
                ;;
            option)
                [[ -n ${f[1]} ]] && opts+=("${f[1]}")
                opts+=("${f[2]}")
                if [[ -n ${f[3]} && ($prev == "${f[1]}" || $prev == "${f[2]}") ]]; then
                    kind=${f[4]}
                fi
                ;;
            operand)
                [[ -z $operand_kind ]] && operand_kind=${f[2]}
                ;;
        esac
    done < <("$bin" $cmd --completion-helper 2>/dev/null)

    # the value of an option: --kernel rh<TAB>, --root=/v<TAB>
    if [[ -n $kind ]]; then
        _pagefail_complete "$kind"
        return
    fi
    [[ $split == true ]] && return

    # the command, or an option before it
    if [[ -z $cmd ]]; then
        local want=()
        for line in "${opts[@]}"; do
            [[ ($cur == -* && $line == -*) || ($cur != -* && $line != -*) ]] && want+=("$line")
        done
        COMPREPLY=($(compgen -W "${want[*]}" -- "$cur"))
        return
    fi

    # after "--" every word is an operand
    for ((i = cmd_idx + 1; i < cword; i++)); do
        if [[ ${words[i]} == -- ]]; then
            _pagefail_complete "$operand_kind"
            return
        fi
    done
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${opts[*]}" -- "$cur"))
        return
    fi
    _pagefail_complete "$operand_kind"
} &&
    complete -F _pagefail pagefail

# ex: filetype=sh
