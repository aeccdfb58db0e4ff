/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libpagefail.h - the whole of libpagefail as pagefail's own command and
 * tests use it: include/pagefail.h (the public API, exported and kept
 * stable) and, here, what is not promised to other programs: the large
 * structs behind the public handles (a report, a system, an explanation),
 * log lines, advice, sysctl apply, the simulator.  Not installed; its
 * symbols are hidden in the shared library (built with
 * -fvisibility=hidden, lib/libpagefail.map) and reached only by linking
 * the static one.
 *
 * Lifecycle names follow git: _init fills a struct the caller owns,
 * _release frees what it points to, _free frees both.
 */
#ifndef LIBPAGEFAIL_H
#define LIBPAGEFAIL_H

#include <stdio.h>

#include "pagefail.h"

/* The LRU lists of a zone line: 2.6.28+ four, before two (no anon/file) */
enum pf_lru {
	PF_LRU_ACTIVE_ANON,
	PF_LRU_INACTIVE_ANON,
	PF_LRU_ACTIVE_FILE,
	PF_LRU_INACTIVE_FILE,
	PF_LRU_ACTIVE,
	PF_LRU_INACTIVE,
	PF_LRU_NR
};

/* Pages on the zone's LRU lists, or -1 when its line printed none. */
long pf_zone_lru_pages(const struct pf_zone *z);

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Beside the public mechanisms                                       */
/* ------------------------------------------------------------------ */

#define PF_LINE_MAX (64 * 1024) /* longer log lines are cut to this */

/* What a mask allows the allocator to do, in that layout. */
struct pf_gfp_caps {
	bool can_sleep; /* __GFP_WAIT / __GFP_DIRECT_RECLAIM */
	bool direct_reclaim;
	bool wakes_kswapd; /* __GFP_KSWAPD_RECLAIM, or !__GFP_NO_KSWAPD */
	bool io, fs;
	bool high;   /* __GFP_HIGH: may dip into the min reserve */
	bool atomic; /* GFP_ATOMIC-like: high and cannot sleep */
	bool nowarn, noretry, retry_mayfail, nofail, comp, zero;
	bool nomemalloc, memalloc, thisnode, hardwall;
	bool gfp_atomic;  /* the __GFP_ATOMIC bit itself (4.4 .. 6.2) */
	bool no_kswapd;	  /* __GFP_NO_KSWAPD (2.6.38 .. 4.3) */
	bool movable;	  /* __GFP_MOVABLE */
	int highest_zone; /* enum pf_zone_type the zone bits allow */
	int migratetype;  /* 0 unmovable, 1 movable, 2 reclaimable */
};
int pf_gfp_caps(unsigned long mask, enum pf_gfp_layout layout,
		struct pf_gfp_caps *caps);

/*
 * Infer the layout from what the kernel printed: symbolic may be the
 * "%pGg" text between the parentheses of "mode:0x...(...)" or NULL.  With
 * names, the first layout whose rendering of mask equals them wins; without,
 * the mask's shape decides (for example a set 0x2000000 bit is
 * __GFP_KSWAPD_RECLAIM of 4.4-4.9).  Returns PF_GFP_UNKNOWN when nothing fits.
 */
enum pf_gfp_layout pf_gfp_layout_infer(unsigned long mask,
				       const char *symbolic);

/*
 * The single ___GFP_* bits set in mask, by name ("__GFP_HIGH", ...), in bit
 * order.  Bits the layout does not define are returned as "0x..." strings
 * written into spare (which must hold at least 24 bytes per unknown bit,
 * 512 bytes is always enough).  Returns the number of names (<= max).
 */
size_t pf_gfp_flags(unsigned long mask, enum pf_gfp_layout layout,
		    const char **names, size_t max, char *spare,
		    size_t spare_len);

int pf_cause_of_name(const char *name);

/*
 * The vm.min_free_kbytes that zones' min watermarks imply, the way back
 * from setup_per_zone_wmarks(): the sum over the zones up to ZONE_NORMAL
 * (highmem mins are a clamp, not a share), less any boost printed inside
 * min.  -1 when none of them has one.
 */
long pf_zones_min_free_kbytes(const struct pf_zone *zones, int nr_zones);
/* The clamp's upper bound for that kernel (65536 or 262144). */
long pf_min_free_kbytes_cap(const struct pf_kver *kv);
/* Does the kernel have the sysctl? ("vm.watermark_scale_factor", ...) */
bool pf_kernel_has_sysctl(const struct pf_kver *kv, const char *name);

/*
 * The one growable array (lib/util/util.c), of the library and of the
 * command: make room for need elements in the array v (an lvalue, a
 * pointer), which has room for alloc (an lvalue, size_t) of them.  The
 * room doubles, from first, until need fits, and v and alloc are
 * updated; 0, or -ENOMEM with both as they were when the bytes would
 * pass SIZE_MAX or memory is short.  After git's ALLOC_GROW().
 */
#define PF_GROW(v, alloc, need, first)                                         \
	pf_grow((void *)&(v), &(alloc), (need), sizeof(*(v)), (first))
/* PF_GROW() of the array whose address is vp, of elements of size bytes */
int pf_grow(void *vp, size_t *alloc, size_t need, size_t size, size_t first);

/* ------------------------------------------------------------------ */
/* Log lines (lib/log/line.c)                                             */
/* ------------------------------------------------------------------ */

/* What kind of wrapper a line carried (pf_line.style). */
enum pf_line_style {
	PF_STYLE_BARE = 0, /* no wrapper: a paste, dmesg without time */
	PF_STYLE_SYSLOG,   /* "Mar 18 14:39:17 host kernel: " */
	PF_STYLE_RFC3339, /* "2024-03-18T14:39:17.123456+00:00 host kernel: " */
	PF_STYLE_JOURNAL_MONO, /* "[  123.456789] host kernel: " */
	PF_STYLE_DMESG,	       /* "[  123.456789] " */
	PF_STYLE_DMESG_T,      /* "[Tue Mar 18 14:39:17 2014] " */
	PF_STYLE_KMSG,	       /* "4,1234,5678,-;" */
	PF_STYLE_ANDROID,      /* "07-13 08:41:51.341 <4>[309805.658142s]..." */
	PF_STYLE_KERNEL_TAG,   /* "kernel: " alone */
	PF_STYLE_CRI, /* "2024-03-18T14:39:17.1Z stdout F " (kubectl logs) */
	PF_STYLE_RFC5424, /* "<4>1 2024-03-18T14:39:17Z host kernel - - - " */
	PF_STYLE_JSON,	  /* journalctl -o json, Docker json-file */
	PF_STYLE_NR
};

