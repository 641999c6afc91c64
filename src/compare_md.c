/* Markdown output of a comparison of two runs, short enough for a pull-request comment. */
#include "compare_md.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "xalloc.h"

/* Short marks for the compact tables: red and green circles for the significant ones. */
static const char *const cmd_marks[COMPARE__MAX] = {
	[COMPARE_SAME] = "~",
	[COMPARE_UNKNOWN] = "?",
	[COMPARE_WORSE] = "\xf0\x9f\x94\xb4",
	[COMPARE_BETTER] = "\xf0\x9f\x9f\xa2",
};

static const char *const cmd_side_names[] = { "OLD", "NEW" };

/* Writes text with the characters that break Markdown (tables included) escaped. */
static void
cmd_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("|\\*_`[]<>#", *s))
			fputc('\\', out);
		fputc(*s, out);
	}
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "<0.001", "0.023", or "–" when there is no test. */
static void
cmd_p(FILE *out, double p)
{
	if (isnan(p))
		fputs("\xe2\x80\x93", out);
	else if (p < 0.001)
		fputs("<0.001", out);
	else
		fprintf(out, "%.3f", p);
}

/* "+1.23 ± 0.40 (+20.0%)" with the CI, or "+1.2% " style when compact. */
static void
cmd_change(FILE *out, const struct compare_change *ch, int decimals,
    int compact)
{
	char buf[FORMAT_MAX];

	if (compact && !isnan(ch->percent)) {
		format_delta_ci(buf, ch->percent, 0, 1, 0);
		fprintf(out, "%s%%", buf);
		return;
	}
	format_delta_ci(buf, ch->delta, ch->half, decimals, !compact);
	fputs(buf, out);
	if (!compact && !isnan(ch->percent)) {
		format_delta_ci(buf, ch->percent, 0, 1, 0);
		fprintf(out, " (%s%%)", buf);
	}
}

static void
cmd_mean(FILE *out, double mean, double half, int decimals)
{
	char buf[FORMAT_MAX];

	format_mean_ci(buf, mean, half, decimals, 1);
	fputs(buf, out);
}

static void
cmd_row_start(FILE *out, const char *gadget, const char *tcase, double rate)
{
	char buf[FORMAT_MAX];

	fputs("| ", out);
	cmd_text(out, gadget);
	if (tcase != NULL) {
		fputs(" | ", out);
		cmd_text(out, tcase);
	}
	format_rate(buf, rate);
	fprintf(out, " | %s |", buf);
}

static void
cmd_significant_entry(FILE *out, const struct compare_entry *e)
{
	int dec = compare_metric_decimals(e->metric);

	cmd_row_start(out, e->gadget, e->tcase, e->rate);
	fprintf(out, " %s | ", compare_metric_label(e->metric));
	cmd_mean(out, e->old.mean, e->old.half, dec);
	fputs(" | ", out);
	cmd_mean(out, e->new.mean, e->new.half, dec);
	fputs(" | ", out);
	cmd_change(out, &e->change, dec, 0);
	fputs(" | ", out);
	cmd_p(out, e->change.q);
	fputs(" |\n", out);
}

static void
cmd_significant_overhead(FILE *out, const struct compare_overhead *o)
{
	int dec = compare_metric_decimals(o->metric);
	char buf[FORMAT_MAX];

	cmd_row_start(out, o->gadget, "overhead", o->rate);
	fprintf(out, " %s | ", compare_metric_label(o->metric));
	format_delta_ci(buf, o->old.delta, o->old.half, dec, 1);
	fprintf(out, "%s | ", buf);
	format_delta_ci(buf, o->new.delta, o->new.half, dec, 1);
	fprintf(out, "%s | ", buf);
	cmd_change(out, &o->change, dec, 0);
	fputs(" | ", out);
	cmd_p(out, o->change.q);
	fputs(" |\n", out);
}

/* The regressions or the improvements, gadget by gadget, overheads after each gadget's entries. */
static void
cmd_significant(FILE *out, const struct comparison *c, enum compare_verdict v,
    const char *title)
{
	size_t n = 0, g, i;

	for (i = 0; i < c->nentries; i++)
		n += c->entries[i].change.verdict == v;
	for (i = 0; i < c->noverheads; i++)
		n += c->overheads[i].change.verdict == v;
	if (n == 0)
		return;
	fprintf(out, "\n### %s %s (%zu)\n\n", cmd_marks[v], title, n);
	fputs("| Gadget | Case | Rate | Metric | OLD | NEW | Change | p |\n"
	    "|:--|:--|--:|:--|--:|--:|--:|--:|\n", out);
	for (g = 0; g < c->old->ngadgets; g++) {
		const char *name = c->old->gadgets[g].name;

		for (i = 0; i < c->nentries; i++)
			if (c->entries[i].gadget == name &&
			    c->entries[i].change.verdict == v)
				cmd_significant_entry(out, &c->entries[i]);
		for (i = 0; i < c->noverheads; i++)
			if (c->overheads[i].gadget == name &&
			    c->overheads[i].change.verdict == v)
				cmd_significant_overhead(out, &c->overheads[i]);
	}
}

