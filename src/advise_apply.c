// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * advise_apply.c - what advise does with its advice besides printing it:
 * --set NAME=VALUE over a computed value, --sysctl (the /etc/sysctl.d
 * file), and --apply, which writes the file and sets the values through
 * /proc/sys under a root (pf_sysctl_apply() does it, rolling back on a
 * failure); this file says what it did.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "words.h"

/* The advice as a sysctl.d file, malloc'd; NULL when out of memory. */
static char *sysctl_file(const struct pf_advice *a)
{
	struct cli_buf b = { 0 };

	cli_advice_sysctl_conf(a, &b);
	if (b.oom)
		cli_buf_release(&b);
	return b.s;
}

void cli_advise_sysctl(const struct pf_advice *a)
{
	char *text = sysctl_file(a);

	if (text)
		fputs(text, stdout);
	free(text);
}

/* The item --set NAME=VALUE names, "vm." or not; NULL when none. */
static struct pf_advice_item *set_item(struct pf_advice *a, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct pf_advice_item *it;
	char name[64], full[80];

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name))
		return NULL;
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	it = pf_advice_item(a, name);
	if (it || !strncmp(name, "vm.", 3))
		return it;
	snprintf(full, sizeof(full), "vm.%s", name);
	return pf_advice_item(a, full);
}

/*
 * The vm sysctls advise knows are ints the kernel takes from 0 to INT_MAX:
 * wider values are refused by do_proc_dointvec_conv() (kernel/sysctl.c,
 * every era), negative ones by extra1 = SYSCTL_ZERO (or SYSCTL_ONE).
 */
int cli_advise_set(struct pf_advice *a, const char *arg)
{
	struct pf_advice_item *it = set_item(a, arg);
	long v;
	int err;

	if (!it) {
		cli_err(false, NULL,
			"--set '%s': not NAME=VALUE for a sysctl "
			"advise knows",
			arg);
		return -1;
	}
	err = pf_parse_long(strchr(arg, '=') + 1, 0, INT_MAX, &v);
	if (err == -ERANGE) {
		cli_err(false, NULL,
			"--set '%s': out of range: %s is an int "
			"of 0..%d in the kernel",
			arg, it->name, INT_MAX);
		return -1;
	}
	if (err) {
		cli_err(false, NULL, "--set '%s': the value is not a number",
			arg);
		return -1;
	}
	it->value = v;
	it->applies = true;
	it->change = v != it->current;
	/* its working is the option's now (words_advise.c) */
	it->set_by = arg;
	return 0;
}

/* Is dir this machine's "/", however it is spelt ("//", "/.", a link)? */
static bool is_live_root(const char *dir)
{
	struct stat st, slash;

	return !stat(dir, &st) && !stat("/", &slash) &&
	       st.st_dev == slash.st_dev && st.st_ino == slash.st_ino;
}

/*
 * The values to set, into ap: those that change.  0, or -1 after saying
 * one is outside its safe bounds (without --force).
 */
static int apply_items(const struct pf_advice *a, bool force,
		       struct pf_apply *ap)
{
	memset(ap, 0, sizeof(*ap));
	ap->failed = -1;
	for (int i = 0; i < a->nr_items; i++) {
		const struct pf_advice_item *it = &a->items[i];
		struct pf_sysctl_item *s;

		if (!it->applies || !it->change || it->value < 0)
			continue;
		if ((it->value < it->safe_min || it->value > it->safe_max) &&
		    !force) {
			cli_err(false, it->name,
				"refusing %s = %ld: outside the "
				"safe bounds %ld..%ld (--force to set it anyway)",
				it->name, it->value, it->safe_min,
				it->safe_max);
			return -1;
		}
		if (ap->nr == PF_APPLY_MAX)
			continue;
		s = &ap->items[ap->nr++];
		snprintf(s->name, sizeof(s->name), "%s", it->name);
		s->value = it->value;
	}
	return 0;
}

/* What --apply wrote and set (or, with --dry-run, would have). */
static void apply_said(const struct pf_apply *ap, const char *root,
		       const char *text, bool live, bool dry_run)
{
	if (dry_run)
		printf("would write %s%s%s%s:\n\n%s\n", ap->conf,
		       ap->backup[0] ? " (the old one kept as " : "",
		       ap->backup, ap->backup[0] ? ")" : "", text);
	else if (ap->backup[0])
		printf("wrote %s (the previous one is %s)\n", ap->conf,
		       ap->backup);
	else
		printf("wrote %s\n", ap->conf);
	for (int i = 0; i < ap->nr; i++) {
		const struct pf_sysctl_item *s = &ap->items[i];

		if (!s->present && live)
			printf("%s: this kernel has no such sysctl; only in the "
			       "file\n",
			       s->name);
		else if (!s->present)
			printf("%s: no such file under proc/sys in %s; only in "
			       "the file\n",
			       s->name, root);
		else if (dry_run)
			printf("would set %s: %ld -> %ld\n", s->name, s->old,
			       s->value);
		else
			printf("set %s: %ld -> %ld%s\n", s->name, s->old,
			       s->value, s->verified ? " (read back)" : "");
	}
}

int cli_advise_apply(const struct pf_advice *a, const char *root, bool dry_run,
		     bool force)
{
	bool live = is_live_root(root);
	struct pf_apply ap;
	char *text;
	int err;

	if (apply_items(a, force, &ap))
		return CLI_EXIT_ERROR;
	if (!ap.nr) {
		printf("nothing to change: every value is already what pagefail "
		       "recommends\n");
		return 0;
	}
	if (!dry_run && live && geteuid() != 0) {
		cli_err(false, root,
			"--apply changes this machine's sysctls: run "
			"it as root (or try --dry-run)");
		return CLI_EXIT_ERROR;
	}
	text = sysctl_file(a);
	if (!text) {
		cli_err(false, root, "out of memory");
		return CLI_EXIT_ERROR;
	}
	err = pf_sysctl_apply(root, &ap, text, dry_run);
	if (err)
		cli_err(false, ap.conf, "%s%s", ap.error,
			ap.rolled_back ? "; every change was rolled back" : "");
	else
		apply_said(&ap, root, text, live, dry_run);
	free(text);
	return err ? CLI_EXIT_ERROR : 0;
}