#define PF_LINE_PREFIXED   0x01 /* some wrapper was stripped */
#define PF_LINE_NOT_KERNEL 0x02 /* a syslog line of another program */
#define PF_LINE_QUOTED	   0x04 /* a mail quote ("> ") was stripped */
#define PF_LINE_CONT	   0x08 /* kernel continuation (no own time) */

/*
 * One physical log line with its wrappers taken apart.  Every pointer points
 * into the caller's buffer; nothing is allocated.
 */
struct pf_line {
	const char *msg; /* the kernel's own text */
	size_t msg_len;
	const char *host; /* NULL when the wrapper names none */
	size_t host_len;
	const char *time; /* the time as printed, NULL when none */
	size_t time_len;
	double mono;   /* seconds since boot, or -1 */
	int64_t epoch; /* wall clock seconds, or INT64_MIN */
	int level;     /* printk level 0..7, or -1 */
	const char
		*caller; /* printk caller id "T123" or "C1", NULL when none */
	size_t caller_len;
	int style;	    /* enum pf_line_style */
	unsigned int flags; /* PF_LINE_* */
};

/*
 * Take a line (without its newline) apart.  year is used for syslog times
 * that print none (0: the current year).  Never fails: a line with no known
 * wrapper is returned whole as msg.
 */
void pf_line_parse(const char *s, size_t len, int year, struct pf_line *out);

/* ------------------------------------------------------------------ */
/* Reports (lib/report/report.c, lib/report/meminfo.c, lib/report/trace.c)                 */
/* ------------------------------------------------------------------ */

/* Marker frames of a call trace: <IRQ>, </IRQ>, <EOI>, <TASK>, ... */
enum pf_frame_kind {
	PF_FRAME_FUNC = 0,
	PF_FRAME_MARKER,
};

struct pf_frame {
	char func[64];		     /* symbol without +off/len */
	char module[32];	     /* "[vmxnet3]" -> "vmxnet3", else "" */
	unsigned int kind : 2;	     /* enum pf_frame_kind */
	unsigned int unreliable : 1; /* printed with "? " */
};

#define PF_TRACE_MAX 96

struct pf_context {
	int kind;	       /* enum pf_ctx_kind */
	const char *softirq;   /* "net_rx", "timer", "block", ... or NULL */
	const char *subsystem; /* "network", "slab", "dma", ... or NULL */
	const char *via;       /* the allocator path: "slab", "skb", ... */
	char call_site[64];    /* first frame outside the page allocator */
};

/* A "key:value" counter of the Mem-Info summary, in pages as printed. */
struct pf_counter {
	char name[32];
	long value;
};

#define PF_COUNTERS_MAX 48
#define PF_ZONES_MAX	32

/* Report flags (pf_report.flags). */
#define PF_REPORT_HAS_MEMINFO 0x01 /* a Mem-Info header or body was seen */
#define PF_REPORT_COMPLETE    0x02 /* Mem-Info present and whole */
#define PF_REPORT_TRUNCATED   0x04 /* ended before its end (cut, EOF) */
#define PF_REPORT_WRAPPED     0x08 /* lines were re-joined after mail wrap */
#define PF_REPORT_NO_YEAR                                                      \
	0x10 /* its time printed no year: epoch is in
					 * pf_scan_opts.year, or the current one */

/*
 * One page allocation failure report.  Strings are NUL-terminated, empty
 * when not printed; numbers are -1 when not printed.
 */
struct pf_report {
	const char *source; /* the caller's source name */
	unsigned long line; /* 1-based line of the first line */
	unsigned long last_line;
	char host[64];
	char time[48]; /* as printed of the first line */
	double mono;   /* seconds since boot, or -1 */
	int64_t epoch; /* wall clock, or INT64_MIN */

	/* The first line: "<task>: page allocation failure[:.] order:N, mode:0xM(...)" */
	char task[64];
	int order;
	char mode[24]; /* "0x20" as printed */
	unsigned long gfp_mask;
	char mode_names[256]; /* the "(...)" %pGg text, or "" */
	char nodemask[64];    /* "(null)", "0-1", or "" */
	char cpuset[128];
	char mems_allowed[64];
	long callbacks_suppressed; /* "warn_alloc: N callbacks suppressed" */
	char caller_msg[128];	   /* a caller's text before it (vmalloc) */

	/* The task line of dump_stack() */
	int pid;
	int cpu;
	char comm[64];	/* Comm: as printed there */
	char taint[40]; /* "Not tainted" or "Tainted: G  W" */
	char hardware[128];
	char workqueue[96];

	/* Kernel version and the eras it selects */
	struct pf_kver kernel; /* from the report, the log, or --kernel */
	int kernel_from;       /* enum pf_kernel_from */
	int gfp_layout;	       /* enum pf_gfp_layout used to decode */

	/* Call trace, innermost first as printed */
	int nr_frames;
	struct pf_frame frames[PF_TRACE_MAX];
	struct pf_context context;

	/* Mem-Info */
	int nr_counters;
	struct pf_counter counters[PF_COUNTERS_MAX];
	int nr_zones;
	struct pf_zone zones[PF_ZONES_MAX];
	long pagecache_pages; /* "N total pagecache pages" */
	long swap_cache_pages;
	long free_swap_kb, total_swap_kb;
	long pages_ram, pages_highmem, pages_reserved;
	int nr_hugepage_lines;

	/* Mem-Info fields no kernel prints so, read as unknown */
	int nr_bad_fields;
	char bad_field[80];	/* the first of them, as printed */
	int bad_kind;		/* enum pf_bad_kind of the first */
	unsigned long bad_line; /* and its line */

	unsigned int flags; /* PF_REPORT_* */
	unsigned int seen;  /* PF_SAW_*: its format, witness of its era */
};

/*
 * The one decision of a report's era, which explain, simulate
 * --from-report and advise --verify all take (era.c): the release it or
 * its log printed; else --kernel, when the report's format allows it;
 * else the oldest era its format allows.  The format is the evidence: the
 * first line's '.' or ':', the task line, %pGg names and which gfp bit
 * layout names the mask, the nodemask, the migratetype letters.
 */
enum pf_era_from {
	PF_ERA_NONE = 0, /* nothing known: the caller's default */
	PF_ERA_PRINTED,	 /* the report or its log printed the release */
	PF_ERA_OPTION,	 /* --kernel, which the format allows */
	PF_ERA_FORMAT,	 /* the oldest era the format allows */
};

