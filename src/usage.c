// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * usage.c - what each command's --help says (and 'pagefail help
 * COMMAND', which is the same text): its options and operands, what it
 * does, and its exit status, in one place beside one another, so that
 * the commands say their options alike.  The man page says more.
 */
#include <stdio.h>

#include "cli.h"

void usage_scan(FILE *f)
{
	fputs("usage: pagefail scan [-j|--json] [-p|--pretty] [--since T] [--until T]\n"
	      "                     [--kernel VERSION] [--year YEAR] [-q|--quiet]\n"
	      "                     [--journal] [--no-color] [SOURCE...]\n\n"
	      "Find every page allocation failure report and parse all of it.\n"
	      "SOURCE is a log file (plain, .gz, .xz), '-' for stdin, or a directory\n"
	      "(a sosreport, /var/log); with none, the running kernel's log.\n"
	      "With --journal, SOURCE is a journal directory (a saved /var/log/journal)\n"
	      "or file, and with none this machine's journal: its kernel messages.\n\n"
	      "  -j, --json         one JSON object per report (JSON Lines)\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --since T      only reports at or after T\n"
	      "      --until T      only reports at or before T\n"
	      "                     T: 'YYYY-MM-DD[ HH:MM[:SS]]', '@EPOCH', '-2h', '-30min',\n"
	      "                     '-7d', 'today', 'yesterday'\n"
	      "      --kernel V     kernel release to assume when the log names none\n"
	      "                     (2.6.32-220.el6.x86_64, rhel6.2, rhel7, ...)\n"
	      "      --year Y       year of syslog times, which print none\n"
	      "      --journal      read the systemd journal (sd-journal), not log files\n"
	      "  -q, --quiet        print nothing but errors; only the exit status\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 none found, 3 found, 1 error, 4 found and error, 2 usage\n",
	      f);
}

void usage_explain(FILE *f)
{
	fputs("usage: pagefail explain [-j|--json] [-p|--pretty] [--report N]\n"
	      "                        [--kernel VERSION] [--year YEAR] [--rules FILE]\n"
	      "                        [--journal] [--no-color] [SOURCE...]\n\n"
	      "Say why each page allocation failure happened: what was asked, every\n"
	      "zone put through the failing kernel's own watermark check, one sentence,\n"
	      "and the known cause it matches.  SOURCE as for 'pagefail scan'.\n\n"
	      "  -j, --json         one JSON object per report: every key of scan -j,\n"
	      "                     plus zones[].check, summary, known_cause, disagrees\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --report N     only the Nth report found (1 is the first)\n"
	      "      --kernel V     kernel release to assume when the log names none\n"
	      "      --year Y       year of syslog times, which print none\n"
	      "      --journal      SOURCE is the systemd journal, as for scan --journal\n"
	      "      --rules FILE   known causes from FILE instead of the built-in ones\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 none found, 3 found, 1 error, 4 found and error, 2 usage\n",
	      f);
}

void usage_advise(FILE *f)
{
	fputs("usage: pagefail advise [-j|--json] [-p|--pretty] [--root DIR] [--sysctl]\n"
	      "                       [--apply [--dry-run] [--force]] [--set NAME=VALUE]...\n"
	      "                       [--kernel VERSION] [--year YEAR] [--rules FILE]\n"
	      "                       [--verify] [--demand TRACE.json] [--journal]\n"
	      "                       [--no-color] [SOURCE...]\n\n"
	      "Compute the vm sysctls (and the kernel update) that keep the failures in\n"
	      "SOURCE from recurring, each with its working, its safe bounds and its cost.\n"
	      "The machine is read from --root DIR (a saved snapshot or an extracted\n"
	      "sosreport), from a SOURCE directory that holds proc/, or, with no SOURCE,\n"
	      "from this machine and its kernel log.\n\n"
	      "  -j, --json         the advice as one JSON object\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --root DIR     read /proc and /sys under DIR; --apply writes under it\n"
	      "      --sysctl       print the /etc/sysctl.d file instead\n"
	      "      --apply        write DIR/etc/sysctl.d/90-pagefail.conf (atomically, the\n"
	      "                     old one kept as .bak) and set the live values through\n"
	      "                     /proc/sys, read back; everything is rolled back if any\n"
	      "                     step fails.  Root only for this machine's /;\n"
	      "                     a tree with a symbolic link on the way, or\n"
	      "                     with no proc/sys (a sosreport), is refused\n"
	      "      --dry-run      with --apply: show what would change, change nothing\n"
	      "      --force        with --apply: allow values outside the safe bounds\n"
	      "      --set N=V      use V for sysctl N instead of the computed value\n"
	      "      --kernel V     kernel release to assume when nothing names one\n"
	      "      --year Y       year of syslog times, which print none\n"
	      "      --journal      SOURCE is the systemd journal, as for scan --journal\n"
	      "      --rules FILE   known causes from FILE instead of the built-in ones\n"
	      "      --demand F     size vm.min_free_kbytes from the atomic demand that\n"
	      "                     pagefail trace -j measured (F), not from a rule\n"
	      "      --verify       replay the first report with Mem-Info in the\n"
	      "                     simulator, as it was and with the advice, and\n"
	      "                     print the failures of each\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 done, 1 error (or --apply refused or rolled back), 2 usage\n",
	      f);
}

