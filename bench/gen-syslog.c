/*
 * gen-syslog.c - write a large, realistic, deterministic syslog file for the
 * scan benchmark (bench/scan-vs-grep.sh).
 *
 *   gen-syslog [-o FILE] [-s SEED] [-e EVERY_MIB | -k EVERY_KIB] [SIZE_BYTES]
 *
 * Writes at least SIZE_BYTES (default 1 GiB) of "Mon DD HH:MM:SS host
 * prog[pid]: msg" lines to FILE (default stdout): daemon noise (sshd, CRON,
 * systemd, postfix, NetworkManager, chronyd, rsyslogd, ...) and kernel lines
 * of many kinds (e1000e link changes, audit, usb, EXT4-fs, TCP, UFW, SCSI,
 * a SLUB near-miss, ...) from several hosts, interleaved, with a clock that
 * never goes back.  Every EVERY_MIB MiB (default 4; 0 = never), starting at
 * half that offset (-k: every EVERY_KIB KiB, for the thousands of reports
 * of bench/report.sh), one host logs a complete page allocation failure report:
 * the RHEL 6 report of ../shared/corpus/seed-rhel6-kb-example.log (header,
 * Pid line, call trace) followed by a 2.6.3x x86_64 Mem-Info block (the one
 * in ../shared/corpus/011-NEARMISS-sysrq-show-memory-numa2.log).  No other
 * line contains the words "page allocation failure", so `grep -c` counts
 * exactly the reports.
 *
 * The same SEED and SIZE give the same bytes on every machine.  At the end
 * one line goes to stderr:
 *   gen-syslog: bytes=N lines=N reports=N seed=N
 *
 * Build: cc -O2 -o gen-syslog gen-syslog.c
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- output buffer ---------------------------------------------------- */

#define OUTBUF (1u << 20)
static char obuf[OUTBUF + 4096];
static size_t olen;
static FILE *ofp;
static const char *oname = "stdout";
static unsigned long long total_bytes, total_lines;

static void flush_out(void)
{
	if (olen && fwrite(obuf, 1, olen, ofp) != olen) {
		fprintf(stderr, "gen-syslog: cannot write '%s': %s\n", oname,
			strerror(errno));
		exit(1);
	}
	total_bytes += olen;
	olen = 0;
}

static inline void put_c(char c)
{
	obuf[olen++] = c;
}

static inline void put_s(const char *s)
{
	size_t n = strlen(s);
	memcpy(obuf + olen, s, n);
	olen += n;
}

/* v right-aligned in width w, padded with pad. */
static void put_uw(unsigned long long v, int w, char pad)
{
	char t[24];
	int n = 0;
	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (int i = n; i < w; i++)
		put_c(pad);
	while (n)
		put_c(t[--n]);
}

/* width 0: never padded */
static void put_u(unsigned long long v)
{
	put_uw(v, 0, ' ');
}

static void put_hex(unsigned long long v, int w, int upper)
{
	const char *d = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char t[20];
	int n = 0;
	do {
		t[n++] = d[v & 15];
		v >>= 4;
	} while (v);
	for (int i = n; i < w; i++)
		put_c('0');
	while (n)
		put_c(t[--n]);
}

static void end_line(void)
{
	put_c('\n');
	total_lines++;
	if (olen >= OUTBUF)
		flush_out();
}

/* ---- deterministic PRNG (splitmix64 seeding xoshiro256**) -------------- */

static uint64_t rs[4];

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rnd(void)
{
	uint64_t r = rotl(rs[1] * 5, 7) * 9, t = rs[1] << 17;
	rs[2] ^= rs[0];
	rs[3] ^= rs[1];
	rs[1] ^= rs[2];
	rs[0] ^= rs[3];
	rs[2] ^= t;
	rs[3] = rotl(rs[3], 45);
	return r;
}

/* uniform in [0, n) (n small, bias irrelevant here) */
static inline unsigned rn(unsigned n)
{
	return (unsigned)((rnd() >> 32) % n);
}

/* ---- the clock -------------------------------------------------------- */

static const char *const mon_name[12] = { "Jan", "Feb", "Mar", "Apr",
					  "May", "Jun", "Jul", "Aug",
					  "Sep", "Oct", "Nov", "Dec" };
