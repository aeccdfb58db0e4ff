# fish completion for pagefail(1).  Install as pagefail.fish in a
# directory of $fish_complete_path (Debian's:
# /usr/share/fish/vendor_completions.d).
#
# Nothing here names a command or an option: pagefail says them itself
# ("pagefail --completion-helper", "pagefail CMD --completion-helper"), a
# tab-separated line each, read when fish first completes pagefail, so
# this file cannot drift from the program (the lines are described in the
# bash completion, pagefail.bash).

# __pagefail_args KIND CMD: complete's arguments for a value of KIND
function __pagefail_args
    switch $argv[1]
        case file
            echo -F
        case dir
            echo -x
            echo -a
            echo '(__fish_complete_directories)'
        case era setting command
            echo -x
            echo -a
            echo "(pagefail $argv[2] --completion-helper=$argv[1] 2>/dev/null)"
        case '*'
            echo -x
    end
end

complete -c pagefail -f
for __pf_cmd in '' (pagefail --completion-helper=command 2>/dev/null)
    set -l cmd $__pf_cmd
    set -l when "__fish_seen_subcommand_from $__pf_cmd"
    if test -z "$__pf_cmd"
        set cmd # pagefail's own: no command word at all
        set when __fish_use_subcommand
    end
    for __pf_line in (pagefail $cmd --completion-helper 2>/dev/null)
        set -l f (string split \t -- $__pf_line)
        switch $f[1]
            case command
                complete -c pagefail -n $when -a $f[2] -d $f[3]
            case option
                set -l spec -c pagefail -n $when
                test -n "$f[2]"; and set -a spec -s (string sub -s 2 -- $f[2])
                set -a spec -l (string sub -s 3 -- $f[3])
                test -n "$f[4]"; and set -a spec -r (__pagefail_args $f[5] $cmd)
                complete $spec -d $f[6]
            case operand
                # a word (INTERVAL, COUNT) offers nothing: only -x
                set -l spec (__pagefail_args $f[3] $cmd)
                if test (count $spec) -gt 1; or test "$spec[1]" = -F
                    complete -c pagefail -n $when $spec
                end
        end
    end
end
set -e __pf_cmd __pf_line
