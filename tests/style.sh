#!/bin/sh
# style.sh - the walls of the code that a compiler does not check: every
# C file as .clang-format has it, no function over 80 lines in lib/ or
# src/ (tables are initialisers, not functions, and do not count), and
# nothing in lib/ that prints, reads a terminal or exits (the library
# returns data and -errno; the CLI speaks).  One line per finding.
#
#   tests/style.sh [SOURCE_DIR]
set -u
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top" || exit 1
fail=0

# the version is pinned: each clang-format release formats a little otherwise
format=${CLANG_FORMAT:-clang-format-14}
files=$(git ls-files '*.c' '*.h')
if ! command -v "$format" >/dev/null 2>&1; then
	echo "style: $format is missing (scripts/deps.sh check installs it)" >&2
	fail=1
elif ! "$format" --dry-run -Werror $files 2>"${TMPDIR:-/tmp}/style.$$"; then
	grep -E '^[^ ].*: (error|warning):' "${TMPDIR:-/tmp}/style.$$" |
		sed 's/: error: code should be clang-formatted.*/: not as .clang-format has it (make format)/' |
		sort -u -t: -k1,1 >&2
	fail=1
fi
rm -f "${TMPDIR:-/tmp}/style.$$"

# A function body opens with "{" alone at column 0 under its signature
# and closes with "}" at column 0; an initialiser's "{" follows "=".
long=$(awk -v lim=80 '
	FNR == 1 { body = 0 }
	/^\{$/ && prev !~ /=/ { body = 1; start = FNR; name = sig; next }
	body && /^\}/ {
		if (FNR - start - 1 > lim)
			printf "%s:%d: %s: %d lines, over %d\n", FILENAME, start,
			       name, FNR - start - 1, lim
		body = 0
		next
	}
	/^[A-Za-z_].*\(/ { sig = $0; sub(/\(.*/, "", sig); sub(/.*[ *]/, "", sig) }
	{ prev = $0 }
' $(git ls-files 'lib/*.c' 'src/*.c'))
if [ -n "$long" ]; then
	echo "$long" >&2
	fail=1
fi

# printf-family into buffers (snprintf) is fine; streams and exit are not.
# Strings and comments are blanked first: "<stdin>" is a name, not a use.
said=$(for f in $(git ls-files 'lib/*.c' 'lib/*.h'); do
	sed -e 's/"\([^"\\]\|\\.\)*"/""/g' -e 's:/\*.*\*/::g' -e 's:^[[:space:]]*\*.*::' "$f" |
		grep -nE '(^|[^a-z_])(printf|fprintf|vfprintf|puts|fputs|putchar|perror|exit|abort)[[:space:]]*\(|\b(stdout|stderr|stdin)\b|FILE[[:space:]]*\*' |
		sed "s|^|$f:|"
done)
if [ -n "$said" ]; then
	echo "$said" | sed 's/$/  <- lib\/ does not print or exit/' >&2
	fail=1
fi

[ $fail -eq 0 ] && echo "style: $(echo "$files" | wc -l) files formatted, functions within 80 lines, lib/ silent"
exit $fail