static void
cmd_heading(FILE *out, const struct comparison *c)
{
	size_t worse = c->counts[COMPARE_WORSE], better = c->counts[COMPARE_BETTER];
	char level[FORMAT_MAX], alpha[FORMAT_NUMBER_MAX], thr[FORMAT_NUMBER_MAX];
	char *corr = compare_correction_phrase(c);

	format_level(level, c->opt.level);
	snprintf(alpha, sizeof(alpha), "%g", c->opt.alpha);
	snprintf(thr, sizeof(thr), "%g", c->opt.threshold);
	fprintf(out, "## Benchmark comparison: %zu %s, %zu %s\n\n", worse,
	    plural(worse, "regression", "regressions"), better,
	    plural(better, "improvement", "improvements"));
	fputs("OLD: ", out);
	cmd_text(out, c->old->inputs[0].name);
	fprintf(out, " (%lu rows), NEW: ", c->old->total_rows);
	cmd_text(out, c->new->inputs[0].name);
	fprintf(out, " (%lu rows). A change is significant when Welch's t-test "
	    "gives p < %s%s and it is at least %s%% of the OLD value; otherwise "
	    "~ (no significant change), or ? (fewer than 2 runs on a side). "
	    "Values are means \xc2\xb1 the %s%% confidence interval; CPU is "
	    "percent of all cores, memory MiB, lost events per second; overhead "
	    "is with IG minus baseline.\n", c->new->total_rows, alpha, corr, thr,
	    level);
	free(corr);
}

static void
cmd_machine_warning(FILE *out, const struct comparison *c)
{
	size_t i;

	if (!c->machines_differ)
		return;
	fputs("\n> **\xe2\x9a\xa0\xef\xb8\x8f Warning: the runs come from "
	    "different machines, so this comparison is unsound.**\n>\n", out);
	for (i = 0; i < c->nmachine; i++) {
		const struct compare_machine *k = &c->machine[i];

		if (!k->critical)
			continue;
		fputs("> - ", out);
		cmd_text(out, k->key);
		fputs(": ", out);
		cmd_text(out, k->old_value ? k->old_value : "(missing)");
		fputs(" (OLD) vs ", out);
		cmd_text(out, k->new_value ? k->new_value : "(missing)");
		fputs(" (NEW)\n", out);
	}
}

static void
cmd_compact_row(FILE *out, const struct comparison *c, size_t i, size_t end,
    unsigned metrics)
{
	size_t j;
	int m;

	cmd_row_start(out, c->entries[i].gadget, c->entries[i].tcase,
	    c->entries[i].rate);
	for (m = 0; m < METRIC__MAX; m++) {
		if (!(metrics & (1u << m)))
			continue;
		for (j = i; j < end && c->entries[j].metric != (enum metric)m; j++)
			continue;
		fputc(' ', out);
		if (j == end) {
			fputs("\xe2\x80\x93", out);
		} else {
			cmd_change(out, &c->entries[j].change,
			    compare_metric_decimals((enum metric)m), 1);
			fprintf(out, " %s", cmd_marks[c->entries[j].change.verdict]);
		}
		fputs(" |", out);
	}
	fputc('\n', out);
}

/* Every comparison, one row per gadget, case and rate, folded away. */
static void
cmd_all(FILE *out, const struct comparison *c)
{
	unsigned metrics = c->old->metrics & c->new->metrics;
	size_t i, end;
	int m;

	if (c->nentries == 0)
		return;
	fprintf(out, "\n<details><summary>All %zu comparisons: change from OLD "
	    "to NEW in percent of OLD (absolute where OLD is 0)</summary>\n\n"
	    "| Gadget | Case | Rate |", c->nentries);
	for (m = 0; m < METRIC__MAX; m++)
		if (metrics & (1u << m))
			fprintf(out, " %s |", compare_metric_label((enum metric)m));
	fputs("\n|:--|:--|--:|", out);
	for (m = 0; m < METRIC__MAX; m++)
		if (metrics & (1u << m))
			fputs("--:|", out);
	fputc('\n', out);
	for (i = 0; i < c->nentries; i = end) {
		end = compare_group_end(c, i);
		cmd_compact_row(out, c, i, end, metrics);
	}
	fputs("\n</details>\n", out);
}

static void
cmd_overhead_cells(FILE *out, const struct compare_overhead *o)
{
	int dec = compare_metric_decimals(o->metric);
	char buf[FORMAT_MAX];

	format_delta_ci(buf, o->old.delta, o->old.half, dec, 1);
	fprintf(out, " %s |", buf);
	format_delta_ci(buf, o->new.delta, o->new.half, dec, 1);
	fprintf(out, " %s | ", buf);
	cmd_change(out, &o->change, dec, 0);
	fprintf(out, " %s |", cmd_marks[o->change.verdict]);
}

