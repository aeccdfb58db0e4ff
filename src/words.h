/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * words.h - the CLI's prose (words.c): what a number or a verdict means,
 * said in a few words for the text output.  The library returns data and
 * reason codes; what they are called on screen is the CLI's.
 */
#ifndef CLI_WORDS_H
#define CLI_WORDS_H

#include <stddef.h>

#include "cli.h"

/* A zone's verdict in explain's table: "passes (by 12 pages)" */
void cli_verdict_words(const struct pf_report *r,
		       const struct pf_zone_verdict *v, char *buf, size_t len);
/* The size of z's largest free block of order, "none" or "-" */
void cli_largest_words(const struct pf_zone *z, int order, char *buf,
		       size_t len);

/*
 * The eras a report's format allows, and what showed it: "kernels
 * before 3.0 (failure. order:, no %pGg names)".
 */
void cli_era_words(const struct pf_era_choice *c, char *buf, size_t len);
/*
 * What a replay of r says of its era (ret: pf_scenario_from_report()'s):
 * the era its format allows and the one taken, or why --kernel was
 * refused.  "" when the release was printed or given and allowed.
 */
void cli_replay_era_words(const struct pf_report *r, int ret, char *buf,
			  size_t len);
/*
 * The PF_ASSUME_* bits a of kv's model, in words; false when a holds
 * none.
 */
bool cli_assumption_words(const struct pf_kver *kv, unsigned int a, char *buf,
			  size_t len);
/* The name of one PF_EVID_* bit, for JSON ("dot", "no_names"); NULL past the last */
const char *cli_evidence_name(unsigned int bit);

/* Why a file of a root was not read: -EINVAL is the reader's "junk". */
const char *cli_source_words(int err);

/* scan: the zones' free memory and their largest free block, a few words */
void cli_zone_words(const struct pf_report *r, char *buf, size_t len);

/*
 * One line on what was asked and where: "8 KiB atomic allocation in network
 * receive softirq; could not sleep or reclaim".  Returns its length.
 */
size_t cli_report_meaning(const struct pf_report *r, char *buf, size_t len);

/*
 * explain's prose (words_explain.c), added to b: what was asked; the
 * zonelist ("Normal > DMA32 > DMA"); why the kernel failed where the
 * emulated check passes (nothing when it agrees); the one sentence that
 * sums the report up.
 */
void cli_asked_words(const struct pf_report *r, const struct pf_explain *ex,
		     struct cli_buf *b);
void cli_zonelist_words(const struct pf_report *r, const struct pf_explain *ex,
			struct cli_buf *b);
void cli_disagreement_words(const struct pf_report *r,
			    const struct pf_explain *ex, struct cli_buf *b);
void cli_summary_words(const struct pf_report *r, const struct pf_explain *ex,
		       struct cli_buf *b);
/* Why a zone is not in the zonelist (enum pf_why_not); NULL: it is */
const char *cli_why_not_words(int why_not);

/* All of them, for printing a report's explanation */
struct cli_explanation {
	struct cli_buf asked, zonelist, disagreement, summary;
};
void cli_explain_words(const struct pf_report *r, const struct pf_explain *ex,
		       struct cli_explanation *w);
void cli_explanation_release(struct cli_explanation *w);

/*
 * advise's prose (words_advise.c), added to b: an item's working and its
 * cost (nothing after --set); how the distribution loads sysctls; the
 * sysctl.d file that sets every item that changes, its working as
 * comments.
 */
void cli_advice_working(const struct pf_advice_item *it, struct cli_buf *b);
void cli_advice_cost(const struct pf_advice_item *it, struct cli_buf *b);
void cli_advice_note(const struct pf_advice *a, struct cli_buf *b);
void cli_advice_sysctl_conf(const struct pf_advice *a, struct cli_buf *b);

#endif
