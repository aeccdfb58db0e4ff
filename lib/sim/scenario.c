// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * scenario.c - the scenario format (data/scenarios/README.md): a machine,
 * its kernel, the vm sysctls, kswapd's speeds and the phases of a
 * workload, as "key = value" lines in sections.  pf_scenario_set() changes
 * one setting the way the CLI's --set does, pf_scenario_set_sysctl() one
 * vm sysctl from a number.
 *
 * Every key has a handler that reads its value and writes it into the
 * scenario (or the phase being read); the same handlers serve --set.  An
 * error is one diagnostic, "line N: what", and the parse goes on so that
 * every error is reported, but it fails in the end: a scenario read in
 * part would simulate something else.
 *
 * The parser takes any bytes: NUL bytes and lines of any length are
 * errors of their line, CR LF line ends and a missing last newline are
 * fine, and nothing is copied without a bound.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util/util.h"

/* The kernel of a scenario that names none. */
#define SC_DEFAULT_KERNEL "6.6"
#define SC_MAX_BYTES	  (1u << 20)   /* pf_scenario_load() */
#define SC_QUOTE_MAX	  40	       /* of a value, in messages */
#define SC_ZONE_MIN	  (1ULL << 20) /* bytes: 256 pages */
#define SC_ZONE_MAX	  (1ULL << 42) /* bytes: 2^30 pages */
#define SC_RATE_MAX	  1e12	       /* per second */
#define SC_TIME_MAX	  1e6	       /* seconds: 11 days */

enum sc_section {
	SEC_NONE, /* before the first section */
	SEC_MACHINE,
	SEC_KERNEL,
	SEC_TUNABLES,
	SEC_KSWAPD,
	SEC_PHASE,
	SEC_BAD, /* a section in error: its lines are skipped */
};

struct key;

/*
 * Read [v, e) (trimmed, not empty) into sc or ph.  Returns 0, or -EINVAL
 * with what is wrong in err.
 */
typedef int (*key_fn)(const struct key *k, struct pf_scenario *sc,
		      struct sim_phase *ph, const char *v, const char *e,
		      char *err, size_t len);

struct key {
	int sec; /* enum sc_section */
	const char *name;
	key_fn fn;
	size_t off;	 /* of the field in the section's struct */
	double min, max; /* accepted values */
	long def;	 /* "default" (tunables) */
	bool repeat;	 /* may be given more than once */
};

struct parser {
	struct pf_ini ini; /* the text, its line, its errors */
	struct pf_scenario *sc;
	int sec;		   /* enum sc_section */
	struct sim_phase *ph;	   /* the phase being read */
	unsigned long phase_line;  /* of its "[phase NAME]" */
	uint64_t seen, phase_seen; /* keys given, by index in keys[] */
};

/* ------------------------------------------------------------------ */
/* Text helpers                                                       */
/* ------------------------------------------------------------------ */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static void skip_blanks(const char **p, const char *e)
{
	while (*p < e && pf_ini_blank(**p))
		(*p)++;
}

static bool word_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && !memcmp(w, lit, n);
}

static bool word_is_nocase(const char *w, size_t n, const char *lit)
{
	size_t i;

	if (strlen(lit) != n)
		return false;
	for (i = 0; i < n; i++)
		if (lower(w[i]) != lower(lit[i]))
			return false;
	return true;
}

/* [s, e) for a message: at most SC_QUOTE_MAX bytes, non-printables as '?' */
static const char *quote(char *buf, size_t size, const char *s, const char *e)
{
	return pf_quote(buf, size, s, (size_t)(e - s), SC_QUOTE_MAX);
}

