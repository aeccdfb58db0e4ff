// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace.c - call trace lines of every era and architecture, and the other
 * lines dump_stack() prints around them (stack words, register dumps).
 *
 *   2.6.16 x86_64  "Call Trace: <IRQ> <ffffffff8015d501>{__alloc_pages+705}"
 *   2.6.x - 4.9    " [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0"
 *                  (print_trace_address() in arch/x86/kernel/dumpstack.c)
 *   4.10+          " ? __alloc_pages_nodemask+0x757/0x8d0 [mod]", markers
 *                  "<IRQ>", "</IRQ>", "<TASK>", "</TASK>" on their own lines
 *   arm            "[<8020dbec>] (dump_backtrace) from [<8020ded0>] (show_stack+0x18/0x1c)"
 *   arm64, mips    "[<ffffffc00008a0a4>] dump_backtrace+0x0/0x150"
 *   powerpc        "[c0000000fe7cb9c0] [c0000000001d0b2c] warn_alloc+0x11c/0x1d0"
 */
#include <ctype.h>
#include <string.h>

#include "report/internal.h"
#include "util/util.h"

static bool is_sym_char(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '$';
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static void add_frame(struct pf_report *r, const char *sym, size_t n,
		      const char *mod, size_t mn, bool unreliable, int kind)
{
	struct pf_frame *f;

	if (r->nr_frames >= PF_TRACE_MAX)
		return;
	f = &r->frames[r->nr_frames++];
	memset(f, 0, sizeof(*f));
	pf_strlcpyn(f->func, sizeof(f->func), sym, n);
	if (mod)
		pf_strlcpyn(f->module, sizeof(f->module), mod, mn);
	f->unreliable = unreliable;
	f->kind = (unsigned int)kind;
}

/* "<IRQ>", "</IRQ>", "<EOI>", "<TASK>", "<NMI>", "<#DF>", "<SOFTIRQ>" ... */
static size_t marker_len(const char *p, const char *end)
{
	const char *q = p + 1;

	if (p >= end || *p != '<')
		return 0;
	if (q < end && *q == '/')
		q++;
	if (q < end && *q == '#')
		q++;
	while (q < end && isupper((unsigned char)*q))
		q++;
	if (q < end && *q == '_') /* <ENTRY_TRAMPOLINE> */
		while (q < end && (isupper((unsigned char)*q) || *q == '_'))
			q++;
	if (q >= end || *q != '>' || q - p < 3)
		return 0;
	return (size_t)(q + 1 - p);
}

/*
 * "sym+0xoff/0xlen" at p: returns the symbol length and sets *after to
 * the end of the offset; 0 when p does not start with one.
 */
static size_t sym_off(const char *p, const char *end, const char **after)
{
	const char *q = p, *s;
	unsigned long v;

	while (q < end && is_sym_char((unsigned char)*q))
		q++;
	if (q == p || q >= end || *q != '+')
		return 0;
	s = q + 1;
	if (!pf_starts(s, (size_t)(end - s), "0x") || !pf_scan_hex(&s, end, &v))
		return 0;
	if (s < end && *s == '/') {
		s++;
		if (!pf_scan_hex(&s, end, &v))
			return 0;
	}
	*after = s;
	return (size_t)(q - p);
}

/* Past the address groups "[<...>]" or "[c000...]" (powerpc prints two). */
static const char *skip_addresses(const char *p, const char *end)
{
	for (int i = 0; i < 2; i++) {
		const char *a;
		unsigned long v;

		if (p >= end || *p != '[')
			continue;
		a = p + 1;
		if (a < end && *a == '<')
			a++;
		if (!pf_scan_hex(&a, end, &v))
			break;
		if (a < end && *a == '>')
			a++;
		if (a >= end || *a != ']')
			break;
		p = skip_ws(a + 1, end);
	}
	return p;
}

/* 2.6.16 x86_64: "<ffffffff8015d501>{__alloc_pages+705}" */
static const char *frame_braces(const char *p, const char *end,
				struct pf_report *r, bool append)
{
	const char *a = p + 1, *b, *q;
	unsigned long v;

	if (!pf_scan_hex(&a, end, &v) || a + 1 >= end || a[0] != '>' ||
	    a[1] != '{')
		return NULL;
	a += 2;
	b = a;
	while (b < end && is_sym_char((unsigned char)*b))
		b++;
	if (b == a || b >= end)
		return NULL;
	q = memchr(b, '}', (size_t)(end - b));
	if (!q)
		return NULL;
	if (append)
		add_frame(r, a, (size_t)(b - a), NULL, 0, false, PF_FRAME_FUNC);
	return q + 1;
}

/*
 * arm: "(show_stack+0x18/0x1c)" or "(dump_backtrace)" then " from ...":
 * the caller after "from" is the next line's callee, so the line ends here.
 */
static const char *frame_arm(const char *p, const char *end,
			     struct pf_report *r, bool append, bool unreliable)
{
	const char *a = p + 1, *b = a;

	while (b < end && is_sym_char((unsigned char)*b))
		b++;
	if (b == a || b >= end || (*b != '+' && *b != ')'))
		return NULL;
	if (!memchr(b, ')', (size_t)(end - b)))
		return NULL;
	if (append)
		add_frame(r, a, (size_t)(b - a), NULL, 0, unreliable,
			  PF_FRAME_FUNC);
	return end;
}

/* RHEL 5 x86_64 printk_address(): ":e1000:e1000_alloc_rx_buffers+0x94/0x2e1" */
static const char *frame_rhel5(const char *p, const char *end,
			       struct pf_report *r, bool append,
			       bool unreliable)
{
	const char *m = p + 1, *b = m, *after;
	size_t n;

	while (b < end && is_sym_char((unsigned char)*b))
		b++;
	if (b == m || b >= end || *b != ':' || b - m >= 32)
		return NULL;
	n = sym_off(b + 1, end, &after);
	if (!n)
		return NULL;
	if (append)
		add_frame(r, b + 1, n, m, (size_t)(b - m), unreliable,
			  PF_FRAME_FUNC);
	return after;
}

/* " sym+0x757/0x8d0" and, after it, the module: " [e1000e]" */
static const char *frame_sym(const char *p, const char *end,
			     struct pf_report *r, bool append, bool unreliable)
{
	const char *q, *after;
	size_t n = sym_off(p, end, &after);

	if (!n)
		return NULL;
	q = skip_ws(after, end);
	if (q < end && *q == '[') {
		const char *m = q + 1,
			   *close = memchr(m, ']', (size_t)(end - m));

		if (close && close - m < 32) {
			if (append)
				add_frame(r, p, n, m, (size_t)(close - m),
					  unreliable, PF_FRAME_FUNC);
			return close + 1;
		}
	}
	if (append)
		add_frame(r, p, n, NULL, 0, unreliable, PF_FRAME_FUNC);
	return after;
}

/* One frame in any of the shapes above; returns where it ends, or NULL. */
static const char *one_frame(const char *p, const char *end,
			     struct pf_report *r, bool append)
{
	bool unreliable = false;

	p = skip_addresses(p, end);
	if (p < end && *p == '<' && !marker_len(p, end))
		return frame_braces(p, end, r, append);
	if (end - p >= 2 && p[0] == '?' && p[1] == ' ') {
		unreliable = true;
		p = skip_ws(p + 2, end);
	}
	if (p < end && *p == '(')
		return frame_arm(p, end, r, append, unreliable);
	if (p < end && *p == ':')
		return frame_rhel5(p, end, r, append, unreliable);
	return frame_sym(p, end, r, append, unreliable);
}

/* Lines of dump_stack() that are not frames but belong to the dump. */
static const char *const noise_prefixes[] = {
	"RIP: ",
	"RSP: ",
	"RAX: ",
	"RBX: ",
	"RCX: ",
	"RDX: ",
	"RBP: ",
	"RSI: ",
	"RDI: ",
	"R08: ",
	"R09: ",
	"R10: ",
	"R11: ",
	"R12: ",
	"R13: ",
	"R14: ",
	"R15: ",
	"FS: ",
	"CS: ",
	"CR2: ",
	"Code: ",
	"DR0: ",
	"DR3: ",
	"DR6: ",
	"EIP: ",
	"EAX: ",
	"ESI: ",
	"DS: ",
	"Stack:",
	"Stack : ",
	"Exception stack",
	"pc : ",
	"lr : ",
	"sp : ",
	"x29: ",
	"PC is at",
	"LR is at",
	"epc   :",
	"ra    :",
	"Status:",
	"Cause :",
	"PrId  :",
	"...",
	"Trace:",
	"shadow_call_stack",
	"NIP:",
	"LR:",
	"CTR:",
	"REGS:",
	"MSR:",
	"GPR",
	"irq event stamp",
	"hardirqs last",
	"softirqs last",
};

/* arm "r6:600f0013 r5:8141c21c", x86 stack words "ffff8801ca657d38" */
static bool register_words(const char *p, const char *end)
{
	const char *q = p;
	int words = 0;

	while (q < end) {
		const char *w = q;
		unsigned long v;

		if (*q == 'r' || *q == 'x') { /* r10: / x29: */
			const char *d = q + 1;

			while (d < end && isdigit((unsigned char)*d))
				d++;
			if (d > q + 1 && d < end && *d == ':')
				q = d + 1;
			else if (*q == 'x')
				return false;
		}
		if (q < end && *q == 'f' && q + 1 < end && q[1] == 'p' &&
		    q + 2 < end && q[2] == ':')
			q += 3;
		if (q < end && *q == 's' && q + 2 < end && q[1] == 'l' &&
		    q[2] == ':')
			q += 3;
		if (q < end && *q == 'i' && q + 2 < end && q[1] == 'p' &&
		    q[2] == ':')
			q += 3;
		if (!pf_scan_hex(&q, end, &v) || q - w < 8)
			return false;
		words++;
		q = skip_ws(q, end);
	}
	return words > 0;
}

static bool is_noise(const char *p, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(noise_prefixes); i++)
		if (pf_starts(p, len, noise_prefixes[i]))
			return true;
	return register_words(p, p + len);
}

