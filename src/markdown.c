/* Markdown output: per-gadget tables of means with confidence intervals, and the summary. */
#include "markdown.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "summary.h"
#include "xalloc.h"

/* One table column: a case's metric, an overhead, or the rate. */
struct md_column {
	const char *header;
	const char *tcase; /* NULL: overhead (or rate when metric is METRIC__MAX) */
	enum metric metric;
	int decimals;
	int integer;
};

static const struct md_column md_columns[] = {
	{ "RPS", NULL, METRIC__MAX, 0, 0 },
	{ "Baseline CPU (%)", "baseline", METRIC_CPU, 2, 0 },
	{ "With IG CPU (%)", "ig", METRIC_CPU, 2, 0 },
	{ "IG Process CPU (%)", "ig", METRIC_IGCPU, 2, 0 },
	{ "Baseline Mem (MiB)", "baseline", METRIC_MEM, 0, 0 },
	{ "With IG Mem (MiB)", "ig", METRIC_MEM, 0, 0 },
	{ "IG Process Mem (MiB)", "ig", METRIC_IGMEM, 0, 0 },
	{ "Lost events/s", "ig", METRIC_LOST, 0, 1 },
	{ "CPU overhead (points)", NULL, METRIC_CPU, 2, 0 },
	{ "Mem overhead (MiB)", NULL, METRIC_MEM, 0, 0 },
};
#define MD_NCOLUMNS (sizeof(md_columns) / sizeof(md_columns[0]))

/* Writes text with the characters that break a Markdown table escaped. */
static void
md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("|\\*_`[]<>#", *s))
			fputc('\\', out);
		fputc(*s, out);
	}
}

static int
series_index(const struct model_gadget *g, const char *tcase)
{
	size_t s;

	for (s = 0; s < g->nseries; s++)
		if (strcmp(g->series[s].name, tcase) == 0)
			return (int)s;
	return -1;
}

static void
md_cell(FILE *out, const struct model_gadget *g, size_t r,
    const struct md_column *c)
{
	char buf[FORMAT_MAX];
	int s;

	if (c->metric == METRIC__MAX) {
		format_rate(buf, g->rates[r]);
	} else if (c->tcase == NULL) {
		const struct model_delta *dl = &g->overhead[r].m[c->metric];

		if (!dl->defined) {
			fputs(" \xe2\x80\x93 |", out);
			return;
		}
		format_delta_ci(buf, dl->delta, dl->half, c->decimals, 1);
	} else {
		const struct model_stat *st;

		s = series_index(g, c->tcase);
		st = s < 0 ? NULL : &g->series[s].cells[r].m[c->metric];
		if (st == NULL || st->n == 0) {
			fputs(" \xe2\x80\x93 |", out);
			return;
		}
		if (c->integer)
			format_fixed(buf, trunc(st->mean), 0); /* the notebook's int() */
		else
			format_mean_ci(buf, st->mean, st->half, c->decimals, 1);
	}
	fprintf(out, " %s |", buf);
}

static void
md_gadget(FILE *out, const struct model *m, const struct model_gadget *g)
{
	size_t c, r;

	fputs("\n## ", out);
	md_text(out, g->name);
	fputs("\n\n|", out);
	for (c = 0; c < MD_NCOLUMNS; c++)
		if (md_columns[c].metric == METRIC__MAX ||
		    model_has_metric(m, md_columns[c].metric))
			fprintf(out, " %s |", md_columns[c].header);
	fputs("\n|", out);
	for (c = 0; c < MD_NCOLUMNS; c++)
		if (md_columns[c].metric == METRIC__MAX ||
		    model_has_metric(m, md_columns[c].metric))
			fputs("---:|", out);
	fputc('\n', out);
	for (r = 0; r < g->nrates; r++) {
		fputc('|', out);
		for (c = 0; c < MD_NCOLUMNS; c++)
			if (md_columns[c].metric == METRIC__MAX ||
			    model_has_metric(m, md_columns[c].metric))
				md_cell(out, g, r, &md_columns[c]);
		fputc('\n', out);
	}
}

static void
md_preamble(FILE *out, const struct model *m, const char *title)
{
	char level[FORMAT_MAX];
	size_t i;

	format_level(level, m->level);
	fputs("# ", out);
	md_text(out, title);
	fputs("\n\nInputs:", out);
	for (i = 0; i < m->ninputs; i++) {
		fputs(i ? ", " : " ", out);
		md_text(out, m->inputs[i].name);
	}
	fprintf(out, " (%lu rows). Values are means \xc2\xb1 the half-width of "
	    "the %s%% confidence interval (Student t); overheads are with IG "
	    "minus baseline with a Welch %s%% interval. CPU is percent of all "
	    "cores, memory MiB.\n", m->total_rows, level, level);
	if (m->nmeta > 0) {
		fputs("\n## Machine\n\n", out);
		for (i = 0; i < m->nmeta; i++) {
			fputs("- **", out);
			md_text(out, m->meta[i].key);
			fputs(":** ", out);
			md_text(out, m->meta[i].value);
			fputc('\n', out);
		}
	}
}

int
markdown_write(FILE *out, const struct model *model, const char *title)
{
	size_t i;
	char *s;

	md_preamble(out, model, title);
	fputs("\n## Summary\n\n", out);
	for (i = 0; i < model->ngadgets; i++) {
		s = summary_gadget(model, &model->gadgets[i]);
		fputs("- ", out);
		md_text(out, s);
		fputc('\n', out);
		free(s);
	}
	for (i = 0; i < model->ngadgets; i++)
		md_gadget(out, model, &model->gadgets[i]);
	return ferror(out) ? -1 : 0;
}