/* What the format showed (pf_era_choice.evidence). */
#define PF_EVID_DOT	   0x001 /* "failure. order:" (before 3.0) */
#define PF_EVID_COLON	   0x002 /* "failure: order:" (3.0+) */
#define PF_EVID_PID_LINE   0x004 /* "Pid: %d, comm:" (before 3.10) */
#define PF_EVID_CPU_LINE   0x008 /* "CPU: %d PID:" (3.10+) */
#define PF_EVID_NAMES	   0x010 /* %pGg names (4.6+), of one layout */
#define PF_EVID_NO_NAMES   0x020 /* a mode without names (before 4.6) */
#define PF_EVID_NODEMASK   0x040 /* "nodemask=" (4.12+) */
#define PF_EVID_LETTERS	   0x080 /* migratetype letters (3.0+) */
#define PF_EVID_NO_LETTERS 0x100 /* buddy lines without them */
#define PF_EVID_MASK	   0x200 /* the mask has bits only some layouts name */
#define PF_EVID_H	   0x400 /* 'H' among the letters (4.4+) */
#define PF_EVID_R	   0x800 /* 'R' among them (before 4.4) */

struct pf_era_choice {
	int from;	       /* enum pf_era_from */
	struct pf_kver kver;   /* the era to model; unknown for PF_ERA_NONE */
	unsigned int evidence; /* PF_EVID_* the format showed */
	bool fits;	       /* some era fits all of it */
	bool ruled_out;	       /* --kernel is an era it rules out (-EDOM) */
	struct pf_kver lo, hi; /* fits: from lo (unknown: the oldest known)
				* up to before hi (unknown: the newest) */
};

/*
 * Choose r's era into *c.  0, or -EDOM when --kernel names an era the
 * report's format rules out (c->lo, c->hi and c->evidence say why).
 */
int pf_report_era(const struct pf_report *r, struct pf_era_choice *c);

/*
 * What the model of kernel kv rests on beyond the sources read (era.c):
 * PF_ASSUME_* bits, each to be said beside a run that relies on it.
 */
#define PF_ASSUME_RHEL6_KSWAPD_COMPACT                                         \
	0x1 /* rhel6.4-vendor on: kswapd compacts orders 1-3 (Red Hat's word) */
#define PF_ASSUME_NO_LUMPY_SWEEP                                               \
	0x2 /* 2.6.23-3.3, RHEL 6.0-6.3: reclaim without the block sweep */
unsigned int pf_kver_assumptions(const struct pf_kver *kv);
/* --kernel's era names ("rhel6.2"), i from 0; NULL past the last */
const char *pf_kver_era_name(size_t i);
/* The sysctls an advice can hold, i from 0; NULL past the last */
const char *pf_advice_sysctl_name(size_t i);

/*
 * How the report's lines were printed (pf_report.seen), where the kernel
 * changed them: the evidence of its era when it names no release (era.c,
 * pf_report_era()).
 */
#define PF_SAW_DOT	0x01 /* "page allocation failure. order:" */
#define PF_SAW_COLON	0x02 /* "page allocation failure: order:" */
#define PF_SAW_PID_LINE 0x04 /* "Pid: %d, comm:" task line */
#define PF_SAW_CPU_LINE 0x08 /* "CPU: %d PID: %d Comm:" task line */

/* What is wrong with a field of a report (pf_report.bad_kind). */
enum pf_bad_kind {
	PF_BAD_RANGE = 0, /* a number out of what a kernel can print */
	PF_BAD_NAN,	  /* no number where the kernel prints one */
	PF_BAD_MISSING,	  /* a field every era prints is not there */
	PF_BAD_SUM,	  /* a buddy line's blocks against its total */
};

enum pf_kernel_from {
	PF_KERNEL_NONE = 0,
	PF_KERNEL_REPORT,   /* the task line of this report */
	PF_KERNEL_LOG,	    /* a "Linux version" boot line of the log */
	PF_KERNEL_OPTION,   /* --kernel */
	PF_KERNEL_INFERRED, /* from the printed names or the mask's shape */
};

void pf_report_init(struct pf_report *r);
/* Order-N allocation size in bytes (4 KiB pages unless the report says). */
/* Classify r->context from its frames and task (lib/report/context.c). */
void pf_report_classify(struct pf_report *r);
/* A stable text key of the call site: the first frames outside the allocator. */
/* "process", "softirq", "hardirq", "kswapd", "unknown" */
/* Counter by name, or -1 when absent. */

/* ------------------------------------------------------------------ */
/* Scanning: report assembly over a stream of log lines               */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* Fragmentation indices (lib/mm/frag.c)                                 */
/* ------------------------------------------------------------------ */

/* fill_contig_page_info() of mm/vmstat.c, for one order. */
struct pf_contig_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable;
};
void pf_contig_info(const unsigned long *nr_free, int nr_orders, int order,
		    struct pf_contig_info *info);

/* ------------------------------------------------------------------ */
/* Known causes (lib/analysis/rules.c, data/causes.rules)                      */
/* ------------------------------------------------------------------ */

#define PF_RULE_SOURCES_MAX 8

/* One known cause.  Its conditions are private to lib/analysis/rules.c. */
struct pf_rule {
	char id[64];
	char title[256];
	const char *advice;	  /* what to do, one paragraph */
	const char *fixed_advice; /* when the kernel has the fix, or NULL */
	const char *update;	  /* the kernel update to recommend, or NULL */
	bool has_fixed;
	struct pf_kver fixed; /* first kernel with the fix */
	int nr_sources;
	const char *sources[PF_RULE_SOURCES_MAX];
	unsigned long line; /* where its stanza starts */
};

const struct pf_rule *pf_rules_get(const struct pf_rules *rs, size_t i);

enum pf_rule_status {
	PF_RULE_AFFECTED = 0, /* the kernel is one the cause applies to */
	PF_RULE_FIXED,	      /* the kernel has the fix; what is left */
	PF_RULE_ANY_KERNEL,   /* the rule names no kernel */
};

struct pf_rule_match {
	const struct pf_rule *rule; /* NULL: none matched */
	int status;		    /* enum pf_rule_status */
	int score;		    /* conditions that held */
};

/*
 * The rule that fits r best (most conditions held; the first in the file
 * on a tie).  cause is the report's verdict (enum pf_cause,
 * PF_CAUSE_UNKNOWN when there is none).  Returns true when one matched.
 */
bool pf_rules_match(const struct pf_rules *rs, const struct pf_report *r,
		    int cause, struct pf_rule_match *m);