__attribute__((format(printf, 3, 4))) static int bad(char *err, size_t len,
						     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/*
 * Key k refuses the value [v, e): "NAME: 'VALUE' " and what fmt says,
 * into err.  Returns -EINVAL.
 */
__attribute__((format(printf, 6, 7))) static int
refuse(const struct key *k, const char *v, const char *e, char *err, size_t len,
       const char *fmt, ...)
{
	va_list ap;
	char q[64];
	int n;

	n = snprintf(err, len, "%s: '%s' ", k->name, quote(q, sizeof(q), v, e));
	if (n >= 0 && (size_t)n < len) {
		va_start(ap, fmt);
		vsnprintf(err + n, len - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                            */
/* ------------------------------------------------------------------ */

/*
 * A decimal number at *p: digits, then optionally '.' and digits (no
 * sign, no exponent).  At most 15 digits before the point, so that the
 * integer part is exact; digits past the 17th after it are ignored.
 */
static bool scan_num(const char **p, const char *e, double *v, bool *frac)
{
	const char *s = *p;
	double x = 0, scale = 1;
	int n = 0;

	*frac = false;
	while (s < e && is_digit(*s)) {
		if (++n > 15)
			return false;
		x = x * 10 + (*s - '0');
		s++;
	}
	if (!n)
		return false;
	if (s < e && *s == '.') {
		s++;
		if (s == e || !is_digit(*s))
			return false;
		for (n = 0; s < e && is_digit(*s); s++, n++) {
			if (n < 17) {
				scale /= 10;
				x += (*s - '0') * scale;
			}
		}
		*frac = true;
	}
	*p = s;
	*v = x;
	return true;
}

/* An unsigned decimal integer at *p that fits 64 bits. */
static bool scan_u64(const char **p, const char *e, unsigned long long *v)
{
	const char *s = *p;
	unsigned long long x = 0;

	if (s == e || !is_digit(*s))
		return false;
	while (s < e && is_digit(*s)) {
		unsigned int d = (unsigned int)(*s - '0');

		if (x > (~0ULL - d) / 10)
			return false;
		x = x * 10 + d;
		s++;
	}
	*p = s;
	*v = x;
	return true;
}

/*
 * The bounds of key k (a count, a rate, seconds): the one test of every
 * value that goes into a scenario, from its text or from a number.
 */
static bool key_takes(const struct key *k, double x)
{
	return x >= k->min && x <= k->max;
}

/* A whole value that is an integer key k takes. */
static bool parse_long(const char *v, const char *e, const struct key *k,
		       long *out)
{
	unsigned long long x;

	if (!scan_u64(&v, e, &x) || v != e || !key_takes(k, (double)x))
		return false;
	*out = (long)x;
	return true;
}

/*
 * A duration: a number and its unit, "us", "ms", "s" or "min".  Returns
 * false when bad; *p is left after the unit.
 */
static bool scan_duration(const char **p, const char *e, double *sec)
{
	/* clang-format off */
	static const struct {
		const char *unit;
		double scale;
	} units[] = {
		{ "us", 1e-6 }, { "ms", 1e-3 }, { "s", 1 }, { "min", 60 },
		{ "h", 3600 },
	};
	/* clang-format on */
	const char *s = *p, *u;
	double x;
	bool frac;
	size_t i;

	if (!scan_num(&s, e, &x, &frac))
		return false;
	skip_blanks(&s, e);
	u = s;
	while (s < e && lower(*s) >= 'a' && lower(*s) <= 'z')
		s++;
	for (i = 0; i < ARRAY_SIZE(units); i++) {
		if (word_is(u, (size_t)(s - u), units[i].unit)) {
			*sec = x * units[i].scale;
			*p = s;
			return *sec <= SC_TIME_MAX;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Key handlers                                                       */
/* ------------------------------------------------------------------ */

/* The struct a key's offset is into. */
static void *key_base(const struct key *k, struct pf_scenario *sc,
		      struct sim_phase *ph)
{
	switch (k->sec) {
	case SEC_PHASE:
		return ph;
	case SEC_TUNABLES:
		return &sc->tun;
	default:
		return sc;
	}
}

#define FIELD(type, k, sc, ph)                                                 \
	((type *)((char *)key_base(k, sc, ph) + (k)->off))

static int key_bool(const struct key *k, struct pf_scenario *sc,
		    struct sim_phase *ph, const char *v, const char *e,
		    char *err, size_t len)
{
	static const char *const yes[] = { "on", "yes", "true" };
	static const char *const no[] = { "off", "no", "false" };
	size_t n = (size_t)(e - v), i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (word_is_nocase(v, n, yes[i])) {
			*FIELD(bool, k, sc, ph) = true;
			return 0;
		}
		if (word_is_nocase(v, n, no[i])) {
			*FIELD(bool, k, sc, ph) = false;
			return 0;
		}
	}
	return refuse(k, v, e, err, len, "is not on or off");
}

static int key_int(const struct key *k, struct pf_scenario *sc,
		   struct sim_phase *ph, const char *v, const char *e,
		   char *err, size_t len)
{
	long x;

	if (!parse_long(v, e, k, &x))
		return refuse(k, v, e, err, len,
			      "is not a whole number from %.0f to %.0f", k->min,
			      k->max);
	*FIELD(int, k, sc, ph) = (int)x;
	return 0;
}

/* A vm sysctl: a whole number, or "default" */
static int key_tunable(const struct key *k, struct pf_scenario *sc,
		       struct sim_phase *ph, const char *v, const char *e,
		       char *err, size_t len)
{
	long x;

	if (word_is(v, (size_t)(e - v), "default")) {
		*FIELD(long, k, sc, ph) = k->def;
		return 0;
	}
	if (!parse_long(v, e, k, &x))
		return refuse(
			k, v, e, err, len,
			"is not 'default' or a whole number from %.0f to %.0f",
			k->min, k->max);
	*FIELD(long, k, sc, ph) = x;
	return 0;
}

/* "256 256 32": one ratio per zone of the kernel's zone enum, in order */
static int key_lowmem_ratio(const struct key *k, struct pf_scenario *sc,
			    struct sim_phase *ph, const char *v, const char *e,
			    char *err, size_t len)
{
	long r[SIM_MAX_ZONES];
	int n = 0, i;

	if (word_is(v, (size_t)(e - v), "default")) {
		for (i = 0; i < SIM_MAX_ZONES; i++)
			sc->tun.lowmem_reserve_ratio[i] = -1;
		return 0;
	}
	while (v < e) {
		const char *w = v;

		while (v < e && !pf_ini_blank(*v) && *v != ',')
			v++;
		if (n == SIM_MAX_ZONES)
			return bad(err, len, "%s: more than %d values", k->name,
				   SIM_MAX_ZONES);
		if (!parse_long(w, v, k, &r[n]))
			return refuse(k, w, v, err, len,
				      "is not a whole number from %.0f to %.0f",
				      k->min, k->max);
		n++;
		while (v < e && (pf_ini_blank(*v) || *v == ','))
			v++;
	}
	/* the zones not named keep their ratio */
	for (i = 0; i < n; i++)
		sc->tun.lowmem_reserve_ratio[i] = r[i];
	return 0;
}

/*
 * A number at [v, e), then, after blanks, unit (or nothing, when the
 * unit is optional): into *x.
 */
static bool num_unit(const char *v, const char *e, const char *unit,
		     bool optional, double *x)
{
	const char *s = v;
	size_t n = strlen(unit);
	bool frac;

	if (!scan_num(&s, e, x, &frac))
		return false;
	skip_blanks(&s, e);
	if ((size_t)(e - s) == n && !memcmp(s, unit, n))
		return true;
	return optional && s == e;
}

/* "250000/s", "250000" or "2.5/s": per second, "/s" optional */
static int key_rate(const struct key *k, struct pf_scenario *sc,
		    struct sim_phase *ph, const char *v, const char *e,
		    char *err, size_t len)
{
	double x;

	if (!num_unit(v, e, "/s", true, &x) || !key_takes(k, x))
		return refuse(k, v, e, err, len,
			      "is not a rate (N/s, N from %.0f to %.0f)",
			      k->min, k->max);
	*FIELD(double, k, sc, ph) = x;
	return 0;
}

/* "10s", "500ms", "2.5 min": in [min, max] seconds (min 0: > 0) */
static int key_duration(const struct key *k, struct pf_scenario *sc,
			struct sim_phase *ph, const char *v, const char *e,
			char *err, size_t len)
{
	const char *s = v;
	double x;

	if (!scan_duration(&s, e, &x) || s != e)
		return refuse(
			k, v, e, err, len,
			"is not a duration (10s, 500ms, 100us, 2min, 1h)");
	if (k->def && x <= 0)
		return refuse(k, v, e, err, len, "must be more than 0");
	if (!key_takes(k, x))
		return refuse(k, v, e, err, len, "is out of range (%gs to %gs)",
			      k->min, k->max);
	*FIELD(double, k, sc, ph) = x;
	return 0;
}

/* "90%": a share, 0..1 */
static int key_percent(const struct key *k, struct pf_scenario *sc,
		       struct sim_phase *ph, const char *v, const char *e,
		       char *err, size_t len)
{
	double x;

	if (!num_unit(v, e, "%", false, &x) || x > 100)
		return refuse(k, v, e, err, len,
			      "is not a share of RAM (0%% to 100%%)");
	*FIELD(double, k, sc, ph) = x / 100;
	return 0;
}

static int key_seed(const struct key *k, struct pf_scenario *sc,
		    struct sim_phase *ph, const char *v, const char *e,
		    char *err, size_t len)
{
	unsigned long long x;
	const char *s = v;

	if (!scan_u64(&s, e, &x) || s != e || !x)
		return refuse(k, v, e, err, len,
			      "is not a whole number from 1 to 2^64-1");
	sc->seed = x;
	return 0;
}

static int key_kernel(const struct key *k, struct pf_scenario *sc,
		      struct sim_phase *ph, const char *v, const char *e,
		      char *err, size_t len)
{
	struct pf_kver kv;
	char buf[sizeof(kv.str)], q[64];
	size_t n = (size_t)(e - v);

	if (n >= sizeof(buf) || memchr(v, '\0', n))
		goto err;
	memcpy(buf, v, n);
	buf[n] = '\0';
	if (pf_kver_parse(buf, &kv))
		goto err;
	if (kv.code < PF_KV(2, 6, 18) ||
	    pf_gfp_layout_of(&kv) == PF_GFP_UNKNOWN)
		return bad(
			err, len,
			"kernel '%s' is older than 2.6.18, which the simulator does not know",
			quote(q, sizeof(q), v, e));
	sc->kernel = kv;
	return 0;
err:
	return bad(
		err, len,
		"'%s' is not a kernel release (2.6.32-220.el6, 5.15) or era (rhel6.2)",
		quote(q, sizeof(q), v, e));
}

/* The zone names of mm/page_alloc.c, in the zone enum's order. */
static const char *const zone_names[] = {
	[PF_ZONE_DMA] = "DMA",	       [PF_ZONE_DMA32] = "DMA32",
	[PF_ZONE_NORMAL] = "Normal",   [PF_ZONE_HIGHMEM] = "HighMem",
	[PF_ZONE_MOVABLE] = "Movable",
};

/* "4G", "16M", "1048576": bytes, K/M/G/T (optionally "B" or "iB") binary */
static bool parse_size(const char *v, const char *e, unsigned long long *bytes)
{
	static const char suffixes[] = "kmgt";
	unsigned long long x;
	const char *s = v, *sfx;

	if (!scan_u64(&s, e, &x))
		return false;
	skip_blanks(&s, e);
	if (s < e && (sfx = memchr(suffixes, lower(*s), 4)) != NULL) {
		int shift = 10 * (int)(sfx - suffixes + 1);

		if (x > (~0ULL >> shift))
			return false;
		x <<= shift;
		s++;
		if (s < e && *s == 'i')
			s++;
		if (s < e && *s == 'B')
			s++;
	} else if (s < e && *s == 'B') {
		s++;
	}
	if (s != e)
		return false;
	*bytes = x;
	return true;
}

/* "[nodeN] NAME SIZE" */
/* Nodes go in order from 0, a node's zones in the zone enum's order. */
static int zone_in_order(const struct pf_scenario *sc, unsigned long long node,
			 int type, char *err, size_t len)
{
	if (sc->nr_zones) {
		const struct sim_zone_spec *prev = &sc->zones[sc->nr_zones - 1];
		int ptype = pf_zone_type_of(prev->name);

		if ((int)node != prev->node && (int)node != prev->node + 1)
			return bad(
				err, len,
				"zone: node %llu after node %d (nodes go in order from 0)",
				node, prev->node);
		if ((int)node == prev->node && type <= ptype)
			return bad(
				err, len,
				"zone: %s after %s on node %llu (zones go DMA, DMA32, Normal, HighMem, Movable)",
				zone_names[type], prev->name, node);
	} else if (node) {
		return bad(
			err, len,
			"zone: the first zone is on node %llu (nodes go in order from 0)",
			node);
	}
	return 0;
}

static int key_zone(const struct key *k, struct pf_scenario *sc,
		    struct sim_phase *ph, const char *v, const char *e,
		    char *err, size_t len)
{
	const char *w[3], *we[3], *s = v;
	struct sim_zone_spec *z;
	unsigned long long node = 0, bytes;
	int nw = 0, type = -1, i;
	char q[64];

	while (s < e) {
		if (nw == 3)
			goto usage;
		w[nw] = s;
		while (s < e && !pf_ini_blank(*s))
			s++;
		we[nw++] = s;
		skip_blanks(&s, e);
	}
	if (nw < 2)
		goto usage;
	if (nw == 3) {
		const char *n = w[0] + 4;

		if (we[0] - w[0] < 5 || memcmp(w[0], "node", 4) ||
		    !scan_u64(&n, we[0], &node) || n != we[0])
			goto usage;
		if (node >= SIM_MAX_NODES)
			return bad(
				err, len,
				"zone: node %llu (the simulator has nodes 0 to %d)",
				node, SIM_MAX_NODES - 1);
		w[0] = w[1];
		we[0] = we[1];
		w[1] = w[2];
		we[1] = we[2];
	}
	for (i = 0; i < (int)ARRAY_SIZE(zone_names); i++)
		if (word_is_nocase(w[0], (size_t)(we[0] - w[0]), zone_names[i]))
			type = i;
	if (type < 0)
		return bad(
			err, len,
			"zone: unknown zone '%s' (DMA, DMA32, Normal, HighMem, Movable)",
			quote(q, sizeof(q), w[0], we[0]));
	if (!parse_size(w[1], we[1], &bytes))
		return refuse(k, w[1], we[1], err, len,
			      "is not a size (16M, 3G, bytes)");
	if (bytes % 4096)
		return bad(err, len,
			   "zone: %s is not a whole number of 4 KiB pages",
			   quote(q, sizeof(q), w[1], we[1]));
	if (bytes < SC_ZONE_MIN || bytes > SC_ZONE_MAX)
		return bad(err, len, "zone: %s is out of range (1M to 4T)",
			   quote(q, sizeof(q), w[1], we[1]));
	if (sc->nr_zones == SIM_MAX_ZONES)
		return bad(err, len, "zone: more than %d zones", SIM_MAX_ZONES);
	if (zone_in_order(sc, node, type, err, len))
		return -EINVAL;
	z = &sc->zones[sc->nr_zones++];
	memset(z, 0, sizeof(*z));
	pf_strlcpy(z->name, sizeof(z->name), zone_names[type]);
	z->node = (int)node;
	z->bytes = bytes;
	return 0;
usage:
	return refuse(k, v, e, err, len, "is not '[nodeN] NAME SIZE'");
}

/* "GFP_ATOMIC" (the era's, kept as 0) or a mask "0x..." */
static int key_gfp(const struct key *k, struct pf_scenario *sc,
		   struct sim_phase *ph, const char *v, const char *e,
		   char *err, size_t len)
{
	unsigned long x = 0;
	const char *s;

	if (word_is(v, (size_t)(e - v), "GFP_ATOMIC")) {
		ph->net_gfp = 0;
		return 0;
	}
	if (e - v < 3 || v[0] != '0' || lower(v[1]) != 'x' ||
	    e - v > 2 + 2 * (long)sizeof(unsigned long))
		goto err;
	for (s = v + 2; s < e; s++) {
		char c = lower(*s);

		if (is_digit(c))
			x = x * 16 + (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			x = x * 16 + (unsigned long)(c - 'a' + 10);
		else
			goto err;
	}
	if (!x)
		goto err;
	ph->net_gfp = x;
	return 0;
err:
	return refuse(k, v, e, err, len,
		      "is not GFP_ATOMIC or a mask 0x1 to 0x%lx", ~0UL);
}

/* "50ms every 1s", or "off" */
static int key_burst(const struct key *k, struct pf_scenario *sc,
		     struct sim_phase *ph, const char *v, const char *e,
		     char *err, size_t len)
{
	const char *s = v, *w;
	double blen, every;

	if (word_is(v, (size_t)(e - v), "off")) {
		ph->burst_len = ph->burst_every = 0;
		return 0;
	}
	if (!scan_duration(&s, e, &blen))
		goto err;
	skip_blanks(&s, e);
	w = s;
	while (s < e && !pf_ini_blank(*s))
		s++;
	if (!word_is(w, (size_t)(s - w), "every"))
		goto err;
	skip_blanks(&s, e);
	if (!scan_duration(&s, e, &every) || s != e)
		goto err;
	if (blen <= 0 || every <= 0 || blen > every)
		return refuse(k, v, e, err, len, "needs 0 < LENGTH <= PERIOD");
	ph->burst_len = blen;
	ph->burst_every = every;
	return 0;
err:
	return refuse(k, v, e, err, len,
		      "is not 'LENGTH every PERIOD' (50ms every 1s) or off");
}

#define SC(f)  offsetof(struct pf_scenario, f)
#define TUN(f) offsetof(struct sim_tunables, f)
#define PH(f)  offsetof(struct sim_phase, f)

/*
 * Every key.  For durations, def 1 means "must be more than 0".  The
 * tunables' ranges are the kernel's proc handlers' (the widest of the
 * eras that have the sysctl).
 */
static const struct key keys[] = {
	{ SEC_MACHINE, "zone", key_zone, 0, 0, 0, 0, true },
	{ SEC_MACHINE, "cpus", key_int, SC(cpus), 1, 8192, 0, false },
	{ SEC_MACHINE, "swap", key_bool, SC(swap), 0, 0, 0, false },
	{ SEC_MACHINE, "node_distance", key_int, SC(node_distance), 11, 254, 0,
	  false },

	{ SEC_KERNEL, "version", key_kernel, 0, 0, 0, 0, false },
	{ SEC_KERNEL, "mobility", key_bool, SC(mobility), 0, 0, 0, false },

	{ SEC_TUNABLES, "vm.min_free_kbytes", key_tunable, TUN(min_free_kbytes),
	  0, 1e9, -1, false },
	{ SEC_TUNABLES, "vm.watermark_scale_factor", key_tunable,
	  TUN(watermark_scale_factor), 1, 3000, 10, false },
	{ SEC_TUNABLES, "vm.watermark_boost_factor", key_tunable,
	  TUN(watermark_boost_factor), 0, 1e9, 15000, false },
	{ SEC_TUNABLES, "vm.extfrag_threshold", key_tunable,
	  TUN(extfrag_threshold), 0, 1000, 500, false },
	{ SEC_TUNABLES, "vm.compaction_proactiveness", key_tunable,
	  TUN(compaction_proactiveness), 0, 100, -1, false },
	{ SEC_TUNABLES, "vm.zone_reclaim_mode", key_tunable,
	  TUN(zone_reclaim_mode), 0, 7, -1, false },
	{ SEC_TUNABLES, "vm.lowmem_reserve_ratio", key_lowmem_ratio, 0, 0, 1e9,
	  0, false },

	{ SEC_KSWAPD, "scan_rate", key_rate, SC(scan_rate), 0, SC_RATE_MAX, 0,
	  false },
	{ SEC_KSWAPD, "compact_rate", key_rate, SC(compact_rate), 0,
	  SC_RATE_MAX, 0, false },
	{ SEC_KSWAPD, "tick", key_duration, SC(tick), 1e-6, 1, 1, false },
	{ SEC_KSWAPD, "seed", key_seed, 0, 0, 0, 0, false },

	{ SEC_PHASE, "duration", key_duration, PH(duration), 0, SC_TIME_MAX, 1,
	  false },
	{ SEC_PHASE, "fill", key_percent, PH(fill), 0, 0, 0, false },
	{ SEC_PHASE, "anon_fill", key_percent, PH(anon_fill), 0, 0, 0, false },
	{ SEC_PHASE, "hold", key_percent, PH(hold), 0, 0, 0, false },
	{ SEC_PHASE, "fresh", key_bool, PH(fresh), 0, 0, 0, false },
	{ SEC_PHASE, "node", key_int, PH(node), 0, SIM_MAX_NODES - 1, 0,
	  false },
	{ SEC_PHASE, "checkerboard", key_bool, PH(checkerboard), 0, 0, 0,
	  false },
	{ SEC_PHASE, "drop_caches", key_int, PH(drop_caches), 1, 3, 0, false },
	{ SEC_PHASE, "stream", key_rate, PH(stream_rate), 0, SC_RATE_MAX, 0,
	  false },
	{ SEC_PHASE, "anon", key_rate, PH(anon_rate), 0, SC_RATE_MAX, 0,
	  false },
	{ SEC_PHASE, "anon_free", key_rate, PH(anon_free_rate), 0, SC_RATE_MAX,
	  0, false },
	{ SEC_PHASE, "slab", key_rate, PH(slab_rate), 0, SC_RATE_MAX, 0,
	  false },
	{ SEC_PHASE, "slab_free", key_rate, PH(slab_free_rate), 0, SC_RATE_MAX,
	  0, false },
	{ SEC_PHASE, "kernel", key_rate, PH(kernel_rate), 0, SC_RATE_MAX, 0,
	  false },
	{ SEC_PHASE, "net", key_rate, PH(net_rate), 0, SC_RATE_MAX, 0, false },
	{ SEC_PHASE, "net_order", key_int, PH(net_order), 0, SIM_MAX_ORDER - 1,
	  0, false },
	{ SEC_PHASE, "net_gfp", key_gfp, 0, 0, 0, 0, false },
	{ SEC_PHASE, "net_hold", key_duration, PH(net_hold), 0, SC_TIME_MAX, 0,
	  false },
	{ SEC_PHASE, "burst", key_burst, 0, 0, 0, 0, false },
};

static const struct key *key_find(int sec, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (keys[i].sec == sec && word_is(name, n, keys[i].name))
			return &keys[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The scenario                                                       */
/* ------------------------------------------------------------------ */

static void scenario_defaults(struct pf_scenario *sc)
{
	memset(sc, 0, sizeof(*sc));
	pf_strlcpy(sc->name, sizeof(sc->name), "scenario");
	sc->cpus = 4;
	sc->swap = false;
	pf_kver_parse(SC_DEFAULT_KERNEL, &sc->kernel);
	sc->mobility = true;
	sc->tun.min_free_kbytes = -1;
	sc->tun.watermark_scale_factor = 10;
	sc->tun.watermark_boost_factor = 15000;
	sc->tun.extfrag_threshold = 500;
	sc->tun.compaction_proactiveness = -1; /* the era's */
	sc->tun.zone_reclaim_mode = -1;
	sc->node_distance = 20; /* REMOTE_DISTANCE: no ACPI SLIT */
	for (int i = 0; i < SIM_MAX_ZONES; i++)
		sc->tun.lowmem_reserve_ratio[i] = -1; /* the zone type's */
	sc->scan_rate = -1; /* the kernel's: rates.c */
	sc->compact_rate = -1;
	sc->tick = 0.001;
	sc->seed = 1;
}

/* The name of a scenario: its file's, without the directory and ".scn" */
static void scenario_name(struct pf_scenario *sc, const char *name)
{
	const char *base, *end;

	if (!name || !*name)
		return;
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	end = base + strlen(base);
	if (end - base > 4 && !strcmp(end - 4, ".scn"))
		end -= 4;
	if (end > base)
		pf_strlcpyn(sc->name, sizeof(sc->name), base,
			    (size_t)(end - base));
}

/* ------------------------------------------------------------------ */
/* The parser                                                         */
/* ------------------------------------------------------------------ */

/* The end of a phase: it must say how long it runs. */
static void phase_end(struct parser *p)
{
	if (p->sec == SEC_PHASE && p->ph &&
	    !(p->phase_seen &
	      (1ULL << (key_find(SEC_PHASE, "duration", 8) - keys))))
		pf_ini_err(&p->ini, p->phase_line, "phase '%s' has no duration",
			   p->ph->name);
	p->ph = NULL;
}

static void phase_start(struct parser *p, const char *s, const char *e)
{
	struct pf_scenario *sc = p->sc;
	struct sim_phase *ph;
	const char *c;
	char q[64];
	int i;

	p->sec = SEC_BAD;
	if (s == e) {
		pf_ini_err(&p->ini, p->ini.lineno,
			   "a phase needs a name: '[phase NAME]'");
		return;
	}
	for (c = s; c < e; c++) {
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      is_digit(*c) || *c == '-' || *c == '_' || *c == '.')) {
			pf_ini_err(
				&p->ini, p->ini.lineno,
				"bad phase name '%s' (letters, digits, '-', '_', '.')",
				quote(q, sizeof(q), s, e));
			return;
		}
	}
	if ((size_t)(e - s) >= sizeof(ph->name)) {
		pf_ini_err(&p->ini, p->ini.lineno,
			   "phase name '%s' is longer than %zu bytes",
			   quote(q, sizeof(q), s, e), sizeof(ph->name) - 1);
		return;
	}
	for (i = 0; i < sc->nr_phases; i++) {
		if (word_is(s, (size_t)(e - s), sc->phases[i].name)) {
			pf_ini_err(&p->ini, p->ini.lineno,
				   "phase '%s' is given twice",
				   sc->phases[i].name);
			return;
		}
	}
	if (sc->nr_phases == SIM_MAX_PHASES) {
		pf_ini_err(&p->ini, p->ini.lineno, "more than %d phases",
			   SIM_MAX_PHASES);
		return;
	}
	ph = &sc->phases[sc->nr_phases++];
	memset(ph, 0, sizeof(*ph));
	pf_strlcpyn(ph->name, sizeof(ph->name), s, (size_t)(e - s));
	ph->net_order = 0;
	ph->net_gfp = 0;
	ph->node = -1;
	p->ph = ph;
	p->phase_line = p->ini.lineno;
	p->phase_seen = 0;
	p->sec = SEC_PHASE;
}

/* "[...]", trimmed: [s, e) */
static void section_start(struct parser *p, const char *s, const char *e)
{
	/* clang-format off */
	static const struct {
		const char *name;
		int sec;
	} sections[] = {
		{ "machine", SEC_MACHINE }, { "kernel", SEC_KERNEL },
		{ "tunables", SEC_TUNABLES }, { "kswapd", SEC_KSWAPD },
	};
	/* clang-format on */
	const char *n = s + 1, *ne = e - 1;
	char q[64];
	size_t i;

	phase_end(p);
	p->sec = SEC_BAD;
	if (e - s < 2 || *ne != ']') {
		pf_ini_err(&p->ini, p->ini.lineno, "'%s' has no closing ']'",
			   quote(q, sizeof(q), s, e));
		return;
	}
	pf_ini_trim(&n, &ne);
	for (i = 0; i < ARRAY_SIZE(sections); i++) {
		if (word_is(n, (size_t)(ne - n), sections[i].name)) {
			p->sec = sections[i].sec;
			return;
		}
	}
	if (ne - n >= 5 && !memcmp(n, "phase", 5) &&
	    (ne - n == 5 || pf_ini_blank(n[5]))) {
		n += 5;
		pf_ini_trim(&n, &ne);
		phase_start(p, n, ne);
		return;
	}
	pf_ini_err(
		&p->ini, p->ini.lineno,
		"unknown section '%s' (machine, kernel, tunables, kswapd, phase NAME)",
		quote(q, sizeof(q), s, e));
}

/* "key = value" */
static void key_line(struct parser *p, const struct pf_ini_line *l)
{
	const char *ks = l->key, *ke = l->key_end;
	const struct key *k;
	uint64_t bit, *seen;
	char q[64], err[192];

	if (p->sec == SEC_NONE) {
		pf_ini_err(
			&p->ini, p->ini.lineno,
			"'%s' is outside a section ([machine], [kernel], ...)",
			quote(q, sizeof(q), ks, ke));
		return;
	}
	k = key_find(p->sec, ks, (size_t)(ke - ks));
	if (!k) {
		pf_ini_err(&p->ini, p->ini.lineno,
			   "unknown key '%s' in this section",
			   quote(q, sizeof(q), ks, ke));
		return;
	}
	if (l->val == l->val_end) {
		pf_ini_err(&p->ini, p->ini.lineno, "'%s' has no value",
			   k->name);
		return;
	}
	bit = 1ULL << (k - keys);
	seen = p->sec == SEC_PHASE ? &p->phase_seen : &p->seen;
	if ((*seen & bit) && !k->repeat) {
		pf_ini_err(&p->ini, p->ini.lineno, "'%s' is given twice",
			   k->name);
		return;
	}
	/* given, even when refused: one error is one message */
	*seen |= bit;
	if (k->fn(k, p->sc, p->ph, l->val, l->val_end, err, sizeof(err)))
		pf_ini_err(&p->ini, p->ini.lineno, "%s", err);
}

/* The lines of a section in error are skipped. */
static void parse_line(struct parser *p, const struct pf_ini_line *l)
{
	char q[64];

	if (l->kind == PF_INI_SECTION) {
		section_start(p, l->s, l->e);
		return;
	}
	if (p->sec == SEC_BAD)
		return;
	if (l->kind == PF_INI_NUL)
		pf_ini_err(&p->ini, p->ini.lineno, "NUL byte in the line");
	else if (l->kind == PF_INI_NOT_KEY)
		pf_ini_err(&p->ini, p->ini.lineno, "'%s' is not 'key = value'",
			   quote(q, sizeof(q), l->s, l->e));
	else if (l->kind == PF_INI_KEY)
		key_line(p, l);
}

/* What a whole scenario needs. */
static void scenario_end(struct parser *p)
{
	unsigned long last = p->ini.lineno ? p->ini.lineno : 1;

	phase_end(p);
	if (!p->sc->nr_zones)
		pf_ini_err(
			&p->ini, last,
			"no zone: [machine] needs 'zone = [nodeN] NAME SIZE'");
	if (!p->sc->nr_phases)
		pf_ini_err(&p->ini, last,
			   "no phase: the workload needs a '[phase NAME]'");
}

int pf_scenario_parse(struct pf_scenario **out, const char *name,
		      const char *text, size_t len, pf_diag_fn diag, void *data)
{
	struct parser p = { .sc = NULL };
	struct pf_ini_line l;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (!text && len)
		return -EINVAL;
	p.sc = malloc(sizeof(*p.sc));
	if (!p.sc)
		return -ENOMEM;
	scenario_defaults(p.sc);
	scenario_name(p.sc, name);

	pf_ini_init(&p.ini, name, text, len, diag, data);
	while (pf_ini_next(&p.ini, &l))
		parse_line(&p, &l);
	scenario_end(&p);
	if (p.ini.errors) {
		free(p.sc);
		return -EINVAL;
	}
	*out = p.sc;
	return 0;
}

int pf_scenario_load(struct pf_scenario **out, const char *path,
		     pf_diag_fn diag, void *data)
{
	char *buf = NULL;
	size_t len = 0;
	int err;

	if (!out || !path)
		return -EINVAL;
	*out = NULL;
	err = pf_read_text(path, SC_MAX_BYTES, &buf, &len);
	if (!err)
		err = pf_scenario_parse(out, path, buf, len, diag, data);
	free(buf);
	return err;
}

/* --set's names of keys outside [tunables] */
static const struct {
	const char *name;
	int sec;
	const char *key;
} set_aliases[] = {
	{ "kernel", SEC_KERNEL, "version" },
	{ "mobility", SEC_KERNEL, "mobility" },
	{ "swap", SEC_MACHINE, "swap" },
	{ "node_distance", SEC_MACHINE, "node_distance" },
	{ "scan_rate", SEC_KSWAPD, "scan_rate" },
	{ "compact_rate", SEC_KSWAPD, "compact_rate" },
	{ "seed", SEC_KSWAPD, "seed" },
};

const char *pf_scenario_set_name(size_t i)
{
	for (size_t k = 0; k < ARRAY_SIZE(keys); k++)
		if (keys[k].sec == SEC_TUNABLES && !i--)
			return keys[k].name;
	return i < ARRAY_SIZE(set_aliases) ? set_aliases[i].name : NULL;
}

/* --set NAME=VALUE: which key of which section a name is */
int pf_scenario_set(struct pf_scenario *sc, const char *name, const char *value)
{
	const struct key *k = NULL;
	const char *v, *e;
	char err[192];
	size_t i;

	if (!sc || !name || !value)
		return -EINVAL;
	if (!strncmp(name, "vm.", 3))
		k = key_find(SEC_TUNABLES, name, strlen(name));
	for (i = 0; !k && i < ARRAY_SIZE(set_aliases); i++)
		if (!strcmp(name, set_aliases[i].name))
			k = key_find(set_aliases[i].sec, set_aliases[i].key,
				     strlen(set_aliases[i].key));
	if (!k)
		return -ENOENT; /* no such setting, unlike a bad value */
	v = value;
	e = value + strlen(value);
	pf_ini_trim(&v, &e);
	if (v == e)
		return -EINVAL;
	return k->fn(k, sc, NULL, v, e, err, sizeof(err));
}

/* A vm sysctl from a number (advise --verify): the bounds of its key */
int pf_scenario_set_sysctl(struct pf_scenario *sc, const char *name, long value)
{
	const struct key *k;

	if (!sc || !name)
		return -EINVAL;
	k = key_find(SEC_TUNABLES, name, strlen(name));
	/* vm.lowmem_reserve_ratio is a list: pf_scenario_set() takes it */
	if (!k || k->fn != key_tunable)
		return -ENOENT;
	if (!key_takes(k, (double)value))
		return -ERANGE;
	*FIELD(long, k, sc, NULL) = value;
	return 0;
}

struct pf_scenario *pf_scenario_dup(const struct pf_scenario *sc)
{
	struct pf_scenario *d;

	if (!sc)
		return NULL;
	d = malloc(sizeof(*d));
	if (d)
		memcpy(d, sc, sizeof(*d));
	return d;
}

void pf_scenario_free(struct pf_scenario *sc)
{
	free(sc);
}

const struct pf_kver *pf_scenario_kernel(const struct pf_scenario *sc)
{
	return sc ? &sc->kernel : NULL;
}
