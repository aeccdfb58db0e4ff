#!/bin/sh
# scan.sh - tests of pagefail scan and the command table: the JSON
# contract, compressed files, stdin and directories, errors, --since and
# --until, options.  Its golden outputs are cases under tests/cli/cases
# (scan-*, run by golden.sh); explain.sh holds explain and advise.
#
#   tests/cli/scan.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

ex=examples/seed-rhel6-kb-example.log
fx=tests/fixtures/corpus

# every JSON line parses as one object with the contract keys
"$pf" scan -j $fx/*.log >"$tmp/all.json" 2>/dev/null
for k in source line host time task pid order mode gfp_mask gfp_flags kernel context trace zones complete; do
	n=$(grep -c "\"$k\":" "$tmp/all.json")
	check "json-key-$k" "[ $n -eq $(wc -l <"$tmp/all.json") ]"
done
if command -v python3 >/dev/null 2>&1; then
	check json-valid "python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' $tmp/all.json"
fi

# compressed, stdin and directories give the same reports
gzip -c $ex >"$tmp/messages-20240101.gz"
xz -c $ex >"$tmp/messages-20240108.xz" 2>/dev/null || cp $ex "$tmp/messages-20240108.xz"
"$pf" scan -j $ex | sed 's/"source":"[^"]*"//' >"$tmp/plain.j"
"$pf" scan -j "$tmp/messages-20240101.gz" | sed 's/"source":"[^"]*"//' >"$tmp/gz.j"
"$pf" scan -j "$tmp/messages-20240108.xz" | sed 's/"source":"[^"]*"//' >"$tmp/xz.j"
"$pf" scan -j - <$ex | sed 's/"source":"[^"]*"//' >"$tmp/stdin.j"
check gzip "cmp -s $tmp/plain.j $tmp/gz.j"
check xz "cmp -s $tmp/plain.j $tmp/xz.j"
check stdin "cmp -s $tmp/plain.j $tmp/stdin.j"
"$pf" scan -j - <$ex | grep -q '"source":"<stdin>"'
check stdin-name "[ $? -eq 0 ]"

# a sosreport-shaped directory
sos="$tmp/sosreport-host-2024"
mkdir -p "$sos/var/log" "$sos/sos_commands/kernel" "$sos/sos_commands/logs"
cp "$tmp/messages-20240101.gz" "$sos/var/log/"
cp $ex "$sos/var/log/messages"
cp $fx/015-kswapd0-zram-order0-arm64-4.14-damaged.log "$sos/sos_commands/kernel/dmesg"
ln -s /etc/passwd "$sos/var/log/messages-outside"
"$pf" scan -j "$sos" >"$tmp/sos.j" 2>"$tmp/sos.err"
check sosreport-status "[ $? -eq 3 ]"
check sosreport-count "[ $(wc -l <"$tmp/sos.j") -eq 13 ]"
check sosreport-order "head -n1 $tmp/sos.j | grep -q 'messages-20240101.gz'"

# errors: named, one line, the other sources still scanned
"$pf" scan -j nonexistent.log $ex >"$tmp/err.j" 2>"$tmp/err.txt"
check missing-status "[ $? -eq 4 ]"
check missing-msg "grep -qx \"pagefail: cannot read 'nonexistent.log': no such file or directory\" $tmp/err.txt"
check missing-json "grep -q '\"error\":' $tmp/err.j && [ \$(grep -c '\"task\":' $tmp/err.j) -eq 6 ]"
head -c 500 "$tmp/messages-20240101.gz" >"$tmp/cut.gz"
"$pf" scan -q "$tmp/cut.gz" 2>"$tmp/cut.err"
st=$?
check truncated-gzip "[ $st -eq 1 ] || [ $st -eq 4 ]"
check truncated-gzip-msg "grep -q \"cut.gz'.*truncated gzip\" $tmp/cut.err && [ \$(wc -l <$tmp/cut.err) -eq 1 ]"
head -c 300000 /dev/urandom >"$tmp/junk.bin"
printf '\0\0\0 swapper: page allocation failure. order:1, mode:0x20\n\0\n' >>"$tmp/junk.bin"
"$pf" scan -q "$tmp/junk.bin" 2>"$tmp/junk.err"
st=$?
# binary data given for a log is refused, in one line naming it
check binary-junk "[ $st -eq 1 ] && [ \$(wc -l <$tmp/junk.err) -eq 1 ] && grep -q \"junk.bin': binary data, not a log\" $tmp/junk.err"
{ head -c 10485760 /dev/zero | tr '\0' 'x'; echo; cat $ex; } >"$tmp/long.log"
"$pf" scan -j "$tmp/long.log" >"$tmp/long.j" 2>"$tmp/long.err"
check long-line "[ \$(grep -c '\"task\":' $tmp/long.j) -eq 6 ] && grep -q 'long.log:1: line longer than 64 KiB' $tmp/long.err"
chmod 000 "$tmp/junk.bin"
if [ "$(id -u)" -ne 0 ]; then
	"$pf" scan "$tmp/junk.bin" 2>"$tmp/perm.err"
	check unreadable "grep -q 'permission denied' $tmp/perm.err"
fi

# --since / --until on syslog times (the year given)
"$pf" scan -j --year 2013 --since '2013-03-21' $ex >"$tmp/since.j"
check since "[ \$(grep -c . $tmp/since.j) -eq 4 ]"
"$pf" scan -j --year 2013 --until '2013-03-19 00:00' $ex >"$tmp/until.j"
check until "[ \$(grep -c . $tmp/until.j) -eq 3 ]"
# without --year the year is assumed: said once per run, with the fix
year=$(date +%Y)
fails year-assumed 3 "pagefail: $ex: syslog times print no year: $year assumed for --since/--until (give --year if the log is of another year)" \
	scan -q --until 2013-01-01 $ex $ex
fails year-given 3 "" scan -q --year 2013 --since 2013-03-21 $ex
fails year-no-filter 3 "" scan -q $ex
printf '2013-03-18T14:39:17+00:00 web1 kernel: swapper: page allocation failure. order:1, mode:0x20\n' >"$tmp/rfc3339.log"
fails year-printed 3 "" scan -q --since 2013-03-01 "$tmp/rfc3339.log"
fails since-bad 2 "pagefail: --since takes a time ('YYYY-MM-DD[ HH:MM[:SS]]', '@EPOCH', '-2h', '-30min', '-7d', 'now', 'today', 'yesterday'), not 'junk'" \
	scan --since junk $ex
fails until-overflow 2 "pagefail: --until takes a time ('YYYY-MM-DD[ HH:MM[:SS]]', '@EPOCH', '-2h', '-30min', '-7d', 'now', 'today', 'yesterday'), not '-99999999999999999d'" \
	scan --until -99999999999999999d $ex
fails year-bad 2 "pagefail: --year takes a number from 1970 to 9999, not '2013x'" \
	scan --year 2013x $ex

# the command line itself
"$pf" sc -q $ex; check prefix "[ $? -eq 3 ]"
fails bad-option 2 "pagefail: scan: unknown option '--bogus' (see 'pagefail help scan')" scan --bogus
fails bad-option-value 2 "pagefail: scan: --since needs a value (see 'pagefail help scan')" scan --since
fails bad-command 2 "pagefail: 'frobnicate' is not a pagefail command (see 'pagefail --help')" frobnicate
fails ambiguous 2 "pagefail: 's' is ambiguous: scan, status, snapshot, serve, simulate" s
fails ambiguous-help 2 "pagefail: 's' is ambiguous: scan, status, snapshot, serve, simulate" help s
"$pf" help scan >"$tmp/h1"; "$pf" scan --help >"$tmp/h2"
check help-same "cmp -s $tmp/h1 $tmp/h2"
"$pf" --version | grep -q '^pagefail '; check version "[ $? -eq 0 ]"
fails bad-kernel 2 "pagefail: --kernel $K" scan --kernel banana $ex

# progress: on stderr when it is a terminal (script(1) gives one), after a
# second of reading: the bytes and the reports so far, then erased; never
# with -q, nor when stderr is a file.  The log comes in two halves 1.6 s
# apart, so that the line shows while the second is awaited.
slow="(for i in 1 2 3 4 5 6 7 8 9 10; do cat $ex; done; sleep 1.6; cat $ex)"
script -qec "sh -c '$slow | \"$pf\" scan -j - >/dev/null'" /dev/null >"$tmp/pg.tty"
check progress "grep -qa 'pagefail: scan: [0-9.]* KiB read, 5[0-9] reports, .*<stdin>' $tmp/pg.tty && tail -c 4 $tmp/pg.tty | od -c | grep -q '\\r 033   \\[   K'"
script -qec "sh -c '$slow | \"$pf\" scan -q - >/dev/null'" /dev/null >"$tmp/pg.q"
check progress-quiet "[ ! -s $tmp/pg.q ]"
sh -c "$slow" | "$pf" scan -j - 2>"$tmp/pg.err" >/dev/null
check progress-not-tty "[ ! -s $tmp/pg.err ]"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
