/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pagefail.h - libpagefail's public API (pkg-config --cflags --libs pagefail):
 * find "page allocation failure" reports in kernel logs, parse them into one
 * zone model with the rules of the era that printed them, put each zone
 * through that era's watermark check, read a machine's zones under any root.
 * Nothing prints or exits: functions return data, 0 or -errno, and what is
 * wrong with the input goes to the caller's pf_diag_fn while the work goes on.
 * Small things are value structs the caller owns (kernel version, zone,
 * check); large ones are opaque handles read through accessors, so they can
 * grow without breaking older programs.  Only what is declared here is
 * exported (lib/libpagefail.map); lib/libpagefail.h, for pagefail's own CLI,
 * is neither installed nor promised.  _new allocates, _free frees, _init
 * fills a struct the caller owns.
 */
#ifndef PAGEFAIL_H
#define PAGEFAIL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* everything declared here is exported; the rest of the library is not */
#pragma GCC visibility push(default)

#define PF_VERSION "0.1.0"

/* The version of the library the program runs with ("0.1.0"). */
const char *pf_version(void);
/* An errno value (either sign) in words: "no such file or directory" */
const char *pf_strerror(int err);

/* What is wrong with the input (line 0: none); the work goes on after it. */
typedef void (*pf_diag_fn)(const char *source, unsigned long line,
			   const char *msg, void *data);

/* ---- Kernel versions and eras (lib/kver.c) ---- */

/* A kernel release; rel[] is 358, 2, 1 of 2.6.32-358.2.1.el6 (RHEL order). */
#define PF_KVER_REL_MAX 6
struct pf_kver {
	char str[96]; /* as printed, or as given */
	int major, minor, sublevel;
	unsigned int code; /* PF_KV(major, minor, sublevel) */
	int rhel;	   /* 5..9 for .elN kernels, else 0 */
	bool vendor;	   /* "rhel6.N-vendor": the vendor's account (era.c) */
	int nr_rel;
	long rel[PF_KVER_REL_MAX];
};

#define PF_KV(a, b, c)                                                         \
	(((unsigned int)(a) << 16) + ((unsigned int)(b) << 8) +                \
	 ((unsigned int)(c) > 255 ? 255u : (unsigned int)(c)))

/*
 * Parse a release such as "2.6.32-358.2.1.el6.x86_64", "5.10.10+",
 * "4.14.113-18770262-userdebug", "6.12.39", or a short era name accepted by
 * --kernel ("rhel6.2", "rhel6.4", "rhel7", ...).  Returns 0 or -EINVAL.
 */
int pf_kver_parse(const char *s, struct pf_kver *kv);
/* <0, 0, >0 like strcmp, with RHEL release ordering within one base version. */
int pf_kver_cmp(const struct pf_kver *a, const struct pf_kver *b);
/* True once kv has been filled by a successful parse. */
static inline bool pf_kver_known(const struct pf_kver *kv)
{
	return kv && kv->code != 0;
}

/* ---- GFP masks (lib/mm/gfp.c) ---- */

/*
 * The bit layouts of the gfp mask, one per range of kernels in which
 * include/linux/gfp.h (gfp_types.h from 6.0) kept the same ___GFP_* values,
 * and the order in which those kernels print the names: 6.3+ and 6.15+
 * share their bits and differ in the order of __def_gfpflag_names.
 */
enum pf_gfp_layout {
	PF_GFP_UNKNOWN = 0,
	PF_GFP_2_6_18, /* 2.6.18 .. 2.6.23 (vanilla) */
	PF_GFP_RHEL5,  /* RHEL 5: 2.6.18 plus __GFP_NO_OOM */
	PF_GFP_2_6_24, /* 2.6.24 .. 3.x before __GFP_MEMALLOC */
	PF_GFP_3_10,   /* 3.6 .. 4.3, RHEL 7 */
	PF_GFP_4_4,    /* 4.4 .. 4.9: __GFP_WAIT split */
	PF_GFP_4_10,   /* 4.10 .. 4.17: __GFP_OTHER_NODE gone */
	PF_GFP_4_18,   /* 4.18 .. 5.0, RHEL 8 */
	PF_GFP_5_0,    /* 5.1 .. 6.2, RHEL 9: "shuffle GFP_* flags" */
	PF_GFP_6_3,    /* 6.3 .. 6.14: __GFP_ATOMIC gone */
	PF_GFP_6_15,   /* 6.15+: 6.3's bits, names in bit order */
	PF_GFP_NR_LAYOUTS
};

