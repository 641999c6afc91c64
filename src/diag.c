/* SPDX-License-Identifier: Apache-2.0 */
/* Message texts of the diagnostics catalogue and the list that collects them. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const char *const diag_messages[D__MAX] = {
	[D_UNKNOWN_COLUMN] = "unknown column ignored",
	[D_LEFTOVERS_REMOVED] = "removed temporary files left by an interrupted run",
	[D_RATE_ONE_SIDE] = "rate measured on one side only, shown as a gap",
	[D_NO_BASELINE] = "gadget has no baseline rows",
	[D_NO_IG] = "gadget has no ig rows",
	[D_NO_DATA_ROWS] = "header but no data rows",
	[D_GADGET_NOT_FOUND] = "gadget selected with --gadget not found",
	[D_TOO_MANY_DIAGS] = "too many diagnostics, the rest are not shown",
	[D_NOT_ATTACHED] = "input too large to attach to the PDF",
	[D_MACHINES_DIFFER] = "the runs come from different machines, the comparison is unsound",
	[D_REGRESSIONS] = "regressions found",
	[D_INPUT_MACHINES_DIFFER] = "the inputs come from different machines, merged into one report",
	[D_UNTESTED] = "some groups could not be tested",
	[D_CHART_NO_SERIES] = "no series of the chart is in the data, chart left out",
	[D_RUNS_MACHINES] = "the runs come from different machines, kept apart as separate series",
	[D_TREND_GAPS] = "some series lack a value in some runs, shown as gaps",
	[D_NO_GATE] = "fewer than 2 earlier runs of the newest run's machine, the newest run is not gated",
	[D_LATEST_WORSE] = "the newest run is out of line with the history",
	[D_EMPTY_INPUT] = "empty input",
	[D_NO_HEADER] = "no header line",
	[D_MISSING_COLUMN] = "missing required column",
	[D_DUPLICATE_COLUMN] = "duplicate column",
	[D_FIELD_COUNT] = "wrong number of fields",
	[D_UNTERMINATED_QUOTE] = "unterminated quoted field",
	[D_QUOTE_IN_FIELD] = "quote inside an unquoted field",
	[D_TEXT_AFTER_QUOTE] = "text after a closing quote",
	[D_EMPTY_CELL] = "empty cell",
	[D_NOT_A_NUMBER] = "not a number",
	[D_NOT_FINITE] = "not a finite number",
	[D_OUT_OF_RANGE] = "number out of range",
	[D_NEGATIVE_RATE] = "negative events per second",
	[D_EMPTY_NAME] = "empty gadget or case name",
	[D_BAD_ENCODING] = "invalid UTF-8 or control character",
	[D_LINE_TOO_LONG] = "line too long",
	[D_TOO_MANY_COLUMNS] = "too many columns",
	[D_TOO_MANY_GROUPS] = "too many groups",
	[D_NO_DATA] = "no data rows in any input",
	[D_NO_GADGET_MATCHED] = "no gadget matched --gadget",
	[D_AMBIGUOUS_HEADER] = "ambiguous header",
	[D_SAME_INPUT] = "the same input given twice",
	[D_NEGATIVE_VALUE] = "negative value",
	[D_UNDERFLOW] = "number too small, it would be read as 0",
	[D_INVISIBLE_CHARACTER] = "control or invisible character in a name",
	[D_NAME_TOO_LONG] = "name too long",
	[D_NOTHING_TESTED] = "nothing could be tested",
	[D_TEMPLATE_XML] = "template is not well-formed XML",
	[D_TEMPLATE_SCHEMA] = "template does not match the schema",
	[D_TEMPLATE_DOCTYPE] = "template must not have a DOCTYPE",
	[D_TEMPLATE_METRIC] = "invalid metric in template",
	[D_TEMPLATE_COLUMN] = "invalid table column in template",
	[D_TEMPLATE_VALUE] = "invalid value in template",
	[D_TEMPLATE_PLACEHOLDER] = "unknown placeholder in template",
	[D_NOTHING_TO_DRAW] = "nothing to draw: no figure or table has data",
	[D_BAD_EPOCH] = "SOURCE_DATE_EPOCH must be a number of seconds since 1970",
	[D_STDOUT_FORMAT] = "standard output takes one file: -o - needs a format other than svg and all",
	[D_RUN_LABEL] = "bad run label",
	[D_DUPLICATE_LABEL] = "two runs have the same label",
	[D_NO_DATE] = "every run needs a benchmark date for --order date",
	[D_OPEN_FAILED] = "cannot open",
	[D_READ_FAILED] = "cannot read",
	[D_INPUT_CHANGED] = "input changed while it was read",
	[D_WRITE_FAILED] = "cannot write",
	[D_OUTPUT_IS_INPUT] = "output would overwrite an input",
	[D_OUTPUT_NOT_FILE] = "output is not a regular file, not replaced",
	[D_OUTPUT_LINK] = "output is a symbolic link out of its directory, not replaced",
	[D_MD_TOO_LONG] = "Markdown does not fit --max-chars, even shortened",
	[D_PDF_LIBRARY] = "PDF library error",
};

static const char *const diag_level_names[] = {
	[DIAG_NOTE] = "note",
	[DIAG_WARNING] = "warning",
	[DIAG_ERROR] = "error",
	[DIAG_SYSERR] = "error",
};

const char *
diag_message(enum diag_code code)
{
	return code < D__MAX ? diag_messages[code] : "unknown diagnostic";
}

enum diag_level
diag_level(enum diag_code code)
{
	if (code < D_RATE_ONE_SIDE)
		return DIAG_NOTE;
	if (code < D_EMPTY_INPUT)
		return DIAG_WARNING;
	if (code < D_OPEN_FAILED)
		return DIAG_ERROR;
	return DIAG_SYSERR;
}

void
diags_add(struct diags *d, enum diag_code code, const char *file,
    unsigned long line, unsigned long column, const char *detail_fmt, ...)
{
	struct diag *dg;
	va_list ap;
	int len;

	if (diag_level(code) >= DIAG_ERROR)
		d->errors++;
	if (d->n >= DIAGS_MAX) {
		if (d->n == DIAGS_MAX)
			code = D_TOO_MANY_DIAGS, file = NULL, line = column = 0,
			detail_fmt = NULL;
		else
			return;
	}
	xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	dg = &d->v[d->n++];
	dg->code = code;
	dg->file = file ? xstrdup(file) : NULL;
	dg->line = line;
	dg->column = column;
	dg->detail = NULL;
	if (detail_fmt != NULL) {
		va_start(ap, detail_fmt);
		len = vsnprintf(NULL, 0, detail_fmt, ap);
		va_end(ap);
		if (len >= 0) {
			dg->detail = xmalloc((size_t)len + 1);
			va_start(ap, detail_fmt);
			vsnprintf(dg->detail, (size_t)len + 1, detail_fmt, ap);
			va_end(ap);
		}
	}
}

int
diags_worst(const struct diags *d)
{
	int worst = -1;
	size_t i;

	for (i = 0; i < d->n; i++)
		if ((int)diag_level(d->v[i].code) > worst)
			worst = (int)diag_level(d->v[i].code);
	if (d->errors > 0 && worst < DIAG_ERROR)
		worst = DIAG_ERROR; /* errors beyond DIAGS_MAX still count */
	return worst;
}

