// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * advise_verify.c - advise --verify: the first report with Mem-Info,
 * replayed in the simulator as it was and with the advice, so that the
 * advice is shown to prevent the failure it is for (or not).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "words.h"

void cli_verify_keep(struct cli_verify *v, const struct pf_report *r)
{
	if (!v->want || v->r || !(r->flags & PF_REPORT_HAS_MEMINFO) ||
	    !r->nr_zones)
		return;
	/* a copy: the scanner reuses r; its source is named in v */
	v->r = malloc(sizeof(*v->r));
	if (!v->r)
		return;
	memcpy(v->r, r, sizeof(*r));
	snprintf(v->source, sizeof(v->source), "%s",
		 r->source ? r->source : "-");
	v->r->source = v->source;
}

/* Apply one recommendation to the scenario, when it has a value. */
static void verify_set(struct pf_scenario *sc, struct pf_advice *a,
		       const char *name)
{
	const struct pf_advice_item *it = pf_advice_item(a, name);

	/*
	 * a value past the scenario's bounds is not set (-ERANGE): the
	 * replay then runs with the report's own
	 */
	if (!it || !it->applies || it->value < 0)
		return;
	pf_scenario_set_sysctl(sc, name, it->value);
}

/* The failures of sc, into *failures: 0, or -1 with v's error said. */
static int verify_sim(struct cli_verify *v, const struct pf_scenario *sc,
		      unsigned long long *failures)
{
	struct pf_sim_result res;

	if (pf_simulate(sc, NULL, &res)) {
		snprintf(v->error, sizeof(v->error), "the simulation failed");
		return -1;
	}
	*failures = res.failures;
	return 0;
}

void cli_verify_run(struct cli_verify *v, struct pf_advice *a)
{
	struct pf_scenario *sc = NULL, *with = NULL;
	char err[256], era[512], assume[320];
	int ret;

	if (!v->r) {
		snprintf(v->error, sizeof(v->error),
			 "no report with Mem-Info to replay");
		return;
	}
	ret = pf_scenario_from_report(&sc, v->r, err, sizeof(err));
	cli_replay_era_words(v->r, ret, era, sizeof(era));
	if (ret) {
		snprintf(v->error, sizeof(v->error), "%s",
			 ret == -EINVAL ? err
			 : ret == -EDOM ? era
					: pf_strerror(ret));
		return;
	}
	cli_assumption_words(pf_scenario_kernel(sc),
			     pf_kver_assumptions(pf_scenario_kernel(sc)),
			     assume, sizeof(assume));
	snprintf(v->note, sizeof(v->note), "%s%s%s%s%s", era,
		 era[0] && err[0] ? "; " : "", err,
		 (era[0] || err[0]) && assume[0] ? "; " : "", assume);
	with = pf_scenario_dup(sc);
	if (!with) {
		snprintf(v->error, sizeof(v->error), "out of memory");
	} else {
		verify_set(with, a, "vm.min_free_kbytes");
		verify_set(with, a, "vm.watermark_scale_factor");
		snprintf(v->kernel, sizeof(v->kernel), "%s",
			 pf_scenario_kernel(sc)->str);
		v->done = !verify_sim(v, sc, &v->before) &&
			  !verify_sim(v, with, &v->after);
	}
	pf_scenario_free(with);
	pf_scenario_free(sc);
}