static const int mon_days[12] = {
	31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

static uint64_t now_ms;	     /* milliseconds since Jan 1 00:00:00 */
static uint64_t step_max_ms; /* each line advances the clock by 0..this */

/* now_ms as month (0..11), day of month (0-based) and second of the day */
static void split_clock(int *mon, unsigned *day, unsigned *sec)
{
	uint64_t s = now_ms / 1000;
	int m = 0;

	*day = (unsigned)(s / 86400);
	*sec = (unsigned)(s % 86400);
	while (m < 11 && *day >= (unsigned)mon_days[m])
		*day -= (unsigned)mon_days[m++];
	*mon = m;
}

/* " HH:MM:SS", the same in both stamp styles */
static void put_time(unsigned sec)
{
	put_c(' ');
	put_uw(sec / 3600, 2, '0');
	put_c(':');
	put_uw(sec / 60 % 60, 2, '0');
	put_c(':');
	put_uw(sec % 60, 2, '0');
}

/* syslog style "Mar 18 14:39:17" */
static void put_stamp(void)
{
	unsigned day, sec;
	int m;

	split_clock(&m, &day, &sec);
	put_s(mon_name[m]);
	put_c(' ');
	put_uw(day + 1, 2, ' ');
	put_time(sec);
}

/* nginx style "2023/03/18 14:39:17" */
static void put_date(void)
{
	unsigned day, sec;
	int m;

	split_clock(&m, &day, &sec);
	put_s("2023/");
	put_uw((unsigned)m + 1, 2, '0');
	put_c('/');
	put_uw(day + 1, 2, '0');
	put_time(sec);
}

/* epoch-like seconds for audit() and NetworkManager stamps */
static uint64_t epoch(void)
{
	return 1672531200ULL + now_ms / 1000; /* 2023-01-01 + offset */
}

/* ---- hosts ------------------------------------------------------------ */

struct host {
	const char *name;
	int printk_time;  /* kernel lines carry "[  123.456789] " */
	const char *nic;  /* interface name */
	uint64_t boot_ms; /* clock value at boot, for printk times */
	unsigned pid_base;
};

static struct host hosts[] = {
	{ "web01", 1, "eth0", 0, 900 },	    { "web02", 1, "eth0", 0, 910 },
	{ "db01", 0, "em1", 0, 1200 },	    { "mail01", 1, "ens3", 0, 700 },
	{ "gw-edge", 1, "enp3s0", 0, 650 }, { "stor03", 0, "eth0", 0, 1500 },
};
#define NHOSTS	    (sizeof(hosts) / sizeof(hosts[0]))
#define REPORT_HOST 5 /* stor03: a RHEL 6 box, like the seed report */

static const struct host *cur;

/* "Mon DD HH:MM:SS host ": what every line starts with */
static void start_line(void)
{
	put_stamp();
	put_c(' ');
	put_s(cur->name);
	put_c(' ');
}

/* The start of a line of prog, with its [pid] unless pid is 0 */
static void prefix(const char *prog, unsigned pid)
{
	start_line();
	put_s(prog);
	if (pid) {
		put_c('[');
		put_u(pid);
		put_c(']');
	}
	put_s(": ");
}

static void kprefix(void)
{
	prefix("kernel", 0);
	if (cur->printk_time) {
		uint64_t up = now_ms - cur->boot_ms;
		unsigned us = (unsigned)(up % 1000) * 1000 + rn(1000);
		put_c('[');
		put_uw(up / 1000, 5, ' ');
		put_c('.');
		put_uw(us, 6, '0');
		put_s("] ");
	}
}

static unsigned rpid(void)
{
	return 1000 + rn(64000);
}

static void put_ip(unsigned a, unsigned b)
{
	put_u(a >> 8);
	put_c('.');
	put_u(a & 255);
	put_c('.');
	put_u(b >> 8);
	put_c('.');
	put_u(b & 255);
}

static void ext_ip(void)
{
	static const unsigned nets[] = { (203u << 8) | 0, (198u << 8) | 51,
					 (192u << 8) | 0, (185u << 8) | 220 };
	put_ip(nets[rn(4)], rn(65536));
}

static void int_ip(void)
{
	put_ip((10u << 8) | 0, (rn(4) << 8) | (1 + rn(250)));
}

static void queue_id(void)
{
	put_hex(rnd() & 0xfffffffffULL, 9, 1);
	put_hex(rn(16), 1, 1);
}

/* ---- message templates ------------------------------------------------ */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const users[] = { "deploy", "backup", "alice",
				     "bob",    "nagios", "ansible" };
static const char *const bad_users[] = { "admin", "test",  "oracle",  "ubuntu",
					 "pi",	  "guest", "ftpuser", "git" };
static const char *const units[] = {
	"Daily apt download activities",
	"Cleanup of Temporary Directories",
	"Rotate log files",
	"Daily man-db regeneration",
	"Message of the Day",
	"Refresh fwupd metadata and update motd",
	"Discard unused blocks on filesystems from /etc/fstab",
};
static const char *const svcs[] = { "logrotate.service", "man-db.service",
				    "apt-daily.service", "fstrim.service",
				    "motd-news.service" };
static const char *const cron_cmds[] = {
	"(root) CMD (   cd / && run-parts --report /etc/cron.hourly)",
	"(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
	"(www-data) CMD (php /var/www/app/cron.php >/dev/null 2>&1)",
	"(root) CMD (/usr/lib64/sa/sa1 1 1)",
	"(nagios) CMD (/usr/local/bin/check_raid --quiet)",
};

/* The lists a template field picks one of, by name */
static const struct pick {
	const char *name;
	const char *const *list;
	unsigned n;
} picks[] = {
	{ "user", users, ARRAY_LEN(users) },
	{ "bad_user", bad_users, ARRAY_LEN(bad_users) },
	{ "unit", units, ARRAY_LEN(units) },
	{ "svc", svcs, ARRAY_LEN(svcs) },
	{ "cron", cron_cmds, ARRAY_LEN(cron_cmds) },
};

static void put_n(const char *s, size_t n)
{
	memcpy(obuf + olen, s, n);
	olen += n;
}

/*
 * A number field: [base+]A[+N|+%N][/W], A plus the host's pid base when
 * it starts with "base+", plus rn(N) (or, with %, the full 64-bit draw
 * modulo N), zero-padded to W digits.
 */
static void put_number(const char *f)
{
	unsigned long long v = 0;
	char *end;

	if (!strncmp(f, "base+", 5)) {
		v = cur->pid_base;
		f += 5;
	}
	v += strtoull(f, &end, 10);
	if (end[0] == '+' && end[1] == '%')
		v += rnd() % strtoull(end + 2, &end, 10);
	else if (end[0] == '+')
		v += rn((unsigned)strtoull(end + 1, &end, 10));
	put_uw(v, *end == '/' ? atoi(end + 1) : 0, '0');
}

static int field_is(const char *f, size_t n, const char *name)
{
	return strlen(name) == n && !memcmp(f, name, n);
}

/* The field f (n bytes, between the braces) of a template, written */
static void put_field(const char *f, size_t n)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *bar = memchr(f, '|', n);

	if (bar) {
		if (rn(2))
			put_n(f, (size_t)(bar - f));
		else
			put_n(bar + 1, n - (size_t)(bar - f) - 1);
		return;
	}
	if ((*f >= '0' && *f <= '9') || field_is(f, 5, "base+")) {
		put_number(f);
		return;
	}
	for (size_t i = 0; i < ARRAY_LEN(picks); i++) {
		if (field_is(f, n, picks[i].name)) {
			put_s(picks[i].list[rn(picks[i].n)]);
			return;
		}
	}
	if (field_is(f, n, "int_ip"))
		int_ip();
	else if (field_is(f, n, "nic"))
		put_s(cur->nic);
	else if (field_is(f, n, "ext_ip"))
		ext_ip();
	else if (field_is(f, n, "pid"))
		put_u(rpid());
	else if (field_is(f, n, "qid"))
		queue_id();
	else if (field_is(f, n, "host"))
		put_s(cur->name);
	else if (field_is(f, n, "epoch"))
		put_u(epoch());
	else if (field_is(f, n, "ms"))
		put_uw(now_ms % 1000, 3, '0');
	else if (field_is(f, n, "date"))
		put_date();
	else if (field_is(f, n, "b64"))
		for (int i = 0; i < 43; i++)
			put_c(b64[rn(64)]);
	else if (field_is(f, n, "chrony"))
		put_s(rn(3) ? "Selected source 192.0.2.123 "
			      "(2.debian.pool.ntp.org)"
			    : "Source 198.51.100.7 replaced with 192.0.2.77 "
			      "(2.debian.pool.ntp.org)");
	else
		abort(); /* a template names a field no one writes */
}