void usage_export(FILE *f)
{
	fputs("usage: pagefail export [--textfile DIR] [--no-log] [--root DIR]\n"
	      "                       [--kernel VERSION]\n\n"
	      "Print this machine's metrics in the Prometheus text format: each\n"
	      "zone's free memory, watermarks, free blocks per order, the kernel's\n"
	      "fragmentation indices and the atomic headroom status shows; the\n"
	      "reclaim and compaction counters; the page allocation failures in\n"
	      "the kernel log by order, GFP class and context.\n\n"
	      "      --textfile DIR write DIR/pagefail.prom instead, atomically, for\n"
	      "                     node_exporter's textfile collector\n"
	      "      --no-log       do not read the kernel log (no failure counts)\n"
	      "      --root DIR     read /proc and /sys under DIR (and DIR/dev/kmsg\n"
	      "                     when it is there): a snapshot or a sosreport\n"
	      "      --kernel V     the kernel whose watermark check to emulate, when\n"
	      "                     DIR does not say\n\n"
	      "exit status: 0 written, 1 nothing could be read or written, 2 usage\n",
	      f);
}

void usage_watch(FILE *f)
{
	fputs("usage: pagefail watch [-j|--json] [-p|--pretty] [--from-boot]\n"
	      "                      [--exec CMD] [--exec-timeout S] [--flush S]\n"
	      "                      [--journal [--cursor-file FILE]]\n"
	      "                      [--kernel VERSION] [--year YEAR] [--no-color]\n"
	      "                      [SOURCE]\n\n"
	      "Follow the kernel log (/dev/kmsg, the default), the systemd journal's\n"
	      "kernel messages (--journal: this machine's, or a directory or file\n"
	      "SOURCE) or a file SOURCE, as tail -F does (across rotation and\n"
	      "truncation), and print each page allocation failure explained, as\n"
	      "explain does, when it is whole; until SIGINT or SIGTERM.\n\n"
	      "  -j, --json         one JSON object a line (JSON Lines)\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --from-boot    what the log or the file holds already, first (the\n"
	      "                     journal: this boot's; a journal SOURCE: all of it)\n"
	      "      --exec CMD     run sh -c CMD for each report, its JSON on stdin,\n"
	      "                     one at a time; a failing CMD is said, not fatal\n"
	      "      --exec-timeout S  kill CMD after S seconds (default 10)\n"
	      "      --flush S      after S seconds of quiet (default 1), print what\n"
	      "                     is open, marked incomplete if its tail never came\n"
	      "      --journal      follow the systemd journal (sd-journal)\n"
	      "      --cursor-file FILE  where the journal was read up to: go on from\n"
	      "                     there, and keep it there (after each quiet spell)\n"
	      "      --kernel V     the kernel, when the log does not say\n"
	      "      --year YEAR    the year of syslog times that have none\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 stopped by a signal, 1 SOURCE cannot be followed, 2 usage\n",
	      f);
}

void usage_trace(FILE *f)
{
	fputs("usage: pagefail trace [-j|--json] [-p|--pretty] [-d|--duration S]\n"
	      "                      [--interval MS] [--orders A-B] [--stacks N]\n"
	      "                      [--csv FILE] [--export DIR]\n\n"
	      "Measure the page allocations of this kernel for S seconds (default 10;\n"
	      "until SIGINT or SIGTERM, if sooner) with an eBPF program on the\n"
	      "kmem:mm_page_alloc tracepoint, counted in the kernel: requests, pages\n"
	      "and failures by order, gfp class and context; the pages by zone beside\n"
	      "the kernel's pgalloc_* counts; the atomic demand per window; kswapd's\n"
	      "reaction and run times, direct reclaim and compaction stalls, fallbacks;\n"
	      "the call stacks of failures and of atomic requests.\n\n"
	      "  -j, --json         the summary as one JSON object\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "  -d, --duration S   measure for S seconds\n"
	      "      --interval MS  the demand's window, in milliseconds (default 10)\n"
	      "      --orders A-B   only these orders in the table (1, 0-3)\n"
	      "      --stacks N     show N call stacks of each kind (default 5; 0: take\n"
	      "                     none, which costs less)\n"
	      "      --csv FILE     every window's atomic demand, one line each\n"
	      "      --export DIR   DIR/pagefail-trace.prom, rewritten every second, for\n"
	      "                     node_exporter's textfile collector\n\n"
	      "Needs root, or CAP_BPF and CAP_PERFMON, and a kernel with BTF.\n"
	      "exit status: 0 done, 1 cannot trace (said why), 2 usage\n",
	      f);
}