/* The layout used by the kernel kv (PF_GFP_UNKNOWN when kv is unknown). */
enum pf_gfp_layout pf_gfp_layout_of(const struct pf_kver *kv);
const char *pf_gfp_layout_name(enum pf_gfp_layout layout);

/*
 * mask as the kernel's %pGg prints it in that layout (composites, then single
 * flags in that era's name order, leftover bits in hex, "|" between).
 * Returns the length written (cut at len - 1), or -EINVAL.
 */
int pf_gfp_format(unsigned long mask, enum pf_gfp_layout layout, char *buf,
		  size_t len);

/* ---- The zone model ---- */

#define PF_MAX_ORDER 16 /* enough for every arch's MAX_ORDER */
#define PF_MAX_ZONES 8	/* lowmem_reserve[] entries kept */

enum pf_zone_type {
	PF_ZONE_DMA = 0,
	PF_ZONE_DMA32,
	PF_ZONE_NORMAL,
	PF_ZONE_HIGHMEM,
	PF_ZONE_MOVABLE,
	PF_ZONE_DEVICE,
	PF_ZONE_OTHER,
	PF_ZONE_NR_TYPES
};

/* Migratetype letters as show_migration_types() prints them. */
#define PF_MT_LETTERS 8

/*
 * One zone, as a report's Mem-Info, /proc/zoneinfo or the simulator sees it.
 * Page counts are in pages of page_kb KiB; -1 means "not known" (the source
 * did not print it), never 0.
 */
struct pf_zone {
	int node;		  /* pgdat->node_id; 0 on non-NUMA builds */
	bool node_printed;	  /* the source printed "Node N" */
	char name[16];		  /* zone->name: "DMA", "Normal", ... */
	int type;		  /* enum pf_zone_type */
	unsigned int page_kb;	  /* PAGE_SIZE / 1024 */
	long free;		  /* NR_FREE_PAGES */
	long boost;		  /* zone->watermark_boost (5.0+) */
	long min, low, high;	  /* zone->_watermark[] */
	long reserved_highatomic; /* zone->nr_reserved_highatomic */
	long present, managed;
	long free_cma;
	/* pages on the LRU lists the zone line printed, -1 each when not:
	 * active/inactive anon, active/inactive file, active/inactive of
	 * 2.6.18-2.6.27 (lib/libpagefail.h: enum pf_lru) */
	long lru[6];
	int nr_lowmem_reserve; /* -1 when no lowmem_reserve[] line */
	long lowmem_reserve[PF_MAX_ZONES]; /* zone->lowmem_reserve[], pages */
	int nr_orders; /* 0 when no buddy line / buddyinfo */
	unsigned long nr_free[PF_MAX_ORDER]; /* free_area[o].nr_free */
	bool has_mt; /* migratetype letters were printed */
	char mt[PF_MAX_ORDER][PF_MT_LETTERS]; /* letters per order, "UME" */
	long buddy_total_kb;	  /* the "= NkB" the kernel printed, -1 */
	unsigned long line;	  /* of a report: the log line it came from */
	unsigned long buddy_line; /* ... and its buddy line ("= NkB") */
};

void pf_zone_init(struct pf_zone *z);
/* Classify a zone name ("DMA32" -> PF_ZONE_DMA32). */
int pf_zone_type_of(const char *name);
/* Sum of nr_free[o] << o, in pages. */
unsigned long pf_zone_buddy_pages(const struct pf_zone *z);

/* ---- Fragmentation indices (lib/mm/frag.c) ---- */

/* unusable_free_index(): 0..1000, 1000 when nothing is free. */
int pf_unusable_index(const unsigned long *nr_free, int nr_orders, int order);
/* __fragmentation_index(): 0..1000, -1000 when the order can be served. */
int pf_extfrag_index(const unsigned long *nr_free, int nr_orders, int order);
/* The highest order with a free block, or -1. */
int pf_largest_free_order(const unsigned long *nr_free, int nr_orders);

/* ---- The watermark check, per kernel era (lib/mm/watermark.c) ---- */