int pf_trace_line(const char *msg, size_t len, struct pf_report *r, bool append)
{
	const char *p = msg, *end = msg + len, *q;
	int kind = PF_TRACE_FRAMES;
	int found = 0;

	if (pf_starts(p, len, "Call Trace:") ||
	    pf_starts(p, len, "Call trace:")) {
		p += 11;
		kind = PF_TRACE_START;
	} else if (pf_starts(p, len, "Backtrace:")) {
		p += 10;
		kind = PF_TRACE_START;
	} else if (pf_starts(p, len, "Backtrace: ")) {
		kind = PF_TRACE_START;
	}
	p = skip_ws(p, end);
	while (p < end) {
		size_t ml = marker_len(p, end);

		if (ml) {
			if (append)
				add_frame(r, p + 1, ml - 2, NULL, 0, false,
					  PF_FRAME_MARKER);
			p = skip_ws(p + ml, end);
			found++;
			continue;
		}
		q = one_frame(p, end, r, append);
		if (!q)
			break;
		found++;
		p = skip_ws(q, end);
	}
	if (kind == PF_TRACE_START)
		return kind;
	if (found && p >= end)
		return PF_TRACE_FRAMES;
	if (found) {
		/*
		 * Something after the frames: "func+0x1/0x2 from ..." handled
		 * above; a trailing " (+...)" from wrapping is tolerated.
		 */
		return PF_TRACE_FRAMES;
	}
	if (is_noise(msg, len))
		return PF_TRACE_NOISE;
	return PF_TRACE_NONE;
}
