/* SPDX-License-Identifier: Apache-2.0 */
/* Greedy word wrap at spaces, measured with the shared font metrics. */
#include "text_flow.h"

#include <stdlib.h>

#include "xalloc.h"

size_t
text_flow_fit(const struct canvas *c, const char *s, double width,
    const struct canvas_text *st)
{
	size_t best = 0, i;
	char *probe = xstrdup(s);

	for (i = 0;; i++) {
		if (s[i] == ' ' || s[i] == '\0') {
			probe[i] = '\0';
			if (best > 0 && canvas_text_width(c, probe, st) > width)
				break;
			best = i;
			probe[i] = s[i];
			if (s[i] == '\0')
				break;
		}
	}
	free(probe);
	return best;
}

void
text_flow_wrap(const struct canvas *c, const char *text, double width,
    const struct canvas_text *st, struct text_flow_lines *out)
{
	const char *s = text;
	size_t len, cap = 0;

	out->v = NULL;
	out->n = 0;
	while (*s != '\0') {
		len = text_flow_fit(c, s, width, st);
		if (len == 0)
			len = 1; /* never stall on a lone space */
		xgrow((void **)&out->v, &cap, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = xstrndup(s, len);
		for (s += len; *s == ' '; s++)
			continue;
	}
}

void
text_flow_lines_free(struct text_flow_lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