/*
 * The shapes __zone_watermark_ok() has had.  Chosen from the kernel version
 * (RHEL 6 has its own), or from the gfp layout when the version is unknown.
 */
enum pf_wm_era {
	PF_WM_UNKNOWN = 0,
	PF_WM_2_6,   /* 2.6.18 .. 4.3 (RHEL 5, RHEL 7): per-order loop */
	PF_WM_RHEL6, /* RHEL 6: the loop restarts at mark - min */
	PF_WM_4_4,   /* 4.4 .. 6.2: free-block test, highatomic reserve */
	PF_WM_6_3,   /* 6.3+: ALLOC_MIN_RESERVE / ALLOC_NON_BLOCK */
	PF_WM_NR_ERAS
};
int pf_wm_era_of(const struct pf_kver *kv, int gfp_layout);
const char *pf_wm_era_name(int era);

/* Alloc flags, one meaning across eras: HIGH is ALLOC_HIGH/ALLOC_MIN_RESERVE,
 * HARDER is ALLOC_HARDER/ALLOC_NON_BLOCK (the kernel renumbered them). */
#define PF_ALLOC_NO_WATERMARKS 0x01
#define PF_ALLOC_HIGH	       0x02
#define PF_ALLOC_HARDER	       0x04
#define PF_ALLOC_HIGHATOMIC    0x08
#define PF_ALLOC_OOM	       0x10
#define PF_ALLOC_CMA	       0x20
#define PF_ALLOC_CPUSET	       0x40

/* Where the caller ran, as far as gfp_to_alloc_flags() cares. */
#define PF_CALLER_INTERRUPT 0x01 /* in_interrupt() */
#define PF_CALLER_MEMALLOC  0x02 /* PF_MEMALLOC: kswapd, direct reclaim */
#define PF_CALLER_RT	    0x04 /* an rt task */

/* gfp_to_alloc_flags() of the era's slow path: the last failed check's flags */
unsigned int pf_alloc_flags(unsigned long gfp, int gfp_layout, int era,
			    int order, unsigned int caller);

/* Why a zone fails (or passes) the check. */
enum pf_cause {
	PF_CAUSE_OK = 0,
	PF_CAUSE_BELOW_MIN,	 /* free memory under the watermark */
	PF_CAUSE_FRAGMENTATION,	 /* enough free, no block big enough */
	PF_CAUSE_LOWMEM_RESERVE, /* only the lowmem_reserve holds it back */
	PF_CAUSE_HIGHATOMIC,	 /* only the highatomic reserve does */
	PF_CAUSE_NOT_ALLOWED,	 /* the request may not use this zone */
	PF_CAUSE_UNKNOWN,	 /* not enough data to tell */
	PF_CAUSE_NR
};
/* "ok", "below_min", "fragmentation", "lowmem_reserve", ... */
const char *pf_cause_name(int cause);

/* The working of one emulated check, for explaining it. */
struct pf_wm_check {
	bool passes;
	int cause;	  /* enum pf_cause */
	long free;	  /* NR_FREE_PAGES */
	long usable;	  /* free less what this caller may not use */
	long mark;	  /* the watermark asked for */
	long min;	  /* mark after the ALLOC_HIGH/HARDER cuts */
	long reserve;	  /* lowmem_reserve[classzone] added to it */
	long highatomic;  /* pages withheld as highatomic reserve */
	long cma;	  /* free CMA pages withheld */
	int failed_order; /* order whose step failed, or -1 */
	long margin;	  /* usable - (min + reserve) at order 0 */
	long order_free;  /* pre-4.4 loop: free left at failed_order */
	long order_min;	  /* and the mark it had to stay above */
};

/*
 * __zone_watermark_ok() of era for zone z: may order pages be taken with
 * the zone's free memory above mark (pages) by a caller with alloc_flags?
 * classzone indexes z->lowmem_reserve[] (-1: none applies).  Fills *c
 * when it is not NULL.  A zone without a buddy line is judged on its
 * free count alone (c->cause PF_CAUSE_UNKNOWN when order > 0 passes that).
 */
bool pf_zone_watermark_ok(const struct pf_zone *z, int order, long mark,
			  int classzone, unsigned int alloc_flags, int era,
			  struct pf_wm_check *c);

/* ---- Watermark setup and tunables per era (lib/mm/wmark_setup.c) ---- */