/* One row per gadget and rate; Cpu and Mem columns side by side. */
static void
cmd_overheads(FILE *out, const struct comparison *c)
{
	static const char none[] = " \xe2\x80\x93 | \xe2\x80\x93 | \xe2\x80\x93 |";
	size_t i, j;
	int k;

	if (c->noverheads == 0)
		return;
	fputs("\n### Overhead (with IG \xe2\x88\x92 baseline)\n\n"
	    "| Gadget | Rate | CPU OLD | CPU NEW | CPU change | Mem OLD | "
	    "Mem NEW | Mem change |\n"
	    "|:--|--:|--:|--:|--:|--:|--:|--:|\n", out);
	for (i = 0; i < c->noverheads; i = j) {
		cmd_row_start(out, c->overheads[i].gadget, NULL,
		    c->overheads[i].rate);
		for (j = i; j < c->noverheads &&
		    c->overheads[j].gadget == c->overheads[i].gadget &&
		    c->overheads[j].rate == c->overheads[i].rate; j++)
			continue;
		for (k = 0; k < 2; k++) {
			enum metric m = k ? METRIC_MEM : METRIC_CPU;
			size_t x;

			for (x = i; x < j && c->overheads[x].metric != m; x++)
				continue;
			if (x < j)
				cmd_overhead_cells(out, &c->overheads[x]);
			else
				fputs(none, out);
		}
		fputc('\n', out);
	}
}

static int
cmd_same_place(const struct compare_only *a, const struct compare_only *b)
{
	return a->kind == b->kind && a->side == b->side &&
	    strcmp(a->gadget, b->gadget) == 0 && strcmp(a->tcase, b->tcase) == 0;
}

/* "- trace_exec, ig: 8192, 16384 events/s only in NEW", every rate of one place together. */
static void
cmd_only_rates(FILE *out, const struct comparison *c, size_t i, char *done)
{
	const struct compare_only *o = &c->only[i];
	char buf[FORMAT_MAX];
	size_t j;

	fputs("- ", out);
	cmd_text(out, o->gadget);
	fputs(", ", out);
	cmd_text(out, o->tcase);
	fputs(":", out);
	for (j = i; j < c->nonly; j++) {
		if (done[j] || !cmd_same_place(o, &c->only[j]))
			continue;
		done[j] = 1;
		format_rate(buf, c->only[j].rate);
		fprintf(out, "%s %s", j == i ? "" : ",", buf);
	}
	fprintf(out, " events/s only in %s\n", cmd_side_names[o->side]);
}

static void
cmd_only(FILE *out, const struct comparison *c)
{
	char *done;
	size_t i;

	if (c->nonly == 0)
		return;
	done = xcalloc(c->nonly, 1);
	fputs("\n### Only in one run\n\n", out);
	for (i = 0; i < c->nonly; i++) {
		const struct compare_only *o = &c->only[i];

		if (done[i])
			continue;
		if (o->kind == COMPARE_ONLY_RATE) {
			cmd_only_rates(out, c, i, done);
			continue;
		}
		fputs("- ", out);
		if (o->kind == COMPARE_ONLY_METRIC) {
			fprintf(out, "column %s", metric_name(o->metric));
		} else {
			fputs(o->kind == COMPARE_ONLY_GADGET ? "gadget " : "", out);
			cmd_text(out, o->gadget);
			if (o->kind == COMPARE_ONLY_CASE) {
				fputs(", case ", out);
				cmd_text(out, o->tcase);
			}
		}
		fprintf(out, ": only in %s\n", cmd_side_names[o->side]);
	}
	free(done);
}

static void
cmd_machines(FILE *out, const struct comparison *c)
{
	size_t i;

	if (c->nmachine == 0)
		return;
	fputs("\n<details><summary>Machines (\xe2\x89\xa0 marks a difference)"
	    "</summary>\n\n|  | OLD | NEW |\n|:--|:--|:--|\n", out);
	for (i = 0; i < c->nmachine; i++) {
		const struct compare_machine *k = &c->machine[i];

		fputs("| ", out);
		cmd_text(out, k->key);
		fputs(k->differs ? " \xe2\x89\xa0 | " : " | ", out);
		cmd_text(out, k->old_value ? k->old_value : "\xe2\x80\x93");
		fputs(" | ", out);
		cmd_text(out, k->new_value ? k->new_value : "\xe2\x80\x93");
		fputs(" |\n", out);
	}
	fputs("\n</details>\n", out);
}

int
compare_md_write(FILE *out, const struct comparison *c)
{
	cmd_heading(out, c);
	cmd_machine_warning(out, c);
	cmd_significant(out, c, COMPARE_WORSE, "Regressions");
	cmd_significant(out, c, COMPARE_BETTER, "Improvements");
	cmd_all(out, c);
	cmd_overheads(out, c);
	cmd_only(out, c);
	cmd_machines(out, c);
	return ferror(out) ? -1 : 0;
}
