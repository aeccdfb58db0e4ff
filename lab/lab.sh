#!/bin/sh
# lab.sh - the real-kernel lab, all of it: build, boot every run of
# lab/plan under QEMU, then hold pagefail's answers to what the kernel did.
#
#   lab/lab.sh [OUT]          (make lab)
#
# OUT defaults to build-lab/.  Without qemu-system-x86_64, a cloud-amd64
# kernel with its headers or busybox-static (lab/deps.sh installs them as
# root), it says what is missing and exits 77, the "skipped" of automake.
# Without what the i386 run needs, that run alone is skipped, said why.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$root/build-lab}
mkdir -p "$out"

"$here/deps.sh" "$out" || exit $?
start=$(date +%s)
"$here/build.sh" "$out"
failed=0
# 77: skipped, said why; any other failure fails the lab after the runs
"$here/build-i386.sh" "$out" || [ $? -eq 77 ] || failed=1
pf=$root/build/pagefail
[ -x "$pf" ] || "$root/scripts/build.sh" "$root/build" pagefail-cli >/dev/null
for run in $(awk '!/^#/ && NF { print $1 }' "$here/plan"); do
	"$here/run.sh" "$out" "$run" || failed=1
done
echo
rc=0
python3 "$here/check.py" "$pf" "$out" || rc=$?
echo "lab: $(( $(date +%s) - start )) s in all"
[ $failed -eq 0 ] || { echo "lab: a build or a run failed (see above)" >&2; exit 1; }
exit $rc