/* Human words for enum pf_rule_status */
const char *pf_rule_status_name(int status);

/* ------------------------------------------------------------------ */
/* Explaining a report (lib/analysis/explain.c)                                */
/* ------------------------------------------------------------------ */

/* Why a printed zone is not in the request's zonelist (src/words_explain.c) */
enum pf_why_not {
	PF_WHY_ALLOWED = 0, /* it is */
	PF_WHY_EMPTY,	    /* no pages: not in any zonelist */
	PF_WHY_DMA,	    /* __GFP_DMA: ZONE_DMA only */
	PF_WHY_DMA32,	    /* __GFP_DMA32: DMA32 and below */
	PF_WHY_HIGHMEM,	    /* above Normal, no __GFP_HIGHMEM */
	PF_WHY_ABOVE,	    /* above the zone the mask allows */
	PF_WHY_NODEMASK,    /* its node is not in the nodemask */
	PF_WHY_CPUSET,	    /* ... not in the task's mems_allowed */
};

/* One zone of a report, judged as the failed allocation saw it. */
struct pf_zone_verdict {
	bool allowed;	       /* in the request's zonelist */
	int why_not;	       /* enum pf_why_not */
	int zone_idx;	       /* its index in lowmem_reserve[] */
	bool evaluated;	       /* check below was computed */
	bool highatomic_floor; /* check.highatomic inferred from 'H' letters */
	struct pf_wm_check check; /* at the failed order, min watermark */
	int largest_free_order;	  /* -1: no free block, or unknown */
	int unusable_index;	  /* at the failed order, 1/1000; -1 unknown */
	int extfrag_index;	  /* at the failed order, 1/1000 */
};

/*
 * Why the kernel failed where the emulated check passes (disagrees): what
 * the report shows of things its dump cannot.
 */
enum pf_disagreement {
	PF_AGREES = 0,
	PF_DISAGREE_VMALLOC,   /* the warning is vmalloc's own */
	PF_DISAGREE_INJECTED,  /* fault injection (should_fail) */
	PF_DISAGREE_DRIFT,     /* within the per-CPU counters' error */
	PF_DISAGREE_LATE_DUMP, /* Mem-Info printed after the failure */
};

/*
 * The sentence that sums a report up: what the key zone (key_zone) had,
 * by the report's cause, said by src/words_explain.c from the numbers of
 * the zone, its check and the request.
 */
enum pf_summary {
	PF_SUMMARY_NO_MEMINFO = 0, /* no zones printed: state unknown */
	PF_SUMMARY_UNCHECKED,	   /* zones printed, none checkable */
	PF_SUMMARY_NOT_ALLOWED,	   /* no zone it may use printed */
	PF_SUMMARY_DISAGREES,	   /* a zone passes: see disagreement */
	PF_SUMMARY_FRAG_LOOP,	   /* blocks as large, too few above the
					 * mark (the pre-4.4 order loop) */
	PF_SUMMARY_FRAG_PAGES,	   /* free memory all in single pages */
	PF_SUMMARY_FRAG_SMALLER,   /* no free block as large as asked */
	PF_SUMMARY_FRAG_NO_LIST,   /* none on a free list it may use */
	PF_SUMMARY_FRAG,	   /* fragmentation, no buddy line */
	PF_SUMMARY_BELOW_MIN,
	PF_SUMMARY_LOWMEM_RESERVE,
	PF_SUMMARY_HIGHATOMIC_HIDDEN, /* 4.4-5.14: the reserve not printed */
	PF_SUMMARY_HIGHATOMIC_PART,   /* part of the free memory is it */
	PF_SUMMARY_HIGHATOMIC_ALL,    /* all of it in highatomic blocks */
	PF_SUMMARY_UNKNOWN,	      /* not checked further: no buddy line */
};

/* Why reclaim and compaction did not end it: the summary's last clause. */
enum pf_relief {
	PF_RELIEF_NONE = 0,
	PF_RELIEF_NO_COMPACTION, /* cannot sleep, so cannot compact */
	PF_RELIEF_COSTLY,	 /* a costly order was not assembled */
	PF_RELIEF_NO_BLOCK,	 /* no free block of the size made */
	PF_RELIEF_EMPTY,	 /* empty even without watermarks */
	PF_RELIEF_RESERVE_GONE,	 /* cannot sleep; the reserve was gone */
	PF_RELIEF_NOT_RELIEVED,	 /* a shortage reclaim did not relieve */
};

struct pf_explain {
	struct pf_era_choice choice; /* pf_report_era(): whose check */
	int era;		     /* enum pf_wm_era */
	unsigned int caller;	     /* PF_CALLER_* seen in the trace */
	unsigned int alloc_flags;    /* PF_ALLOC_* of the failed check */
	struct pf_gfp_caps caps;     /* of its gfp mask, zero: not decoded */
	int highest_zone;	     /* enum pf_zone_type the gfp allows */
	int classzone;		     /* index into lowmem_reserve[] */
	int nr_zonelist;	     /* the allowed zones printed ... */
	int zonelist[PF_ZONES_MAX];  /* ... in fallback order: zones[] */
	int zonelist_nodes;	     /* nodes printed (more than 1: named) */
	int nr_zones;		     /* = the report's */
	struct pf_zone_verdict zones[PF_ZONES_MAX];
	int nr_allowed, nr_passing;
	int cause;		    /* the report's verdict (enum pf_cause) */
	int key_zone;		    /* the zone the summary speaks of, or -1 */
	bool disagrees;		    /* an allowed zone should have passed */
	int disagreement;	    /* enum pf_disagreement: why */
	int summary;		    /* enum pf_summary */
	int relief;		    /* enum pf_relief */
	long highatomic_max;	    /* HIGHATOMIC_HIDDEN: its cap, pages */
	struct pf_rule_match match; /* known cause; match.rule NULL: none */
};

/*
 * Explain r: the era's watermark check on every zone of its Mem-Info at
 * the failed order, a verdict for the report, its summary, and the best
 * known-cause rule of rules (NULL: the built-in ones).  Returns 0, or
 * -EINVAL when r has no order.
 */
int pf_explain_report(const struct pf_report *r, const struct pf_rules *rules,
		      struct pf_explain *ex);

/* ------------------------------------------------------------------ */
/* The system: /proc and /sys under a root directory (lib/proc/procfs.c)   */
/* ------------------------------------------------------------------ */

