// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace_bpf.c - pagefail trace's measurement: the program of
 * bpf/trace.bpf.c (its skeleton made by bpftool at build time) set up for
 * the running kernel, loaded, attached; its windows drained as they end;
 * at the end its counts summed over the CPUs, beside the pgalloc_* deltas
 * of /proc/vmstat over the same time.
 *
 * What the program must know of this kernel it is told before load: the
 * gfp bits that make a request atomic, from the library's layout of this
 * release (one implementation of the layouts: lib/mm/gfp.c), and where
 * page->flags keeps the node and the zone (trace_kernel.c reads that).
 * Of its two builds, the preempt count's is loaded where it can work, the
 * irq hooks' elsewhere or should the kernel refuse the first.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "tracer.h"
#include "trace.skel.h"
#include "trace_pc.skel.h"

/*
 * The program as loaded, whichever of its two builds: trace (the context
 * from the irq tracepoints) or trace_pc (from the preempt count).  Both
 * are the one source, so their maps and read-only data are the same: the
 * rest of this file reads them through these pointers.
 */
struct tracer_bpf {
	struct trace *skel;
	struct trace_pc *skel_pc;
	struct trace__rodata *rodata;
	struct bpf_map *stats, *cache, *windows, *events, *lat, *stacks;
	struct bpf_map *stack_counts;
	int ncpu;
};

_Static_assert(sizeof(struct trace__rodata) == sizeof(struct trace_pc__rodata),
	       "the two builds of trace.bpf.c differ in their read-only data");

/* b's pointers into skeleton sk, of either build */
#define TAKE_SKEL(b, sk)                                                       \
	do {                                                                   \
		(b)->rodata = (struct trace__rodata *)(sk)->rodata;            \
		(b)->stats = (sk)->maps.stats;                                 \
		(b)->cache = (sk)->maps.cache;                                 \
		(b)->windows = (sk)->maps.windows;                             \
		(b)->events = (sk)->maps.events;                               \
		(b)->lat = (sk)->maps.lat;                                     \
		(b)->stacks = (sk)->maps.stacks;                               \
		(b)->stack_counts = (sk)->maps.stack_counts;                   \
	} while (0)

/* Open the preempt count's build (pc) or the hooks': 0, or -errno. */
static int open_build(struct cli_trace *t, struct tracer_bpf *b, bool pc)
{
	if (pc) {
		t->context_from = "preempt count";
		b->skel_pc = trace_pc__open();
		if (!b->skel_pc)
			return -errno;
		TAKE_SKEL(b, b->skel_pc);
		return 0;
	}
	t->context_from = "irq tracepoints";
	b->skel = trace__open();
	if (!b->skel)
		return -errno;
	TAKE_SKEL(b, b->skel);
	return 0;
}

static unsigned long long mono_ns(void)
{
	struct timespec ts;

	/* bpf_ktime_get_ns() is CLOCK_MONOTONIC */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull +
	       (unsigned long long)ts.tv_nsec;
}

/* The zone layout into the program's rodata, or why it is not known. */
static void set_zones(struct cli_trace *t, struct trace__rodata *ro,
		      const char *release)
{
	int ns, zw;

	if (trace_zone_layout(t, release, &ns, &zw))
		return;
	ro->node_shift = 64 - ns;
	ro->node_mask = ns ? (1u << ns) - 1 : 0;
	ro->zone_shift = 64 - ns - zw;
	ro->zone_mask = (1u << zw) - 1;
	t->zones_known = true;
}

/* The bits of this release's gfp layout that make a request atomic. */
static void set_gfp(struct cli_trace *t, struct trace__rodata *ro)
{
	for (int b = 0; b < 32; b++) {
		struct pf_gfp_caps c;

		if (pf_gfp_caps(1ul << b, t->gfp_layout, &c))
			continue;
		if (c.high)
			ro->atomic_high |= 1u << b;
		if (c.direct_reclaim)
			ro->atomic_sleep |= 1u << b;
		if (c.gfp_atomic)
			ro->atomic_bit |= 1u << b;
	}
}

