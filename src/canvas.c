/* The back-end independent part of the canvas: text measurement through the shared fonts. */
#include "canvas.h"

double
canvas_text_width(const struct canvas *c, const char *utf8,
    const struct canvas_text *style)
{
	return fonts_text_width(c->fonts, style->face, style->size, utf8);
}