/* Bits of pf_system.have: which files were read. */
#define PF_SYS_ZONEINFO	    0x0001
#define PF_SYS_BUDDYINFO    0x0002
#define PF_SYS_MEMINFO	    0x0004
#define PF_SYS_OSRELEASE    0x0008
#define PF_SYS_SYSCTL	    0x0010 /* at least one vm sysctl */
#define PF_SYS_NODES	    0x0020
#define PF_SYS_CPUS	    0x0040
#define PF_SYS_PAGETYPEINFO 0x0080
#define PF_SYS_VMSTAT	    0x0100
#define PF_SYS_EXTFRAG	    0x0200 /* debugfs unusable + extfrag index */

/*
 * vm sysctls kept in pf_system.vm[] (index with PF_VM_*), the one list of
 * them: F(PF_VM_ suffix, name) for the sysctl vm.name, whose file is
 * proc/sys/vm/name (lib/proc/procsys.c and procfile.c read the list).
 */
#define PF_VM_SYSCTLS(F)                                                       \
	F(MIN_FREE_KBYTES, min_free_kbytes)                                    \
	F(WATERMARK_SCALE_FACTOR, watermark_scale_factor)                      \
	F(WATERMARK_BOOST_FACTOR, watermark_boost_factor)                      \
	F(ZONE_RECLAIM_MODE, zone_reclaim_mode)                                \
	F(EXTFRAG_THRESHOLD, extfrag_threshold)                                \
	F(COMPACTION_PROACTIVENESS, compaction_proactiveness)                  \
	F(EXTRA_FREE_KBYTES, extra_free_kbytes) /* RHEL 6 only */
#define PF_VM_ENUM(e, name) PF_VM_##e,
enum pf_vm_sysctl { PF_VM_SYSCTLS(PF_VM_ENUM) PF_VM_NR };
#undef PF_VM_ENUM
/* "vm.min_free_kbytes" ... for PF_VM_*; NULL past the end. */
const char *pf_vm_sysctl_name(int i);
int pf_vm_sysctl_of_name(const char *name); /* -1 when unknown */

/* Free blocks per migratetype of one zone, as /proc/pagetypeinfo prints. */
#define PF_MT_MAX 8
struct pf_pagetype {
	int nr_types;		  /* 0: the zone has no lines */
	char type[PF_MT_MAX][16]; /* "Unmovable", "Movable", ... */
	unsigned long nr_free[PF_MT_MAX][PF_MAX_ORDER];
	bool capped[PF_MT_MAX][PF_MAX_ORDER]; /* 6.x prints ">100000" */
	long nr_blocks[PF_MT_MAX];	      /* "Number of blocks type", -1 */
};

#define PF_VMSTAT_MAX 256
struct pf_vmstat_item {
	char name[48];
	unsigned long long value; /* PF_VMSTAT_UNKNOWN: see below */
};

/*
 * The value of a counter whose value in the file was not a number the
 * kernel prints (vmstat_show() prints unsigned longs; the reader takes
 * none past LLONG_MAX): unknown.  pf_system_vmstat() and
 * pf_system_counter() say -1 for it, and for every sum it is part of.
 */
#define PF_VMSTAT_UNKNOWN (~0ULL)

struct pf_extfrag {
	int nr_orders;
	int unusable[PF_MAX_ORDER];
	int extfrag[PF_MAX_ORDER];
};

#define PF_SYS_SOURCES_MAX 48
struct pf_sys_source {
	char path[96]; /* "proc/zoneinfo", relative to root */
	int err;       /* 0 read; -ENOENT, -EACCES, ... */
};

/*
 * What a machine (live, a saved snapshot, or an extracted sosreport) says
 * about its memory.  Numbers are -1 when the file was missing.
 */
struct pf_system {
	struct pf_kver kernel; /* /proc/sys/kernel/osrelease */
	int nr_zones;
	struct pf_zone zones[PF_ZONES_MAX]; /* /proc/zoneinfo + buddyinfo */
	int nr_nodes;		/* /sys/devices/system/node, or zones */
	int nr_cpus;		/* online CPUs */
	long long mem_total_kb; /* /proc/meminfo MemTotal */
	long vm[PF_VM_NR];	/* /proc/sys/vm/..., -1 when absent */
	int nr_lowmem_reserve_ratio;
	long lowmem_reserve_ratio[PF_MAX_ZONES];
	unsigned int have; /* PF_SYS_* */

	/* /proc/pagetypeinfo (root only from 5.4): per zone, like zones[] */
	int pageblock_order; /* "Page block order: 9", or -1 */
	struct pf_pagetype pagetype[PF_ZONES_MAX];

	/* /proc/vmstat, every counter by name, in file order */
	int nr_vmstat;
	struct pf_vmstat_item vmstat[PF_VMSTAT_MAX];

	/*
	 * /sys/kernel/debug/extfrag/{unusable_index,extfrag_index}: what the
	 * kernel printed, in thousandths (-1000 for "-1.000"), per zone like
	 * zones[]; nr_orders 0 where the zone had no line.
	 */
	struct pf_extfrag debug_extfrag[PF_ZONES_MAX];

	/* every file looked for, relative to root, and what came of it */
	int nr_sources;
	struct pf_sys_source sources[PF_SYS_SOURCES_MAX];
};

/*
 * Read the system under root ("/" for the live one).  An extracted
 * sosreport works too: its sos_commands/ hold what proc/ lacks (sysctl -a,
 * uname -a).  A file every kernel has (zoneinfo, buddyinfo, meminfo,
 * osrelease, min_free_kbytes) that is missing or unreadable is reported
 * once through diag (naming its path) and skipped; the optional ones
 * (pagetypeinfo, vmstat, debugfs, sysctls of some eras) only go into
 * sources[].  Returns 0, or -ENOENT when nothing at all could be read.
 */
int pf_system_read(const char *root, struct pf_system *sys, pf_diag_fn diag,
		   void *data);

/* ------------------------------------------------------------------ */
/* Advice: the sysctls and kernel that prevent it (lib/analysis/advise.c)      */
/* ------------------------------------------------------------------ */

#define PF_BURST_WINDOW 60 /* seconds: failures this close are one burst */

/* The largest burst of failures of one order. */
struct pf_burst {
	unsigned long failures;	  /* reports plus callbacks suppressed */
	double seconds;		  /* first to last */
	unsigned long long bytes; /* asked for, together */
	char first[48];		  /* time of the first, as printed */
	/* the burst being counted */
	double cur_start, cur_last;
	unsigned long cur_failures;
	char cur_first[48];
};