/*
 * Write a message template: its text as it is and, in braces, what is
 * drawn or looked up at that point, in the template's order (the order of
 * the draws is what keeps the bytes of a seed):
 *   {A|B}              A when rn(2) is 1, else B
 *   {user} {bad_user} {unit} {svc} {cron}   one of a list (picks[])
 *   {int_ip} {ext_ip}  an address inside, outside
 *   {pid}              a random pid
 *   {nic} {host}       the host's interface and name
 *   {qid}              a postfix queue id
 *   {epoch} {ms}       the clock: seconds since 1970, milliseconds (3
 *                      digits); {date} nginx's date and time
 *   {b64}              43 base64 characters (a key's fingerprint)
 *   {chrony}           chronyd's source line, two kinds, 2:1
 *   {1024+64000}       a number, put_number(): 1024 + rn(64000)
 */
static void put_t(const char *t)
{
	while (*t) {
		size_t n = strcspn(t, "{");
		const char *close;

		put_n(t, n);
		t += n;
		if (!*t)
			break;
		close = strchr(t, '}');
		put_field(t + 1, (size_t)(close - t - 1));
		t = close + 1;
	}
}

/* ---- message generators ----------------------------------------------- */

static const char *const sshd_msgs[] = {
	"Accepted publickey for {user} from {int_ip} port {32768+28000} "
	"ssh2: RSA SHA256:{b64}",
	"pam_unix(sshd:session): session opened for user {user} by (uid=0)",
	"pam_unix(sshd:session): session closed for user {user}",
	"Invalid user {bad_user} from {ext_ip} port {1024+64000}",
	"Connection closed by authenticating user root {ext_ip} "
	"port {1024+64000} [preauth]",
	"Received disconnect from {ext_ip} port {1024+64000}:11: Bye Bye "
	"[preauth]",
	"Disconnected from invalid user {bad_user} {ext_ip} port {1024+64000} "
	"[preauth]",
};