/* calculate_min_free_kbytes(): the default vm.min_free_kbytes of kv. */
long pf_min_free_kbytes_default(unsigned long long lowmem_kb,
				const struct pf_kver *kv);

/* setup_per_zone_wmarks() of kv's era: min/low/high of zones[]. */
void pf_setup_zone_wmarks(struct pf_zone *zones, int nr_zones,
			  long min_free_kbytes, long watermark_scale_factor,
			  const struct pf_kver *kv);

/* ---- Reports: one page allocation failure, read-only (lib/report/) ---- */

struct pf_report;

/* Where the allocation came from, derived from the call trace. */
enum pf_ctx_kind {
	PF_CTX_UNKNOWN = 0,
	PF_CTX_PROCESS,
	PF_CTX_SOFTIRQ,
	PF_CTX_HARDIRQ,
	PF_CTX_KSWAPD,
	PF_CTX_NR
};
/* "process", "softirq", "hardirq", "kswapd", "unknown" */
const char *pf_ctx_kind_name(int kind);

/* Where it was read: the source's name and the 1-based line of its start. */
const char *pf_report_source(const struct pf_report *r);
unsigned long pf_report_line(const struct pf_report *r);
/* The host a syslog wrapper named, and the time as printed ("" if none). */
const char *pf_report_host(const struct pf_report *r);
const char *pf_report_time(const struct pf_report *r);
/* Wall clock seconds (INT64_MIN when unknown). */
int64_t pf_report_epoch(const struct pf_report *r);
/* The task that failed ("swapper/0") and its pid (-1 when not printed). */
const char *pf_report_task(const struct pf_report *r);
int pf_report_pid(const struct pf_report *r);
/* The order asked for (-1 when unreadable), and the gfp mask. */
int pf_report_order(const struct pf_report *r);
unsigned long pf_report_gfp_mask(const struct pf_report *r);
/* The gfp layout the mask was decoded with (enum pf_gfp_layout). */
int pf_report_gfp_layout(const struct pf_report *r);
/* The kernel: from the report, the log, the caller's option, or unknown. */
const struct pf_kver *pf_report_kernel(const struct pf_report *r);
/* Where it came from: enum pf_ctx_kind, and the first frame outside the
 * page allocator ("" when the trace has none). */
int pf_report_context(const struct pf_report *r);
const char *pf_report_call_site(const struct pf_report *r);
/* The call trace, innermost first: function names, NULL past the end. */
int pf_report_nr_frames(const struct pf_report *r);
const char *pf_report_frame(const struct pf_report *r, int i);
/* The zones of its Mem-Info, NULL past the end. */
int pf_report_nr_zones(const struct pf_report *r);
const struct pf_zone *pf_report_zone(const struct pf_report *r, int i);
/* Was the Mem-Info there and whole? */
bool pf_report_complete(const struct pf_report *r);
/* Order-N allocation size in bytes (4 KiB pages unless the report says). */
unsigned long long pf_report_bytes(const struct pf_report *r);
/* A Mem-Info summary counter ("free_pages", "active_anon"), or -1. */
long pf_report_counter(const struct pf_report *r, const char *name);
/* A stable key of the call site: the first frames outside the allocator. */
size_t pf_report_signature(const struct pf_report *r, char *buf, size_t len);
/* A copy that outlives the scanner's callback; NULL on ENOMEM. */
struct pf_report *pf_report_dup(const struct pf_report *r);
void pf_report_free(struct pf_report *r);

/* ---- Scanning: log lines to reports (lib/report/) ---- */

/* Called for every finished report; a non-zero return stops the scan. */
typedef int (*pf_report_fn)(const struct pf_report *r, void *data);

struct pf_scan_opts {
	const struct pf_kver
		*kernel; /* --kernel: used when the log says none */
	int year;	 /* for syslog times without a year; 0: now */
	pf_report_fn report;
	pf_diag_fn diag;
	void *data;
};

struct pf_scanner;

/* A scanner for one source; name is kept by pointer. Returns NULL on ENOMEM. */
struct pf_scanner *pf_scanner_new(const char *name,
				  const struct pf_scan_opts *opts);
/*
 * Feed bytes, ending anywhere.  Returns 0, the report callback's non-zero
 * value, -ENOMEM, or -EILSEQ when the first 4 KiB are not a log.
 */
