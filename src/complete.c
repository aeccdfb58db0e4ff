// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * complete.c - what the shells' completions (contrib/completion/) ask
 * pagefail, so that they cannot drift from it: each command's options
 * as its parser takes them, with the value each takes (the option's
 * metavar in the command's --help) and the kind of word that value is;
 * the operands of its synopsis; and the words of a kind that pagefail
 * knows (eras, settings).  Hidden, as git's --git-completion-helper is:
 *
 *   pagefail --completion-helper          command<TAB>summary, a line each
 *   pagefail CMD --completion-helper      option<TAB>-s<TAB>--long<TAB>ARG
 *                                         <TAB>KIND<TAB>help's line, and
 *                                         operand<TAB>WORD<TAB>KIND
 *   pagefail CMD --completion-helper=KIND the words of KIND, a line each
 *
 * KIND: file, dir, era, setting, word (anything), or empty (no value).
 * An option its --help does not show is said on stderr and the status is
 * 1: the completions' test holds every command to that.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define HELPER "--completion-helper"

/* The kind of word a metavar (FILE, DIR, V, N=V ...) stands for. */
static const char *kind_of(const char *meta)
{
	static const struct {
		const char *meta, *kind;
	} kinds[] = {
		{ "FILE", "file" },	{ "F", "file" },
		{ "TRACE", "file" },	{ "SOURCE", "file" },
		{ "SCENARIO", "file" }, { "DIR", "dir" },
		{ "ROOT", "dir" },	{ "VERSION", "era" },
		{ "V", "era" },		{ "COMMAND", "command" },
	};
	/* "SOURCE...", "TRACE.json": the word before the dots */
	size_t n = strcspn(meta, ".");

	if (strchr(meta, '='))
		return "setting";
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strlen(kinds[i].meta) == n &&
		    !strncmp(meta, kinds[i].meta, n))
			return kinds[i].kind;
	return "word";
}

bool cli_complete_asked(const char *arg)
{
	return !strncmp(arg, HELPER, strlen(HELPER)) &&
	       (!arg[strlen(HELPER)] || arg[strlen(HELPER)] == '=');
}

/* The command's --help, whole: a string to free, or NULL. */
static char *help_text(const struct cli_opts *o)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);

	if (!f)
		return NULL;
	o->usage(f);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

/*
 * The line of help that shows --name (after "-x, " or spaces): its metavar
 * into meta (empty: it takes none) and its words into what.  false: none.
 */
static bool help_line(const char *help, const char *name, char *meta,
		      size_t nmeta, char *what, size_t nwhat)
{
	size_t len = strlen(name);
	const char *l = help;

	for (; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *s = l + strspn(l, " "), *e;

		if (s[0] == '-' && s[1] != '-' && s[2] == ',' && s[3] == ' ')
			s += 4;
		if (strncmp(s, "--", 2) || strncmp(s + 2, name, len) ||
		    !strchr(" \n", s[2 + len]))
			continue;
		s += 2 + len;
		/* one space, then a word: the value; two or more: the text */
		e = s;
		if (s[0] == ' ' && s[1] != ' ' && s[1] != '\n') {
			e = ++s;
			e += strcspn(e, " \n");
		}
		snprintf(meta, nmeta, "%.*s", (int)(e - s), s);
		e += strspn(e, " ");
		snprintf(what, nwhat, "%.*s", (int)strcspn(e, "\n"), e);
		return true;
	}
	return false;
}

/* The short option of a long one, or 0: the table's val, if in shorts. */
static int short_of(const struct cli_parser *p, const struct option *opt)
{
	if (opt->flag || opt->val <= 0 || opt->val > 127 || !isalpha(opt->val))
		return 0;
	return strchr(p->shorts, opt->val) ? opt->val : 0;
}

/* Is the word at s, in text, the value of an option ("--name WORD")? */
static bool option_value(const char *text, const char *s)
{
	while (s > text && s[-1] == ' ')
		s--;
	if (s > text && s[-1] == ']') /* "[-q] DIR": a group ends before */
		return false;
	while (s > text && !strchr(" \n[", s[-1]))
		s--;
	return *s == '-';
}

/* The operand of n letters at s ("SOURCE...": the dots say its kind) */
static void operand(const char *s, size_t n)
{
	char word[64];

	snprintf(word, sizeof(word), "%.*s", (int)(n + strspn(s + n, ".")), s);
	printf("operand\t%.*s\t%s\n", (int)n, s, kind_of(word));
}

/*
 * The words of the synopsis ("usage: pagefail CMD ..." up to its blank
 * line) that no option group ("[-x ...]", "[--name ...]") holds: its
 * operands, a line each.
 */
static void operands(const char *help, const char *cmd)
{
	const char *s = strstr(help, "pagefail "), *end = strstr(help, "\n\n");
	int depth = 0, opt_depth = -1;

	if (!s || !end)
		return;
	for (s += strlen("pagefail ") + strlen(cmd); s < end; s++) {
		size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_");

		if (*s == '[') {
			depth++;
			if (opt_depth < 0 && s[1] == '-')
				opt_depth = depth;
		} else if (*s == ']') {
			if (depth-- == opt_depth)
				opt_depth = -1;
		} else if (n && opt_depth < 0 &&
			   !isalnum((unsigned char)s[-1]) &&
			   !option_value(help, s)) {
			operand(s, n);
		}
		s += n ? n - 1 : 0;
	}
}

/* Every option of p, a line each: 0, or 1 when --help misses one. */
static int options(const struct cli_parser *p, const char *help)
{
	int status = 0;

	for (const struct option *opt = p->table; opt->name; opt++) {
		char meta[64], what[160];
		int sh = short_of(p, opt);
		char sopt[3] = { '-', (char)sh, '\0' };

		if (!strcmp(opt->name, "help")) { /* every command's */
			printf("option\t-h\t--help\t\t\tshow this help\n");
			continue;
		}
		if (!help_line(help, opt->name, meta, sizeof(meta), what,
			       sizeof(what))) {
			cli_err(false, NULL,
				"%s: --%s is not in 'pagefail help %s'",
				p->o->cmd, opt->name, p->o->cmd);
			status = 1;
			continue;
		}
		printf("option\t%s\t--%s\t%s\t%s\t%s\n", sh ? sopt : "",
		       opt->name, meta, *meta ? kind_of(meta) : "", what);
	}
	return status;
}

int cli_complete(const struct cli_parser *p, const char *arg)
{
	const char *kind = strchr(arg, '=');
	char *help;
	int status;

	if (kind)
		return cli_complete_words(p->o->cmd, kind + 1);
	help = help_text(p->o);
	if (!help) {
		cli_err(false, NULL, "%s: out of memory", p->o->cmd);
		return CLI_EXIT_ERROR;
	}
	status = options(p, help);
	operands(help, p->o->cmd);
	free(help);
	return status;
}

int cli_complete_words(const char *cmd, const char *kind)
{
	const char *w;

	if (!strcmp(kind, "era")) {
		for (size_t i = 0; (w = pf_kver_era_name(i)); i++)
			printf("%s\n", w);
	} else if (!strcmp(kind, "setting") &&
		   (!strcmp(cmd, "simulate") || !strcmp(cmd, "report"))) {
		/* a scenario's settings; advise's are sysctls only */
		for (size_t i = 0; (w = pf_scenario_set_name(i)); i++)
			printf("%s\n", w);
	} else if (!strcmp(kind, "setting")) {
		for (size_t i = 0; (w = pf_advice_sysctl_name(i)); i++)
			printf("%s\n", w);
	}
	return 0;
}