static void m_sshd(void)
{
	prefix("sshd", rpid());
	put_t(sshd_msgs[rn(ARRAY_LEN(sshd_msgs))]);
	end_line();
}

static void m_cron(void)
{
	unsigned pid = rpid();

	prefix(rn(3) ? "CRON" : "crond", pid);
	put_t(rn(2) ? "{cron}"
		    : "pam_unix(cron:session): session "
		      "{opened for user root by (uid=0)|closed for user root}");
	end_line();
}

/* systemd's lines; logind's, the sixth kind, are m_systemd()'s own */
static const char *const systemd_msgs[] = {
	"Starting {unit}...",
	"Finished {unit}.",
	"{svc}: Deactivated successfully.",
	"Started Session {1000+90000} of User {user}.",
	"session-{1000+90000}.scope: Succeeded.",
};

static void m_systemd(void)
{
	unsigned s = rn(ARRAY_LEN(systemd_msgs) + 1);

	if (s == ARRAY_LEN(systemd_msgs)) {
		prefix("systemd-logind", cur->pid_base + 3);
		put_t("{New|Removed} session {1000+90000}");
		if (rn(2))
			put_t(" of user {user}");
		put_c('.');
	} else {
		prefix("systemd", 1);
		put_t(systemd_msgs[s]);
	}
	end_line();
}

/* Whole lines after the host: the program, its pid and the message */
static const char *const postfix_lines[] = {
	"postfix/smtpd[{pid}]: {connect|disconnect} from unknown[{ext_ip}]",
	"postfix/qmgr[{base+40}]: {qid}: from=<root@{host}.example.com>, "
	"size={400+40000}, nrcpt=1 (queue active)",
	"postfix/smtp[{pid}]: {qid}: to=<ops@example.com>, "
	"relay=mx1.example.com[192.0.2.25]:25, delay=0.{0+100/2}, "
	"delays=0.01/0/0.0{0+10}/0.{0+100/2}, dsn=2.0.0, "
	"status=sent (250 2.0.0 Ok: queued as {qid})",
	"postfix/cleanup[{pid}]: {qid}: "
	"message-id=<{20230000000000+%1000000000}.{qid}@{host}.example.com>",
	"postfix/qmgr[{base+40}]: {qid}: removed",
};