void usage_serve(FILE *f)
{
	fputs("usage: pagefail serve [--listen ADDR:PORT] [--no-log] [--timeout S]\n"
	      "                      [--root DIR] [--kernel VERSION]\n\n"
	      "Serve export's metrics over HTTP at /metrics, read afresh for each\n"
	      "scrape; the kernel log is followed as it grows, so the failure\n"
	      "counts only grow.  GET and HEAD only; until SIGINT or SIGTERM.\n\n"
	      "      --listen A:P   the address and port (default 127.0.0.1:9846;\n"
	      "                     [::1]:9846 for IPv6, :9846 for every address)\n"
	      "      --no-log       do not read the kernel log (no failure counts)\n"
	      "      --timeout S    drop a connection idle for S seconds (default 10)\n"
	      "      --root DIR     read /proc and /sys under DIR (and DIR/dev/kmsg\n"
	      "                     when it is there)\n"
	      "      --kernel V     the kernel whose watermark check to emulate, when\n"
	      "                     DIR does not say\n\n"
	      "exit status: 0 stopped by a signal, 1 cannot listen, 2 usage\n",
	      f);
}

void usage_status(FILE *f)
{
	fputs("usage: pagefail status [-j|--json] [-p|--pretty] [--root DIR]\n"
	      "                       [--kernel VERSION] [--no-color] [INTERVAL [COUNT]]\n\n"
	      "Show every zone: managed and free memory, the min/low/high watermarks,\n"
	      "free blocks per order (per migratetype where /proc/pagetypeinfo can be\n"
	      "read), the unusable free space and extfrag indices per order, and the\n"
	      "atomic headroom: how many more GFP_ATOMIC allocations of order 0-3\n"
	      "succeed before the zone fails the running kernel's watermark check.\n"
	      "With INTERVAL (seconds, 0.1 or more), one line per interval with the\n"
	      "rates of the compaction, kswapd and reclaim counters, COUNT times\n"
	      "(default: forever), after a legend of the columns.\n\n"
	      "  -j, --json         one JSON object (JSON Lines with INTERVAL)\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --root DIR     read /proc and /sys under DIR: a snapshot or an\n"
	      "                     extracted sosreport\n"
	      "      --kernel V     the kernel whose watermark check to emulate, when\n"
	      "                     DIR does not say\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 done, 1 nothing could be read, 2 usage\n",
	      f);
}

void usage_snapshot(FILE *f)
{
	fputs("usage: pagefail snapshot [--root DIR] [-f|--force] [-q|--quiet] DIR\n\n"
	      "Save every file 'pagefail status' reads, in the same layout, under\n"
	      "DIR, so that 'pagefail status --root DIR' (and explain, advise) read\n"
	      "it back on any machine.  Files that cannot be read (pagetypeinfo\n"
	      "without root, debugfs when it is not mounted) are named and skipped.\n"
	      "DIR must be new or empty.\n\n"
	      "      --root ROOT    save ROOT's files instead of this machine's\n"
	      "  -f, --force        replace an earlier snapshot in DIR (only when DIR\n"
	      "                     holds nothing else)\n"
	      "  -q, --quiet        print nothing but errors\n\n"
	      "exit status: 0 saved, 1 nothing could be saved, 2 usage\n",
	      f);
}