int pf_scanner_feed(struct pf_scanner *sc, const char *buf, size_t len);
/* Flush the last line and every open report (marked truncated). */
int pf_scanner_finish(struct pf_scanner *sc);
/* Lines seen so far. */
unsigned long pf_scanner_lines(const struct pf_scanner *sc);
void pf_scanner_free(struct pf_scanner *sc);

/* ---- Input sources (lib/log/) ---- */

struct pf_source;

/* A named path that is not a regular file (its reads may never end). */
#define PF_ENOTREG ENOSTR

/*
 * Open a log: a path (plain, gzip, xz, zstd or bzip2, told by magic
 * bytes), /dev/kmsg, or "-" for stdin.  Other paths that are not regular
 * files are refused (-PF_ENOTREG).  Returns 0 or -errno.
 */
int pf_source_open(struct pf_source **src, const char *path);
/* The running kernel's log, up to now: /dev/kmsg, else syslog(2). */
int pf_source_open_kmsg(struct pf_source **src, const char *root);
/*
 * Next chunk of bytes, decompressed.  Returns bytes (>0), 0 at the end, or
 * -errno (-EIO for a corrupt or truncated compressed stream; what was read
 * before stays valid).  The chunk is valid until the next call.
 */
ssize_t pf_source_read(struct pf_source *src, const char **buf);
/* After a 0 from /dev/kmsg or a followed journal, read on; false for others */
bool pf_source_more(struct pf_source *src);
/* The name used in messages: the path, "<stdin>", "/dev/kmsg" ... */
const char *pf_source_name(const struct pf_source *src);
/* Human words for the last error of src ("truncated xz stream", ...). */
const char *pf_source_strerror(const struct pf_source *src, int err);
void pf_source_free(struct pf_source *src);

/*
 * The kernel's messages (_TRANSPORT=kernel) of the systemd journal at path
 * (a directory, a file; NULL: this machine's), from the head, the tail
 * (PF_JOURNAL_TAIL), this boot's start (PF_JOURNAL_THIS_BOOT) or after
 * cursor.  PF_JOURNAL_FOLLOW: no file yet is waited for, and
 * pf_source_more() reads on.  0 or -errno, said by pf_source_strerror().
 */
#define PF_JOURNAL_TAIL	     (1u << 0)
#define PF_JOURNAL_THIS_BOOT (1u << 1)
#define PF_JOURNAL_FOLLOW    (1u << 2)
int pf_source_open_journal(struct pf_source **src, const char *path,
			   unsigned int flags, const char *cursor);
/* The journal cursor of the last entry read (NULL: none); start after it. */
const char *pf_source_cursor(const struct pf_source *src);

/*
 * Call fn for every log file of a directory (a sosreport, /var/log, any
 * tree) in the order its lines were written: rotated files oldest first.
 * A non-zero return of fn stops the walk and is returned.
 */
typedef int (*pf_path_fn)(const char *path, void *data);
int pf_logdir_walk(const char *dir, pf_path_fn fn, void *data);

/* ---- Known causes and explanations (lib/analysis/) ---- */

struct pf_rules;

/*
 * Parse a rules file (format: data/README.md).  Errors are reported
 * through diag as "line N: what", and the stanza is dropped; the rest is
 * kept.  Returns 0 (and *out), -EINVAL when nothing usable was left, or
 * -ENOMEM.
 */
int pf_rules_parse(struct pf_rules **out, const char *name, const char *text,
		   size_t len, pf_diag_fn diag, void *data);
/* The same from a file. Returns -errno when it cannot be read. */
int pf_rules_load(struct pf_rules **out, const char *path, pf_diag_fn diag,
		  void *data);
/* data/causes.rules as built into the library (never NULL, never freed). */
const struct pf_rules *pf_rules_builtin(void);
size_t pf_rules_count(const struct pf_rules *rs);
void pf_rules_free(struct pf_rules *rs);

struct pf_explain;

/*
 * Explain r: the era's watermark check on every zone of its Mem-Info at
 * the failed order, a verdict, and the best known cause of rules (NULL:
 * the built-in ones).  Returns 0, -EINVAL when r has no order, -ENOMEM.
 */
int pf_explain_new(const struct pf_report *r, const struct pf_rules *rules,
		   struct pf_explain **out);