static void m_postfix(void)
{
	start_line();
	put_t(postfix_lines[rn(ARRAY_LEN(postfix_lines))]);
	end_line();
}

static const char *const nm_msgs[] = {
	"dhcp4 ({nic}): state changed {expire|bound} -> bound",
	"dhcp4 ({nic}): state changed {expire|bound} -> bound",
	"dhcp4 ({nic}):   address 10.0.{0+4}.{1+250}",
	"manager: NetworkManager state is now CONNECTED_GLOBAL",
};

static void m_nm(void)
{
	prefix("NetworkManager", cur->pid_base + 12);
	put_t("<info>  [{epoch}.{ms}{0+10}] ");
	put_t(nm_msgs[rn(ARRAY_LEN(nm_msgs))]);
	end_line();
}

static const char *const misc_lines[] = {
	"chronyd[{base+7}]: {chrony}",
	"dhclient[{base+21}]: DHCPREQUEST for 10.0.{0+4}.{1+250} on {nic} "
	"to 10.0.0.1 port 67",
	"rsyslogd: [origin software=\"rsyslogd\" swVersion=\"8.2102.0\" "
	"x-pid=\"{base+2}\" x-info=\"https://www.rsyslog.com\"] "
	"rsyslogd was HUPed",
	"sudo:    {user} : TTY=pts/{0+8} ; PWD=/home/{user} ; USER=root ; "
	"COMMAND=/usr/bin/systemctl status nginx",
	"nginx[{base+60+4}]: {date} [error] {base+60}#0: *{0+%10000000} "
	"upstream timed out (110: Connection timed out) while reading "
	"response header from upstream, client: {ext_ip}, "
	"server: www.example.com, request: \"GET /api/v1/items HTTP/1.1\"",
	"smartd[{base+30}]: Device: /dev/sda [SAT], SMART Usage Attribute: "
	"194 Temperature_Celsius changed from {30+10} to {30+10}",
};

static void m_misc(void)
{
	start_line();
	put_t(misc_lines[rn(ARRAY_LEN(misc_lines))]);
	end_line();
}

static const char audit_msg[] =
	"audit: type=1400 audit({epoch}.{ms}:{100+90000}): "
	"apparmor=\"DENIED\" operation=\"open\" "
	"profile=\"/usr/sbin/chronyd\" name=\"/proc/{pid}/status\" "
	"pid={base+7} comm=\"chronyd\" requested_mask=\"r\" "
	"denied_mask=\"r\" fsuid=0 ouid=0";
static const char ufw_msg[] =
	"[UFW BLOCK] IN={nic} OUT= "
	"MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC={ext_ip} "
	"DST=10.0.0.{1+250} LEN=40 TOS=0x00 PREC=0x00 TTL={230+20} "
	"ID={0+65536} PROTO=TCP SPT={1024+64000} DPT={23|3389} "
	"WINDOW=1024 RES=0x00 SYN URGP=0";

/* The kernel's lines, the more frequent twice or three times */
static const char *const kernel_msgs[] = {
	"e1000e: {nic} NIC Link is "
	"{Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx|Down}",
	audit_msg,
	audit_msg,
	"usb 2-1: new high-speed USB device number {2+30} using ehci-pci",
	"usb 2-1: New USB device found, idVendor=0781, idProduct=5567, "
	"bcdDevice= 1.00",
	"{EXT4-fs (sda1): mounted filesystem with ordered data mode. "
	"Opts: (null)|EXT4-fs (dm-2): re-mounted. Opts: errors=remount-ro}",
	"TCP: request_sock_TCP: Possible SYN flooding on port {443|80}. "
	"Sending cookies.  Check SNMP counters.",
	ufw_msg,
	ufw_msg,
	ufw_msg,
	"{nf_conntrack: nf_conntrack: table full, dropping packet"
	"|sd 0:0:0:0: [sda] Synchronizing SCSI cache}",
	"perf: interrupt took too long ({2500+2000} > 2500), "
	"lowering kernel.perf_event_max_sample_rate to 79750",
	"device {nic} {entered|left} promiscuous mode",
};