static int loud(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	return vfprintf(stderr, fmt, ap);
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/*
 * Open, set up, load and attach one build (pc: the preempt count's):
 * 0, or -errno with *loaded saying how far it came.
 */
static int load_build(struct cli_trace *t, struct tracer_bpf *b, bool pc,
		      bool stacks, const char *release, bool *loaded)
{
	int err = open_build(t, b, pc);

	*loaded = false;
	if (err)
		return err;
	b->rodata->window_ns = (unsigned long long)(t->window_s * 1e9 + 0.5);
	set_gfp(t, b->rodata);
	set_zones(t, b->rodata, release);
	b->rodata->pageblock_order = (__u32)trace_pageblock_order();
	b->rodata->want_stacks = stacks;
	err = pc ? trace_pc__load(b->skel_pc) : trace__load(b->skel);
	if (err)
		return err;
	*loaded = true;
	return pc ? trace_pc__attach(b->skel_pc) : trace__attach(b->skel);
}

int cli_trace_start(struct cli_trace *t, double window_s, bool stacks,
		    FILE *csv, char *why, size_t n)
{
	struct tracer_bpf *b = calloc(1, sizeof(*b));
	struct utsname u;
	bool loaded = false;
	int err;

	memset(t, 0, sizeof(*t));
	if (!b) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	t->bpf = b;
	t->window_s = window_s;
	t->want_stacks = stacks;
	t->csv = csv;
	t->page_kb = (unsigned int)(sysconf(_SC_PAGESIZE) / 1024);
	uname(&u);
	if (pf_kver_parse(u.release, &t->kernel))
		memset(&t->kernel, 0, sizeof(t->kernel));
	t->gfp_layout = pf_gfp_layout_of(&t->kernel);
	if (trace_missing()) {
		snprintf(why, n, "%s", trace_missing());
		return -1;
	}
	/* libbpf's own words go nowhere: the one line below says it */
	libbpf_set_print(getenv("PF_LIBBPF_DEBUG") ? loud : quiet);
	b->ncpu = libbpf_num_possible_cpus();
	if (b->ncpu <= 0) {
		snprintf(why, n, "the number of CPUs cannot be read");
		return -1;
	}
	/*
	 * The preempt count's build where kallsyms says it can work; should
	 * the kernel refuse it all the same, the hooks' build
	 */
	err = -EINVAL;
	for (int pc = trace_preempt_count_readable(); err && pc >= 0; pc--) {
		err = load_build(t, b, pc, stacks, u.release, &loaded);
		if (err && pc) {
			trace_pc__destroy(b->skel_pc);
			b->skel_pc = NULL;
		}
	}
	if (err) {
		snprintf(why, n,
			 "the BPF program cannot be %s: %s (it needs the "
			 "tracepoints kmem:mm_page_alloc, vmscan, compaction "
			 "and irq of kernels from 5.5, as BTF tracepoints)",
			 loaded ? "attached" : "loaded", pf_strerror(err));
		return -1;
	}
	trace_read_pgalloc(t, t->pgalloc0, t->have_pgalloc);
	t->started = cli_now();
	/* whole windows only: the one running now began before us */
	t->next_win = mono_ns() / b->rodata->window_ns + 1;
	t->first_win = t->next_win;
	return 0;
}

/* Windows up to (not with) window upto, out of the ring and zeroed. */
static int drain(struct cli_trace *t, unsigned long long upto)
{
	struct tracer_bpf *b = t->bpf;
	int fd = bpf_map__fd(b->windows);
	struct trace_window zero = { 0 };

	/* the ring came round since the last read: those are gone */
	if (upto > t->next_win + TRACE_WINDOWS - 2) {
		t->lost_win += upto - (TRACE_WINDOWS - 2) - t->next_win;
		t->next_win = upto - (TRACE_WINDOWS - 2);
	}
	for (; t->next_win < upto; t->next_win++) {
		__u32 slot = (__u32)(t->next_win % TRACE_WINDOWS);
		struct trace_window w;

		if (bpf_map_lookup_elem(fd, &slot, &w))
			return -errno;
		bpf_map_update_elem(fd, &slot, &zero, BPF_ANY);
		if (trace_tally_add(&t->tally, &w))
			return -ENOMEM;
		if (t->csv)
			print_trace_csv_window(t->csv, t, t->next_win, &w);
	}
	return 0;
}

int cli_trace_poll(struct cli_trace *t)
{
	struct tracer_bpf *b = t->bpf;

	/*
	 * a window two back has ended on every CPU: one just ended may
	 * still be counted by a CPU that read the clock before it ended
	 */
	return drain(t, mono_ns() / b->rodata->window_ns - 1);
}

/*
 * Every entry of the per-CPU hash fd (keys of ksz bytes, values of vsz):
 * fn with its key and the values of all CPUs; its non-zero return stops.
 */
static int each_entry(struct cli_trace *t, int fd, size_t ksz, size_t vsz,
		      int (*fn)(struct cli_trace *t, const void *key,
				const void *vals))
{
	struct tracer_bpf *b = t->bpf;
	unsigned char key[64], next[64];
	void *vals = calloc((size_t)b->ncpu, vsz);
	bool first = true;
	int err = 0;

	if (!vals || ksz > sizeof(key)) {
		free(vals);
		return -ENOMEM;
	}
	while (!err && !bpf_map_get_next_key(fd, first ? NULL : key, next)) {
		memcpy(key, next, ksz);
		first = false;
		if (!bpf_map_lookup_elem(fd, key, vals))
			err = fn(t, key, vals);
	}
	free(vals);
	return err;
}

/* The counts v of key onto t->stats, and its pages onto its zone's */
static int put_stat(struct cli_trace *t, const struct trace_key *key,
		    const struct trace_val *v)
{
	struct trace_stat *s;

	if (PF_GROW(t->stats, t->alloc_stats, t->nr_stats + 1, 64))
		return -ENOMEM;
	s = &t->stats[t->nr_stats++];
	*s = (struct trace_stat){ .gfp = key->gfp,
				  .order = key->order,
				  .ctx = key->ctx,
				  .allocs = v->allocs,
				  .pages = v->pages,
				  .fails = v->fails };
	if (key->zone < TRACE_ZONE_SLOTS)
		t->zone_pages[key->zone] += s->pages;
	return 0;
}

/* One entry of the stats map, summed over the CPUs, onto t->stats. */
static int add_stat(struct cli_trace *t, const void *k, const void *vals)
{
	const struct tracer_bpf *b = t->bpf;
	const struct trace_val *v = vals;
	struct trace_val sum = { 0 };

	for (int c = 0; c < b->ncpu; c++) {
		sum.allocs += v[c].allocs;
		sum.pages += v[c].pages;
		sum.fails += v[c].fails;
	}
	return put_stat(t, k, &sum);
}

/*
 * The cache's slots, each CPU's its own key's: onto t->stats as stats'
 * entries go (a key may come twice, from two CPUs or from the
 * cache and stats: the summary sums by key)
 */
static int read_cache(struct cli_trace *t)
{
	struct tracer_bpf *b = t->bpf;
	int fd = bpf_map__fd(b->cache), err = 0;
	struct trace_slot *v = calloc((size_t)b->ncpu, sizeof(*v));

	if (!v)
		return -ENOMEM;
	for (__u32 i = 0; !err && i < TRACE_CACHE_SLOTS; i++) {
		if (bpf_map_lookup_elem(fd, &i, v))
			continue;
		for (int c = 0; !err && c < b->ncpu; c++) {
			struct trace_key key;

			if (!v[c].used)
				continue;
			memcpy(&key, &v[c].key, sizeof(key));
			err = put_stat(t, &key, &v[c].val);
		}
	}
	free(v);
	return err;
}

/* A per-CPU array of u64s, summed: into out[n]. */
static void read_events(struct tracer_bpf *b, unsigned long long *out, int n)
{
	int fd = bpf_map__fd(b->events);
	__u64 *v = calloc((size_t)b->ncpu, sizeof(*v));

	for (__u32 k = 0; v && k < (__u32)n; k++) {
		if (bpf_map_lookup_elem(fd, &k, v))
			continue;
		for (int c = 0; c < b->ncpu; c++)
			out[k] += v[c];
	}
	free(v);
}

/* The times, summed over the CPUs, their maximum the largest. */
static void read_lat(struct tracer_bpf *b, struct trace_lat_val *out)
{
	int fd = bpf_map__fd(b->lat);
	struct trace_lat_val *v = calloc((size_t)b->ncpu, sizeof(*v));

	for (__u32 k = 0; v && k < TRACE_LAT_NR; k++) {
		if (bpf_map_lookup_elem(fd, &k, v))
			continue;
		for (int c = 0; c < b->ncpu; c++) {
			out[k].n += v[c].n;
			out[k].sum_ns += v[c].sum_ns;
			if (v[c].max_ns > out[k].max_ns)
				out[k].max_ns = v[c].max_ns;
		}
	}
	free(v);
}

static int stack_cmp(const void *a, const void *b)
{
	const struct trace_stack *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind - y->kind;
	if (x->pages != y->pages || x->allocs != y->allocs)
		return x->pages + x->allocs < y->pages + y->allocs ? 1 : -1;
	return 0;
}

/* One entry of stack_counts, with its stack's addresses, onto t->stacks */
static int add_stack(struct cli_trace *t, const void *k, const void *vals)
{
	const struct tracer_bpf *b = t->bpf;
	const struct trace_stack_key *key = k;
	const struct trace_stack_val *v = vals;
	__u64 ips[TRACE_STACK_DEPTH] = { 0 };
	struct trace_stack *s;
	__u32 id = (__u32)key->id;

	if (PF_GROW(t->stacks, t->alloc_stacks, t->nr_stacks + 1, 64))
		return -ENOMEM;
	s = &t->stacks[t->nr_stacks++];
	memset(s, 0, sizeof(*s));
	s->kind = key->kind;
	s->order = key->order;
	for (int c = 0; c < b->ncpu; c++) {
		s->allocs += v[c].allocs;
		s->pages += v[c].pages;
	}
	if (!bpf_map_lookup_elem(bpf_map__fd(b->stacks), &id, ips))
		for (int i = 0; i < TRACE_STACK_DEPTH && ips[i]; i++)
			s->ips[s->nr_ips++] = ips[i];
	return 0;
}

int cli_trace_read(struct cli_trace *t)
{
	struct tracer_bpf *b = t->bpf;
	int err;

	/* afresh: what the maps hold is everything since the start */
	free(t->stats);
	free(t->stacks);
	t->stats = NULL;
	t->stacks = NULL;
	t->nr_stats = t->nr_stacks = t->alloc_stats = t->alloc_stacks = 0;
	memset(t->zone_pages, 0, sizeof(t->zone_pages));
	memset(t->events, 0, sizeof(t->events));
	memset(t->lat, 0, sizeof(t->lat));
	err = each_entry(t, bpf_map__fd(b->stats), sizeof(struct trace_key),
			 sizeof(struct trace_val), add_stat);
	if (!err)
		err = read_cache(t);
	if (!err && t->want_stacks) {
		err = each_entry(t, bpf_map__fd(b->stack_counts),
				 sizeof(struct trace_stack_key),
				 sizeof(struct trace_stack_val), add_stack);
		if (t->nr_stacks) /* qsort() of NULL is undefined, even of 0 */
			qsort(t->stacks, t->nr_stacks, sizeof(*t->stacks),
			      stack_cmp);
	}
	read_events(b, t->events, TRACE_EV_NR);
	read_lat(b, t->lat);
	return err;
}

int cli_trace_stop(struct cli_trace *t)
{
	struct tracer_bpf *b = t->bpf;
	bool have[TRACE_VM_ZONES];
	int err;

	trace_read_pgalloc(t, t->pgalloc1, have);
	for (int z = 0; z < TRACE_VM_ZONES; z++)
		t->have_pgalloc[z] &= have[z];
	/* what ran until now, then no more */
	if (b->skel)
		trace__detach(b->skel);
	else
		trace_pc__detach(b->skel_pc);
	t->ended = cli_now();
	err = drain(t, mono_ns() / b->rodata->window_ns);
	return err ? err : cli_trace_read(t);
}

void cli_trace_release(struct cli_trace *t)
{
	struct tracer_bpf *b = t->bpf;

	if (b) {
		trace__destroy(b->skel);
		trace_pc__destroy(b->skel_pc);
	}
	free(b);
	free(t->stats);
	trace_tally_release(&t->tally);
	free(t->stacks);
	t->stacks = NULL;
	t->bpf = NULL;
	t->stats = NULL;
}