int
diags_failed(const struct diags *d)
{
	return d->errors > 0;
}

char *
diag_format(const struct diag *dg)
{
	char where[64] = "";
	const char *file = dg->file ? dg->file : "";
	const char *sep = dg->file ? ": " : "";

	if (dg->file && dg->line && dg->column)
		snprintf(where, sizeof(where), ":%lu:%lu", dg->line, dg->column);
	else if (dg->file && dg->line)
		snprintf(where, sizeof(where), ":%lu", dg->line);
	return xasprintf("igreport: %s%s%s%s: %s%s%s", file, where, sep,
	    diag_level_names[diag_level(dg->code)], diag_message(dg->code),
	    dg->detail ? ": " : "", dg->detail ? dg->detail : "");
}

void
diags_print(const struct diags *d, FILE *out, int verbose, int quiet)
{
	size_t i;
	char *line;

	for (i = 0; i < d->n; i++) {
		enum diag_level lv = diag_level(d->v[i].code);

		if ((lv == DIAG_NOTE && !verbose) ||
		    (lv == DIAG_WARNING && quiet))
			continue;
		line = diag_format(&d->v[i]);
		fprintf(out, "%s\n", line);
		free(line);
	}
}

void
diags_move(struct diags *to, struct diags *from)
{
	size_t i, moved_errors = 0;

	for (i = 0; i < from->n; i++) {
		const struct diag *dg = &from->v[i];

		if (diag_level(dg->code) >= DIAG_ERROR)
			moved_errors++;
		if (dg->detail != NULL)
			diags_add(to, dg->code, dg->file, dg->line, dg->column,
			    "%s", dg->detail);
		else
			diags_add(to, dg->code, dg->file, dg->line, dg->column,
			    NULL);
	}
	/* Errors past from's cap were counted there but not kept. */
	to->errors += from->errors - moved_errors;
	diags_free(from);
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].detail);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