static void m_kernel(void)
{
	unsigned k;

	kprefix();
	k = rn(ARRAY_LEN(kernel_msgs) + 1);
	if (k < ARRAY_LEN(kernel_msgs))
		put_t(kernel_msgs[k]);
	else if (rn(8) == 0) /* a near miss, not the page allocator's */
		put_s("SLUB: Unable to allocate memory on node -1 (gfp=0x20)");
	else
		put_t("IPv6: ADDRCONF(NETDEV_UP): {nic}: link is not ready");
	end_line();
}

/* ---- the report ------------------------------------------------------- */

/*
 * The RHEL 6 report of the seed file (header, Pid line, trace), then the
 * 2.6.3x x86_64 Mem-Info block of corpus file 011, as syslog stored them.
 */
static const char *const report_head[] = {
	"swapper: page allocation failure. order:1, mode:0x20",
	"Pid: 0, comm: swapper Not tainted 2.6.32-358.2.1.el6.x86_64 #1",
	"Call Trace:",
	"<IRQ>  [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0",
	"[<ffffffff81166ab2>] ? kmem_getpages+0x62/0x170",
	"[<ffffffff811676ca>] ? fallback_alloc+0x1ba/0x270",
	"[<ffffffff8116711f>] ? cache_grow+0x2cf/0x320",
	"[<ffffffff81167449>] ? ____cache_alloc_node+0x99/0x160",
	"[<ffffffff811683cb>] ? kmem_cache_alloc+0x11b/0x190",
	"[<ffffffff81439d58>] ? sk_prot_alloc+0x48/0x1c0",
	"[<ffffffff8143ae32>] ? sk_clone+0x22/0x2e0",
	"[<ffffffff81489d66>] ? inet_csk_clone+0x16/0xd0",
	"[<ffffffff814a2c73>] ? tcp_create_openreq_child+0x23/0x450",
	"[<ffffffff814a046d>] ? tcp_v4_syn_recv_sock+0x4d/0x310",
	"[<ffffffff814a2a16>] ? tcp_check_req+0x226/0x460",
	"[<ffffffff8149ff0b>] ? tcp_v4_do_rcv+0x35b/0x430",
	"[<ffffffff81082034>] ? mod_timer+0x144/0x220",
	"[<ffffffff814a171e>] ? tcp_v4_rcv+0x4fe/0x8d0",
	"[<ffffffff814a171e>] ? tcp_v4_rcv+0x4fe/0x8d0",
	"[<ffffffff8147f50d>] ? ip_local_deliver_finish+0xdd/0x2d0",
	"[<ffffffff8147f798>] ? ip_local_deliver+0x98/0xa0",
	"[<ffffffff8147ec5d>] ? ip_rcv_finish+0x12d/0x440",
	"[<ffffffff8147f1e5>] ? ip_rcv+0x275/0x350",
	"[<ffffffff814483bb>] ? __netif_receive_skb+0x4ab/0x750",
	"[<ffffffff8144a798>] ? netif_receive_skb+0x58/0x60",
	"[<ffffffffa008b975>] ? vmxnet3_rq_rx_complete+0x365/0x890 [vmxnet3]",
	"[<ffffffff8128d2b0>] ? swiotlb_map_page+0x0/0x100",
	"[<ffffffffa008c0f3>] ? vmxnet3_poll_rx_only+0x43/0xc0 [vmxnet3]",
	"[<ffffffff8144cf63>] ? net_rx_action+0x103/0x2f0",
	"[<ffffffff81076fb1>] ? __do_softirq+0xc1/0x1e0",
	"[<ffffffff810e1720>] ? handle_IRQ_event+0x60/0x170",
	"[<ffffffff8100c1cc>] ? call_softirq+0x1c/0x30",
	"[<ffffffff8100de05>] ? do_softirq+0x65/0xa0",
	"[<ffffffff81076d95>] ? irq_exit+0x85/0x90",
	"[<ffffffff81516f15>] ? do_IRQ+0x75/0xf0",
	"[<ffffffff8100b9d3>] ? ret_from_intr+0x0/0x11",
	"<EOI>  [<ffffffff8103b90b>] ? native_safe_halt+0xb/0x10",
	"[<ffffffff8101495d>] ? default_idle+0x4d/0xb0",
	"[<ffffffff81009fc6>] ? cpu_idle+0xb6/0x110",
	"[<ffffffff81506d9c>] ? start_secondary+0x2ac/0x2ef",
	"Mem-Info:",
};