/* What the reports say, gathered one report at a time. */
struct pf_evidence {
	unsigned long reports, with_meminfo, atomic;
	unsigned long by_order[PF_MAX_ORDER]; /* failures, with suppressed */
	unsigned long failures;		      /* their sum */
	struct pf_burst burst[PF_MAX_ORDER];  /* atomic (cannot sleep) only */
	unsigned long causes[PF_CAUSE_NR];
	/*
	 * Failures that found free memory far above the watermark, none of it
	 * in a block of the order asked, and every smaller free block in a
	 * pageblock of kernel memory, unmovable or reclaimable slab (the
	 * report's migratetype letters, no M): kernel memory holds the free
	 * pages apart, and compaction cannot move it.  unmovable_zone is the last
	 * such zone, its free and its mark in kB.
	 */
	unsigned long unmovable;
	char unmovable_zone[16];
	unsigned long long unmovable_free_kb, unmovable_mark_kb;
	long long unmovable_lru_kb;  /* its LRU pages, -1: told by letters */
	long long unmovable_used_kb; /* managed less free */
	int unmovable_order;
	struct pf_kver kernel; /* the newest report's */
	int nr_zones;	       /* the newest Mem-Info's zones */
	struct pf_zone zones[PF_ZONES_MAX];
	const struct pf_rule *rule; /* the most frequent known cause */
	int rule_status;
	unsigned long rule_count;
	struct {
		const struct pf_rule *rule;
		int status;
		unsigned long n;
	} seen[16];
	int nr_seen;
	/*
	 * The atomic demand pagefail trace measured (advise --demand): the
	 * p99.9 of the pages atomic requests took in a window, the window,
	 * and kswapd's slowest reaction (wakeup to running), -1 when kswapd
	 * was not woken while it traced.
	 */
	struct pf_demand {
		bool known;
		unsigned long long p999_pages;
		double window_ms, react_ms;
		unsigned int page_kb;
	} demand;
};

void pf_evidence_init(struct pf_evidence *e);
/* Count r, explained as ex (pf_explain_report). */
void pf_evidence_add(struct pf_evidence *e, const struct pf_report *r,
		     const struct pf_explain *ex);

#define PF_ADVICE_MAX 8

/*
 * A step of an advice item's working, or of its cost: what it says
 * (src/words_advise.c words it) and the numbers it says it with, in n[]
 * as each names them.  Values are kB for vm.min_free_kbytes, the sysctl's
 * own unit for the others.
 */
enum pf_advice_say {
	/* the current value */
	PF_SAY_SET_ASIDE, /* n0 read, which no kernel holds; n1 1: the
				 * report's, 0: the system's */
	PF_SAY_DEFAULT,	  /* n0 the kernel's default, n1 kB of lowmem,
				 * n2 the cap of the default */
	PF_SAY_CURRENT,	  /* n0 the current value (current_from) */
	/* vm.min_free_kbytes */
	PF_SAY_DOUBLE_UNKNOWN, /* n0 failures that could not sleep */
	PF_SAY_NO_MACHINE,     /* no memory size: no number */
	PF_SAY_DOUBLE,	       /* n0 failures that could not sleep, n1 twice
				 * the value */
	PF_SAY_BURST,	       /* n0 failures, n1 their order, n2 kB asked,
				 * n3 the value that holds twice that;
				 * seconds */
	PF_SAY_DEMAND,	       /* measured: n0 p99.9 pages a window, n1 the
				 * window in us, n2 kswapd's reaction in us
				 * (-1: not woken), n3 windows it spans, n4
				 * kB, n5 the value that holds it */
	PF_SAY_BELOW_DEFAULT,  /* under the kernel's default: the default */
	PF_SAY_SAFE_MAX,       /* n0 the safe bound (5% of lowmem) */
	PF_SAY_OTHER_MACHINE,  /* n0 failures, of another machine's reserve */
	PF_SAY_UNMOVABLE,      /* n0 failures, all unmovable fragmentation
				* (pf_evidence.unmovable): no value helps;
				* n1 the order, n2 the zone's free kB, n3
				* its watermark and reserve kB, n4 its LRU
				* kB (-1: the letters told), n5 in use */
	PF_SAY_KEEP,
	PF_SAY_RECOMMEND_KB, /* n0 the value */
	PF_SAY_WMARKS,	     /* cost: n0 zone's new min, n1 its new high,
				 * n2 what more stays free there, kB */
	PF_SAY_TOO_HIGH,     /* cost: of too high a value */
	/* vm.zone_reclaim_mode */
	PF_SAY_NODES_UNKNOWN,
	PF_SAY_ONE_NODE,
	PF_SAY_NO_FAILURE,	/* n0 nodes */
	PF_SAY_RECLAIM_ALREADY, /* n0 nodes, n1 the current value */
	PF_SAY_RECLAIM_ON,	/* n0 nodes, n1 the current value, -1 unknown */
	PF_SAY_RECLAIM_COST,	/* cost: page cache read from disk */
	/* vm.watermark_scale_factor */
	PF_SAY_NO_SCALE, /* the kernel has none (4.6+) */
	PF_SAY_NO_BURST,
	PF_SAY_SCALE_NEED, /* n0 pages of twice the burst, n1 the factor
				 * that holds them in the zone */
	PF_SAY_RECOMMEND,  /* n0 the value */
	PF_SAY_ALREADY,	   /* n0 the current value */
	PF_SAY_SCALE_COST, /* cost: n0 more reclaim, 1/10000 of a zone */
	/* vm.watermark_boost_factor */
	PF_SAY_NO_BOOST,   /* the kernel has none (5.0+) */
	PF_SAY_BOOST_ON,   /* n0 the value (the default) */
	PF_SAY_BOOST_COST, /* cost: bursts of kswapd reclaim */
	PF_SAY_BOOST_KEEP, /* n0 the current value, n1 1: the default */
};

struct pf_advice_step {
	int say;   /* enum pf_advice_say */
	bool cost; /* of the cost, not of the working */
	long long n[6];
	double seconds; /* PF_SAY_BURST: first to last */
};

/* Steps of one item: the paths of advise.c take no more than 11 */
#define PF_ADVICE_STEPS 12

/* One sysctl: what it is, what it should be, and why. */
struct pf_advice_item {
	char name[64];		  /* "vm.min_free_kbytes" */
	bool applies;		  /* the kernel has it and it bears on this */
	bool change;		  /* value differs from current */
	long current;		  /* -1 unknown */
	const char *current_from; /* "system", "report", "default" */
	long value;		  /* recommended */
	long default_value;	  /* the kernel's own, -1 unknown */
	long safe_min, safe_max;  /* outside: refused without --force */
	char zone[16];		  /* the zone the steps speak of */
	int nr_steps;
	struct pf_advice_step steps[PF_ADVICE_STEPS]; /* how, and the cost */
	const char *set_by; /* the --set NAME=VALUE, or NULL */
};