void usage_top(FILE *f)
{
	fputs("usage: pagefail top [--root DIR] [-d SECONDS] [-n COUNT] [-b] [--no-color]\n\n"
	      "Watch the zones of this machine, refreshing: free blocks per order as a\n"
	      "heat map, free memory against the min/low/high watermarks, the atomic\n"
	      "headroom and unusable index of each zone, and the compaction and\n"
	      "reclaim counters of /proc/vmstat per second.\n\n"
	      "  -d, --delay SECONDS       time between frames (default 1; 0.5 works)\n"
	      "  -n, --iterations COUNT    stop after COUNT frames\n"
	      "  -b, --batch               plain-text frames on stdout, each starting\n"
	      "                            with '--- pagefail top TIME ---'; no terminal\n"
	      "      --root DIR            read /proc and /sys under DIR (a snapshot, an\n"
	      "                            extracted sosreport): TIME is '-', and rates\n"
	      "                            are 0 while its files stay the same\n"
	      "      --no-color            no colour (also NO_COLOR)\n\n"
	      "keys: q quit, n/N next/previous node, z/Z next/previous zone,\n"
	      "      +/- longer/shorter interval, h or ? help\n\n"
	      "exit status: 0 done, 1 error (nothing could be read, no terminal), 2 usage\n",
	      f);
}

void usage_simulate(FILE *f)
{
	fputs("usage: pagefail simulate SCENARIO [--set NAME=VALUE]... [--kernel V]\n"
	      "                         [--sweep NAME=A,B,C] [-j|-p] [--csv FILE]\n"
	      "                         [--svg FILE] [--reports N] [--check]\n"
	      "                         [--max-memory SIZE] [--no-color]\n"
	      "       pagefail simulate --from-report FILE [--report N] [options]\n"
	      "       pagefail simulate --bench [-j]\n\n"
	      "Run SCENARIO (a file; see data/scenarios/) through a model of the zoned\n"
	      "buddy allocator, kswapd and compaction of its kernel era, and say how\n"
	      "many allocations failed: would these settings have prevented it?\n\n"
	      "      --set N=V      vm.min_free_kbytes=90112, kernel=rhel6.4, mobility=off,\n"
	      "                     swap=on, scan_rate=N, compact_rate=N, seed=N\n"
	      "      --kernel V     the same as --set kernel=V\n"
	      "      --from-report FILE  replay a failure report of FILE instead: its\n"
	      "                     zones, kernel, watermarks and free lists, and its\n"
	      "                     request as a burst of 400 a second for 1 s\n"
	      "      --report N     the Nth report of FILE (default: the first with\n"
	      "                     Mem-Info)\n"
	      "      --sweep N=A,B  run once per value and print a table of failures\n"
	      "  -j, --json         the results as JSON (one object per run)\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --csv FILE     the time series (10 samples a second) as CSV\n"
	      "      --svg FILE     a plot of free memory, watermarks and failures\n"
	      "      --series       with -j: the time series in the JSON too\n"
	      "      --reports N    print the first N failures as the kernel would\n"
	      "                     (default 1 in text, 0 in JSON)\n"
	      "      --check        check the allocator's invariants after every step\n"
	      "      --max-memory SIZE  refuse a scenario that needs more memory\n"
	      "                     than SIZE (512M, 16G; default: half of what this\n"
	      "                     machine has available)\n"
	      "      --bench        the standard microbenchmark\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 no failure, 3 failures, 1 error, 2 usage\n",
	      f);
}

void usage_report(FILE *f)
{
	fputs("usage: pagefail report [--root DIR] [--simulate SCENARIO]\n"
	      "                       [--sweep NAME=A,B,C] [--rules FILE]\n"
	      "                       [--kernel VERSION] [--year YEAR] [--journal]\n"
	      "                       -o FILE.html [SOURCE...]\n\n"
	      "Write one self-contained HTML file (no script, nothing fetched) of\n"
	      "the reports in SOURCE (as scan reads them; none: the kernel's log,\n"
	      "unless --root or --simulate is given): each kind of failure with its\n"
	      "verdict, why, the known cause and its zones' free blocks as a heat\n"
	      "map and against the watermark the check used; the failures over\n"
	      "time by order and by host; the advice; every report in a table.\n\n"
	      "  -o, --output FILE  the page (- for standard output)\n"
	      "      --root DIR     also the machine's zones now, read under DIR\n"
	      "      --simulate SCENARIO  also a run of SCENARIO: free memory by\n"
	      "                     order over time, and a sweep\n"
	      "      --sweep NAME=A,B,C  the sweep's values (default: the run's\n"
	      "                     vm.min_free_kbytes times 1, 2, 4 and 8)\n"
	      "      --rules FILE   known causes from FILE instead of the built-in\n"
	      "      --kernel V     kernel release to assume when the log names none\n"
	      "      --year Y       year of syslog times, which print none\n"
	      "      --journal      SOURCE is the systemd journal, as for scan\n\n"
	      "exit status: 0 written, 1 error, 2 usage\n",
	      f);
}