/*
 * The per-cpu lists of that Mem-Info block: eight CPUs a zone, all with
 * the same hi and btch and usd 0 but for one CPU.
 */
static const struct pcp_zone {
	const char *zone;
	unsigned hi, btch;
	int busy_cpu; /* the CPU with a nonzero usd, -1 for none */
	unsigned busy_usd;
} report_pcp[] = {
	{ "Node 0 DMA", 0, 1, -1, 0 },
	{ "Node 0 DMA32", 186, 31, -1, 0 },
	{ "Node 0 Normal", 186, 31, 4, 28 },
	{ "Node 1 Normal", 186, 31, -1, 0 },
};

static const char *const report_tail[] = {
	"active_anon:1994685 inactive_anon:1533 isolated_anon:0",
	" active_file:1004 inactive_file:3424 isolated_file:0",
	" unevictable:0 dirty:3 writeback:0 unstable:0",
	" free:1707554 slab_reclaimable:14808 slab_unreclaimable:97380",
	" mapped:856 shmem:51 pagetables:4746 bounce:0",
	"Node 0 DMA free:15888kB min:12kB low:12kB high:16kB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:15664kB mlocked:0kB dirty:0kB writeback:0kB mapped:0kB shmem:0kB slab_reclaimable:0kB slab_unreclaimable:0kB kernel_stack:0kB pagetables:0kB unstable:0kB bounce:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no",
	"lowmem_reserve[]: 0 3255 8053 8053",
	"Node 0 DMA32 free:2201196kB min:3276kB low:4092kB high:4912kB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:3333976kB mlocked:0kB dirty:0kB writeback:0kB mapped:0kB shmem:0kB slab_reclaimable:0kB slab_unreclaimable:0kB kernel_stack:0kB pagetables:0kB unstable:0kB bounce:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no",
	"lowmem_reserve[]: 0 0 4797 4797",
	"Node 0 Normal free:4605172kB min:4828kB low:6032kB high:7240kB active_anon:10688kB inactive_anon:6100kB active_file:3964kB inactive_file:13696kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:4912640kB mlocked:0kB dirty:12kB writeback:0kB mapped:3416kB shmem:204kB slab_reclaimable:22992kB slab_unreclaimable:169848kB kernel_stack:960kB pagetables:1784kB unstable:0kB bounce:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no",
	"lowmem_reserve[]: 0 0 0 0",
	"Node 1 Normal free:7960kB min:8136kB low:10168kB high:12204kB active_anon:7968052kB inactive_anon:32kB active_file:52kB inactive_file:0kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:8273920kB mlocked:0kB dirty:0kB writeback:0kB mapped:8kB shmem:0kB slab_reclaimable:36240kB slab_unreclaimable:219672kB kernel_stack:224kB pagetables:17200kB unstable:0kB bounce:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no",
	"lowmem_reserve[]: 0 0 0 0",
	"Node 0 DMA: 0*4kB 0*8kB 1*16kB 0*32kB 2*64kB 1*128kB 1*256kB 0*512kB 1*1024kB 1*2048kB 3*4096kB = 15888kB",
	"Node 0 DMA32: 11*4kB 12*8kB 8*16kB 7*32kB 6*64kB 8*128kB 9*256kB 3*512kB 4*1024kB 2*2048kB 534*4096kB = 2201196kB",
	"Node 0 Normal: 1487*4kB 916*8kB 533*16kB 348*32kB 192*64kB 136*128kB 104*256kB 54*512kB 25*1024kB 7*2048kB 1086*4096kB = 4605100kB",
	"Node 1 Normal: 955*4kB 11*8kB 5*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 1*4096kB = 8084kB",
	"4484 total pagecache pages",
	"0 pages in swap cache",
	"Swap cache stats: add 2446987, delete 2446987, find 397/515",
	"Free swap  = 0kB",
	"Total swap = 0kB",
	"4194288 pages RAM",
	"355106 pages reserved",
	"4066 pages shared",
	"2059455 pages non-shared",
};

static void put_lines(const char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		kprefix();
		put_s(lines[i]);
		end_line();
	}
}

