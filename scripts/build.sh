#!/bin/sh
# build.sh - configure and build one CMake build directory, quietly: the
# progress goes to DIR/build.log, and what is said here is one line, the
# configure's own "pagefail:" notes, the compiler's warnings, and on a
# failure its errors and the log's name.  The Makefile's targets use it,
# so that "make run" shows its output, not 200 lines of progress.
#
#   scripts/build.sh DIR TARGET [CMAKE_OPTION...]
#
# TARGET is a CMake target, or "all".  JOBS sets the parallel jobs
# (default: the number of CPUs).
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 DIR TARGET [CMAKE_OPTION...]" >&2
	exit 2
fi
dir=$1
target=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
mkdir -p "$dir" || exit 1
log=$dir/build.log

echo "build: $target in $dir/ (log: $log)"
if ! cmake -S "$top" -B "$dir" "$@" >"$log" 2>&1; then
	grep -E -A3 '^CMake (Error|Warning)' "$log" | head -n 30 >&2
	echo "pagefail: $dir: cmake could not configure the build: see $log" >&2
	exit 1
fi
sed -n 's/^-- \(pagefail: .*\)/\1/p' "$log"
if ! cmake --build "$dir" -j "$jobs" --target "$target" >>"$log" 2>&1; then
	grep -E -B2 -A6 '(error|warning):' "$log" | head -n 60 >&2
	echo "pagefail: $dir: the build failed: see $log" >&2
	exit 1
fi
n=$(grep -c 'warning:' "$log")
if [ "$n" -gt 0 ]; then
	grep -E -A4 'warning:' "$log" | head -n 40
	echo "build: $n warnings in $dir/ (see $log)"
fi
exit 0