/* How the reports' machine differs from the one advised (pf_advice.other) */
#define PF_OTHER_KERNEL 0x1 /* another kernel release */
#define PF_OTHER_PAGE	0x2 /* another page size: another architecture */
#define PF_OTHER_ZONES	0x4 /* other zones (DMA32, HighMem): another arch */
#define PF_OTHER_SIZE	0x8 /* memory a quarter larger or smaller, or more */

struct pf_advice {
	struct pf_kver kernel;
	const char *machine_from; /* "system", "report", or NULL */
	/*
	 * PF_OTHER_*: the newest report with Mem-Info is of another machine
	 * than the system advised.  Its burst (bytes asked) carries over; its
	 * reserve, the one that was not enough, does not: no doubling.
	 */
	unsigned int other;
	struct pf_kver report_kernel;
	unsigned long long report_ram_kb;
	unsigned int report_page_kb;
	int nr_nodes, nr_cpus;
	unsigned long long ram_kb, lowmem_kb;
	int nr_items;
	struct pf_advice_item items[PF_ADVICE_MAX];
	const struct pf_rule *rule; /* the known cause, or NULL */
	int rule_status;
	const char *update; /* its kernel update to make, or NULL */
	bool sysctl_conf;   /* sysctls load from /etc/sysctl.conf
					 * only (RHEL 6 and older) */
};

/*
 * Compute the advice from the evidence and, when not NULL, the system it
 * came from (pf_system_read: live, snapshot or sosreport).  Returns 0, or
 * -ENODATA when neither says anything about the machine's memory (the
 * advice then holds only what the reports alone support).
 */
int pf_advise(const struct pf_evidence *e, const struct pf_system *sys,
	      struct pf_advice *a);
/* The item named name, or NULL. */
struct pf_advice_item *pf_advice_item(struct pf_advice *a, const char *name);

/*
 * A /proc/vmstat counter by name, or -1 when the kernel has none or its
 * value is unknown (PF_VMSTAT_UNKNOWN).
 */

/*
 * The memory this machine can still give, in KiB: MemAvailable of
 * root/proc/meminfo (MemFree + Buffers + Cached before 3.14, which lacks
 * it).  root as for pf_system_read().  Returns it, or -errno.
 */
long long pf_system_mem_available(const char *root);

/*
 * The same, over an earlier snapshot in dir: its files are removed first.
 * A dir that holds anything a snapshot does not write (a symbolic link
 * too) is refused whole with -ENOTEMPTY, nothing removed.
 */
int pf_system_snapshot_replace(const char *root, const char *dir,
			       pf_diag_fn diag, void *data);

/* ------------------------------------------------------------------ */
/* Zone status: indices and atomic headroom (lib/mm/headroom.c)          */
/* ------------------------------------------------------------------ */

/*
 * The index of a zone type in the kernel's zone enum, as lowmem_reserve[]
 * is indexed, from the zones printed (by any node): a type the kernel was
 * built without is never printed.  classzone: the highest printed zone at
 * or below type, the one whose lowmem_reserve column applies (-1: none).
 */
int pf_zone_enum_index(const struct pf_zone *zones, int nr_zones, int type);

/*
 * The /proc/vmstat counters that tell how reclaim and compaction keep up,
 * for status and top, by the name used in their output:
 * "compact_stall", "compact_fail", "compact_success",
 * "kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly",
 * "allocstall", "pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd",
 * "pgsteal_direct", "compact_daemon_wake", "pageoutrun".
 */
#define PF_NR_COUNTERS 12
extern const char *const pf_counter_names[PF_NR_COUNTERS];
/*
 * A counter summed over the per-zone variants older kernels print
 * (allocstall_normal, pgscan_kswapd_dma32, ...): the counter named base,
 * plus every "base_<zone>".  -1 when the kernel has none of them.
 */
long long pf_system_counter(const struct pf_system *sys, const char *base);

/* ------------------------------------------------------------------ */
/* Applying sysctls safely (lib/proc/sysctl.c)                             */
/* ------------------------------------------------------------------ */

/*
 * The one number in s, decimal, optionally signed, with white space around
 * it and nothing else (lib/util/util.c): 0 with *v set; -EINVAL when s is not
 * one number (trailing junk, none at all); -ERANGE when it lies outside
 * min..max, long's own limits included.  *v is untouched on error.
 */
int pf_parse_long(const char *s, long min, long max, long *v);

#define PF_SYSCTL_CONF "etc/sysctl.d/90-pagefail.conf" /* under root */
#define PF_APPLY_MAX   16

struct pf_sysctl_item {
	char name[64]; /* "vm.min_free_kbytes" */
	long value;    /* to set */
	long old;      /* live value before, -1 when unknown */
	bool present;  /* the kernel has it (root/proc/sys/...) */
	bool written, verified;
};

struct pf_apply {
	int nr;
	struct pf_sysctl_item items[PF_APPLY_MAX];
	char conf[4096];   /* the sysctl.d file written */
	char backup[4096]; /* where the previous one went, or "" */
	bool rolled_back;
	int failed;	 /* the item that failed, or -1 */
	char error[256]; /* one line, naming the file */
};

/*
 * Read root/proc/sys/<name with dots as slashes>, through no symbolic
 * link under root (root itself may be one).  0 or -errno: -ELOOP for a
 * link on the way, -EXDEV for a procfs file under a root that is not "/"
 * (or one that is not procfs under "/").
 */
int pf_sysctl_read(const char *root, const char *name, long *value);

/*
 * Apply items[] under root: write text as root/PF_SYSCTL_CONF atomically
 * (a temporary file in the same directory, fsync, rename; the previous
 * file is kept as <conf>.bak), then write each live value to root/proc/sys
 * and read it back.  If any step fails, every live value already written
 * is set back and the previous file restored.  Items the kernel lacks are
 * skipped (present false).  dry_run fills old/present and writes nothing.
 * Every path is resolved under root without following a symbolic link,
 * and looked at before the first write: a link on the way (-ELOOP), a
 * value file that is a device or has another hard link, a procfs under a
 * tree or a /proc/sys that is not procfs under "/" (-EXDEV), and, when
 * there are items, a root with no proc/sys at all (a sosreport: -ENOENT),
 * are refused with nothing written.  a->conf and a->backup are real paths.
 * Returns 0 or -errno, with a->error set.
 */