static void put_report(void)
{
	const struct host *save = cur;
	cur = &hosts[REPORT_HOST];
	put_lines(report_head, ARRAY_LEN(report_head));
	for (size_t z = 0; z < ARRAY_LEN(report_pcp); z++) {
		const struct pcp_zone *p = &report_pcp[z];
		kprefix();
		put_s(p->zone);
		put_s(" per-cpu:");
		end_line();
		for (int cpu = 0; cpu < 8; cpu++) {
			kprefix();
			put_s("CPU ");
			put_uw((unsigned)cpu, 4, ' ');
			put_s(": hi: ");
			put_uw(p->hi, 4, ' ');
			put_s(", btch: ");
			put_uw(p->btch, 3, ' ');
			put_s(" usd: ");
			put_uw(cpu == p->busy_cpu ? p->busy_usd : 0, 3, ' ');
			end_line();
		}
	}
	put_lines(report_tail, ARRAY_LEN(report_tail));
	cur = save;
}

/* ---- main ------------------------------------------------------------- */

static _Noreturn void usage(void)
{
	fputs("usage: gen-syslog [-o FILE] [-s SEED] [-e EVERY_MIB | -k EVERY_KIB] "
	      "[SIZE_BYTES]\n",
	      stderr);
	exit(2);
}

static unsigned long long num(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-')
		usage();
	return v;
}

int main(int argc, char **argv)
{
	unsigned long long size = 1073741824ULL, seed = 1, every_kib = 4096;
	const char *out = NULL;
	int i;

	int have_size = 0;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			seed = num(argv[++i]);
		else if (!strcmp(argv[i], "-e") && i + 1 < argc)
			every_kib = num(argv[++i]) * 1024;
		else if (!strcmp(argv[i], "-k") && i + 1 < argc)
			every_kib = num(argv[++i]);
		else if (argv[i][0] == '-' || have_size)
			usage();
		else {
			size = num(argv[i]);
			have_size = 1;
		}
	}

	if (out) {
		ofp = fopen(out, "w");
		oname = out;
		if (!ofp) {
			fprintf(stderr, "gen-syslog: cannot open '%s': %s\n",
				out, strerror(errno));
			return 1;
		}
	} else {
		ofp = stdout;
	}

	uint64_t sm = seed;
	for (int k = 0; k < 4; k++)
		rs[k] = splitmix64(&sm);

	/* Spread the lines over about 300 days from Jan 3 (no year wrap):
	 * about 95 bytes a line on average. */
	now_ms = 2ULL * 86400 * 1000 + 7 * 1000;
	uint64_t lines_est = size / 95 + 1;
	step_max_ms = 2 * (300ULL * 86400 * 1000) / lines_est;
	if (step_max_ms > 600000)
		step_max_ms = 600000;
	for (size_t h = 0; h < NHOSTS; h++) /* booted up to 2 days before */
		hosts[h].boot_ms = rnd() % now_ms;

	uint64_t every = every_kib * 1024ULL;
	uint64_t next_report = every ? every / 2 : UINT64_MAX;
	unsigned long long reports = 0;

	while (total_bytes + olen < size) {
		uint64_t pos = total_bytes + olen;
		if (pos >= next_report) {
			put_report();
			reports++;
			next_report += every;
			continue;
		}
		now_ms += step_max_ms ? rnd() % (step_max_ms + 1) : 0;
		/* several hosts interleaved; stor03 (the RHEL 6 box) is quieter */
		unsigned h = rn(16);
		cur = &hosts[h < 15 ? h % 5 : REPORT_HOST];
		unsigned k = rn(100);
		if (k < 22)
			m_kernel();
		else if (k < 42)
			m_sshd();
		else if (k < 54)
			m_cron();
		else if (k < 66)
			m_systemd();
		else if (k < 80)
			m_postfix();
		else if (k < 88)
			m_nm();
		else
			m_misc();
	}
	flush_out();
	if (ofp != stdout ? fclose(ofp) != 0 : fflush(ofp) != 0) {
		fprintf(stderr, "gen-syslog: cannot write '%s': %s\n", oname,
			strerror(errno));
		return 1;
	}
	fprintf(stderr,
		"gen-syslog: bytes=%llu lines=%llu reports=%llu seed=%llu\n",
		total_bytes, total_lines, reports, seed);
	return 0;
}
