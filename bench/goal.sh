# goal.sh - sourced by the benchmark scripts: one PASS/FAIL line a goal, so
# that every goal prints and counts the same way.
#
#   goal VALUE 'x < 10' "PASS text" "FAIL text"
#
# awk decides the condition with x=VALUE (the figures are decimals, which
# the shell's test cannot compare); a failed goal sets fail=1 for STRICT=1.
fail=0

goal() {
	if awk -v x="$1" "BEGIN { exit !($2) }"; then
		echo "PASS $3"
	else
		echo "FAIL $4"
		fail=1
	fi
}