int pf_sysctl_apply(const char *root, struct pf_apply *a, const char *text,
		    bool dry_run);

/* ------------------------------------------------------------------ */
/* The simulator (lib/sim/): buddy allocator, kswapd, compaction      */
/* ------------------------------------------------------------------ */

/* A scenario: machine, kernel era, tunables and workload phases. */
struct pf_scenario;

/*
 * Parse a scenario file (format: data/scenarios/README.md).  Errors go
 * through diag as "line N: what"; any error makes it fail (-EINVAL), as a
 * half-read scenario would simulate something else.
 */
int pf_scenario_parse(struct pf_scenario **out, const char *name,
		      const char *text, size_t len, pf_diag_fn diag,
		      void *data);
int pf_scenario_load(struct pf_scenario **out, const char *path,
		     pf_diag_fn diag, void *data);
/*
 * --set: "vm.min_free_kbytes", "vm.watermark_scale_factor", ... (any vm
 * sysctl the scenario has), "kernel" (a release or era name), "mobility"
 * (on/off), "swap" (on/off), "scan_rate", "compact_rate", "seed".
 * Returns 0, -ENOENT (no such setting) or -EINVAL (not a value it takes).
 */
/* The NAMEs --set takes, i from 0; NULL past the last */
const char *pf_scenario_set_name(size_t i);
int pf_scenario_set(struct pf_scenario *sc, const char *name,
		    const char *value);
/*
 * A vm sysctl of the scenario ("vm.min_free_kbytes", ... but the list
 * vm.lowmem_reserve_ratio) set to value, within the bounds its scenario
 * key takes.  Returns 0, -ENOENT (no such sysctl), -ERANGE (out of
 * bounds: nothing changes) or -EINVAL.
 */
int pf_scenario_set_sysctl(struct pf_scenario *sc, const char *name,
			   long value);
struct pf_scenario *pf_scenario_dup(const struct pf_scenario *sc);
void pf_scenario_free(struct pf_scenario *sc);
/* The kernel the scenario runs ("rhel6.2" ...) */
const struct pf_kver *pf_scenario_kernel(const struct pf_scenario *sc);
/*
 * A scenario that replays r (lib/sim/fromreport.c): the machine is r's
 * zones (managed pages, else present; empty zones skipped), the kernel
 * r's, vm.min_free_kbytes what r's min watermarks imply, and the initial
 * state r's free lists, block for block, the rest clean page cache.  One
 * phase of 5 s: r's request (order, gfp mask) as a burst of 400 a second
 * for the first second, each held 1 s, and a light page cache stream.
 * The era is pf_report_era()'s.  Returns 0, -EINVAL (r has no usable
 * zones; why in err), -EDOM (--kernel names an era r's format rules out)
 * or -ENOMEM.  On
 * success err holds a warning, or "" (r names no kernel: the default
 * one is used).
 */
int pf_scenario_from_report(struct pf_scenario **out, const struct pf_report *r,
			    char *err, size_t errlen);

/* A point of the time series (sums over the zones). */
struct pf_sim_sample {
	double t;
	unsigned long free_pages;
	unsigned long nr_free[PF_MAX_ORDER];
	long min, low, high;
	unsigned long long kswapd_reclaimed, compacted, failures;
};

struct pf_sim_opts {
	bool check;	     /* invariants after every step (slow) */
	double sample_every; /* seconds between samples; 0: none */
	void (*sample)(const struct pf_sim_sample *smp, void *data);
	/*
	 * each failure as the era's kernel prints it, the first max_reports,
	 * with the verdict (enum pf_cause) the simulator saw at that instant
	 */
	void (*report)(const char *text, int cause, void *data);
	size_t max_reports;
	/* every 256 ticks: virtual seconds done of total, pages handled */
	void (*progress)(double t, double total, unsigned long long page_ops,
			 void *data);
	void *data;
};

struct pf_sim_result {
	double sim_seconds;
	double first_failure; /* virtual seconds, -1: none */
	unsigned long long allocations, page_ops;
	unsigned long long failures, failures_by_order[PF_MAX_ORDER];
	unsigned long long failures_above_min; /* free above min in the zone */
	unsigned long long kswapd_wakeups, kswapd_reclaimed_pages;
	unsigned long long direct_reclaimed_pages;
	unsigned long long node_reclaimed_pages; /* vm.zone_reclaim_mode */
	unsigned long long compact_stall, compacted_pages;
	unsigned long long
		free_pageblocks; /* free blocks >= pageblock order at the end */
	unsigned long long free_blocks[PF_MAX_ORDER]; /* per order at the end */
	long min_free_kbytes;	/* the value the run used */
	long zone_reclaim_mode; /* the value the run used */
	bool zone_reclaim_boot; /* ... set by the era's boot, not the user */
	int node_distance;	/* between its nodes; 0: one node */
	int reclaim_distance;	/* the era's RECLAIM_DISTANCE */
	double scan_rate, compact_rate; /* the rates the run used */
	/* where, when one the scenario left unset is the lab's, and which */
	const char *rates_measured;
	bool scan_rate_measured, compact_rate_measured;
	int check_err; /* 0, or -EUCLEAN: an invariant broke */
	char check_msg[256];
};

/*
 * Run sc.  Returns 0, -ENOMEM, or -EUCLEAN when an invariant broke.
 */
int pf_simulate(const struct pf_scenario *sc, const struct pf_sim_opts *o,
		struct pf_sim_result *res);
/*
 * The memory pf_simulate(sc, o) will take at its peak, in bytes, known
 * before it starts: about 12 bytes a page of the zones the run may write
 * (a fill's share of them, the phases' allocations; 8 more a page with a
 * fill phase), the held network buffers, and the samples when o takes
 * them and its caller keeps them all.  An upper bound, for a caller to
 * refuse a scenario the machine cannot hold.
 */
unsigned long long pf_sim_memory(const struct pf_scenario *sc,
				 const struct pf_sim_opts *o);
/*
 * The address space it reserves: pf_sim_memory() and the page arrays of
 * memory the run will not touch (allocated, never written): what
 * ulimit -v must allow.
 */
unsigned long long pf_sim_address_space(const struct pf_scenario *sc,
					const struct pf_sim_opts *o);

/*
 * The standard microbenchmark: order-0 to order-3 allocations and frees
 * with full buddy and migratetype semantics on a 4 GiB zone for about
 * seconds of real time.
 */
int pf_sim_bench(double seconds, double *page_ops_per_second,
		 double *bytes_per_page);

#ifdef __cplusplus
}
#endif

#endif /* LIBPAGEFAIL_H */