void pf_explain_free(struct pf_explain *ex);
/* The check's era (enum pf_wm_era) and its alloc flags (PF_ALLOC_*). */
int pf_explain_era(const struct pf_explain *ex);
unsigned int pf_explain_alloc_flags(const struct pf_explain *ex);
/* The report's verdict: enum pf_cause. */
int pf_explain_cause(const struct pf_explain *ex);
/*
 * Zone i of the report (as pf_report_zone()): may the request use it,
 * and the check's working at the failed order (NULL when it was not
 * judged: not allowed, or no watermarks printed).
 */
bool pf_explain_zone_allowed(const struct pf_explain *ex, int i);
const struct pf_wm_check *pf_explain_zone_check(const struct pf_explain *ex,
						int i);
/* An allowed zone passes although the kernel failed: the check alone
 * does not explain the report. */
bool pf_explain_disagrees(const struct pf_explain *ex);
/* The known cause's id and title ("rhel6-kswapd-no-compaction"), or NULL. */
const char *pf_explain_rule_id(const struct pf_explain *ex);
const char *pf_explain_rule_title(const struct pf_explain *ex);

/* ---- A machine: /proc and /sys under a root directory (lib/proc/) ---- */

struct pf_system;

/*
 * Read the machine under root ("/" for the live one): a saved snapshot or
 * an extracted sosreport works too.  A file every kernel has that is
 * missing is reported once through diag and skipped.  Returns 0, -ENOENT
 * when nothing at all could be read, or -ENOMEM.
 */
int pf_system_new(const char *root, pf_diag_fn diag, void *data,
		  struct pf_system **out);
void pf_system_free(struct pf_system *sys);
/* The running kernel (unknown when osrelease was not there). */
const struct pf_kver *pf_system_kernel(const struct pf_system *sys);
/* Its zones (/proc/zoneinfo with buddyinfo), NULL past the end. */
int pf_system_nr_zones(const struct pf_system *sys);
const struct pf_zone *pf_system_zone(const struct pf_system *sys, int i);
/* A vm sysctl it read ("vm.min_free_kbytes"), or -1. */
long pf_system_sysctl(const struct pf_system *sys, const char *name);
/* A /proc/vmstat counter by name, or -1. */
long long pf_system_vmstat(const struct pf_system *sys, const char *name);

/* ---- Zone status: indices and atomic headroom (lib/mm/headroom.c) ---- */

#define PF_HEADROOM_ORDERS 4 /* orders 0 .. 3 */

/* What status shows for one zone, beside the zone itself. */
struct pf_zone_status {
	int nr_orders;
	int unusable[PF_MAX_ORDER];	   /* unusable_free_index(), 1/1000 */
	int extfrag[PF_MAX_ORDER];	   /* __fragmentation_index(), 1/1000 */
	long headroom[PF_HEADROOM_ORDERS]; /* GFP_ATOMIC allocations left, -1 */
};

/*
 * The index into lowmem_reserve[] that applies to a request for zones up
 * to type, from the zones printed (by any node); -1: none.
 */
int pf_zone_classzone(const struct pf_zone *zones, int nr_zones, int type);

/*
 * The number of allocations of order that succeed one after another, each
 * taking the smallest free block that fits and splitting it as the buddy
 * allocator does (__rmqueue_smallest(), expand()), before the zone fails
 * pf_zone_watermark_ok() at its min watermark with alloc_flags.  -1 when
 * the zone lacks its free counts or watermarks.
 */
long pf_zone_headroom(const struct pf_zone *z, int order,
		      unsigned int alloc_flags, int classzone, int era);
/* gfp_to_alloc_flags(GFP_ATOMIC) in era, for an allocation of order */
unsigned int pf_atomic_alloc_flags(int era, int order);

/* Indices and atomic headroom of every zone of sys (st[nr_zones]). */
void pf_system_status(const struct pf_system *sys, struct pf_zone_status *st);

/*
 * Copy every file pf_system_new() reads under root into dir, in the same
 * layout, so that dir reads back the same.  dir is created when missing,
 * and must be empty when not (-EEXIST: an earlier snapshot, -ENOTEMPTY:
 * anything else).  Returns the number of files copied, or -errno.
 */
int pf_system_snapshot(const char *root, const char *dir, pf_diag_fn diag,
		       void *data);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif /* PAGEFAIL_H */
