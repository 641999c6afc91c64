/* SPDX-License-Identifier: Apache-2.0 */
/* TrueType advance-width metrics, parsed here so that every back end measures text alike. */
#include "fonts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"
#include "xalloc.h"

/* Larger files are refused rather than read: DejaVu Sans is 740 KB. */
#define FONTS_FILE_MAX (64L * 1024 * 1024)
#define FONTS_BMP 0x10000u

/* A format 12 cmap range: code points start..end map to glyph..glyph+(end-start). */
struct cmap_group {
	uint32_t start, end, glyph;
};

struct font_metrics {
	unsigned units_per_em;
	int ascender, descender;
	uint16_t *advance;   /* per glyph, font units */
	size_t nglyphs;
	uint16_t *bmp;       /* glyph id of each BMP code point; 0 is the missing glyph */
	struct cmap_group *groups; /* code points above the BMP, when the font has format 12 */
	size_t ngroups;
};

/* A bounds-checked view of the font file. */
struct ttf {
	const unsigned char *p;
	size_t len;
};

static const char *const fonts_file[FONT__MAX] = {
	[FONT_REGULAR] = "DejaVuSans.ttf",
	[FONT_BOLD] = "DejaVuSans-Bold.ttf",
};

#define FONTS_WINANSI_FILE "DejaVuSans-WinAnsi.ttf"

static int
ttf_u16(const struct ttf *f, size_t off, uint32_t *v)
{
	if (off > f->len || f->len - off < 2)
		return -1;
	*v = (uint32_t)f->p[off] << 8 | f->p[off + 1];
	return 0;
}

static int
ttf_u32(const struct ttf *f, size_t off, uint32_t *v)
{
	if (off > f->len || f->len - off < 4)
		return -1;
	*v = (uint32_t)f->p[off] << 24 | (uint32_t)f->p[off + 1] << 16 |
	    (uint32_t)f->p[off + 2] << 8 | f->p[off + 3];
	return 0;
}

static int
ttf_s16(const struct ttf *f, size_t off, int *v)
{
	uint32_t u;

	if (ttf_u16(f, off, &u) < 0)
		return -1;
	*v = u >= 0x8000u ? (int)u - 0x10000 : (int)u;
	return 0;
}

/* Finds table tag; its bytes become the view *t. */
static int
ttf_table(const struct ttf *f, const char tag[4], struct ttf *t)
{
	uint32_t n, off, len;
	size_t i;

	if (ttf_u16(f, 4, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		size_t rec = 12 + 16 * i;

		if (rec > f->len || f->len - rec < 16)
			return -1;
		if (memcmp(f->p + rec, tag, 4) != 0)
			continue;
		if (ttf_u32(f, rec + 8, &off) < 0 || ttf_u32(f, rec + 12, &len) < 0)
			return -1;
		if (off > f->len || f->len - off < len)
			return -1;
		t->p = f->p + off;
		t->len = len;
		return 0;
	}
	return -1;
}

static int
ttf_read_hmtx(const struct ttf *f, struct font_metrics *fm)
{
	struct ttf hhea, hmtx, maxp;
	uint32_t nmetrics, nglyphs, adv = 0;
	size_t i;

	if (ttf_table(f, "hhea", &hhea) < 0 || ttf_table(f, "hmtx", &hmtx) < 0 ||
	    ttf_s16(&hhea, 4, &fm->ascender) < 0 ||
	    ttf_s16(&hhea, 6, &fm->descender) < 0 ||
	    ttf_u16(&hhea, 34, &nmetrics) < 0 || nmetrics == 0 ||
	    hmtx.len / 4 < nmetrics)
		return -1;
	nglyphs = nmetrics;
	if (ttf_table(f, "maxp", &maxp) == 0 && ttf_u16(&maxp, 4, &nglyphs) == 0 &&
	    nglyphs < nmetrics)
		nglyphs = nmetrics;
	fm->nglyphs = nglyphs;
	fm->advance = xcalloc(nglyphs, sizeof(*fm->advance));
	for (i = 0; i < nglyphs; i++) {
		/* Glyphs past numberOfHMetrics repeat the last advance. */
		if (i < nmetrics)
			(void)ttf_u16(&hmtx, 4 * i, &adv);
		fm->advance[i] = (uint16_t)adv;
	}
	return 0;
}

static void
cmap4_segment(const struct ttf *sub, size_t seg, size_t nseg,
    struct font_metrics *fm, unsigned long *budget)
{
	uint32_t end, start, delta, range, c, g;
	size_t ro = 14 + 2 * (3 * nseg + 1) + 2 * seg;

	if (ttf_u16(sub, 14 + 2 * seg, &end) < 0 ||
	    ttf_u16(sub, 16 + 2 * (nseg + seg), &start) < 0 ||
	    ttf_u16(sub, 16 + 2 * (2 * nseg + seg), &delta) < 0 ||
	    ttf_u16(sub, ro, &range) < 0 || start > end)
		return;
	for (c = start; c <= end && *budget > 0; c++, (*budget)--) {
		if (range == 0) {
			g = (c + delta) & 0xFFFFu;
		} else if (ttf_u16(sub, ro + range + 2 * (c - start), &g) < 0) {
			return;
		} else if (g != 0) {
			g = (g + delta) & 0xFFFFu;
		}
		if (g < fm->nglyphs && fm->bmp[c] == 0)
			fm->bmp[c] = (uint16_t)g;
	}
}

static int
ttf_read_cmap4(const struct ttf *sub, struct font_metrics *fm)
{
	uint32_t len, segx2;
	size_t s;
	/* Overlapping segments in a hostile font must not make loading quadratic. */
	unsigned long budget = 4ul * FONTS_BMP;

	if (ttf_u16(sub, 2, &len) < 0 || ttf_u16(sub, 6, &segx2) < 0 || segx2 < 2)
		return -1;
	/* Some fonts state a short length; trust the table bounds instead. */
	fm->bmp = xcalloc(FONTS_BMP, sizeof(*fm->bmp));
	for (s = 0; s < segx2 / 2; s++)
		cmap4_segment(sub, s, segx2 / 2, fm, &budget);
	return 0;
}

static void
ttf_read_cmap12(const struct ttf *sub, struct font_metrics *fm)
{
	uint32_t n, i, k = 0;

	if (ttf_u32(sub, 12, &n) < 0 || n > (sub->len - 16) / 12)
		return;
	fm->groups = xcalloc(n ? n : 1, sizeof(*fm->groups));
	for (i = 0; i < n; i++) {
		struct cmap_group gr;

		(void)ttf_u32(sub, 16 + 12 * (size_t)i, &gr.start);
		(void)ttf_u32(sub, 20 + 12 * (size_t)i, &gr.end);
		(void)ttf_u32(sub, 24 + 12 * (size_t)i, &gr.glyph);
		if (gr.start > gr.end || gr.end > 0x10FFFFu)
			continue;
		fm->groups[k++] = gr;
	}
	fm->ngroups = k;
}

/* Picks the Unicode subtables: format 4 (required) and format 12 (optional). */
static int
ttf_read_cmap(const struct ttf *f, struct font_metrics *fm)
{
	struct ttf cmap, sub, best4 = {0}, best12 = {0};
	uint32_t n, plat, enc, off, fmt;
	size_t i;

	if (ttf_table(f, "cmap", &cmap) < 0 || ttf_u16(&cmap, 2, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (ttf_u16(&cmap, 4 + 8 * i, &plat) < 0 ||
		    ttf_u16(&cmap, 6 + 8 * i, &enc) < 0 ||
		    ttf_u32(&cmap, 8 + 8 * i, &off) < 0)
			return -1;
		if (off >= cmap.len || !(plat == 0 || (plat == 3 && (enc == 1 || enc == 10))))
			continue;
		sub.p = cmap.p + off;
		sub.len = cmap.len - off;
		if (ttf_u16(&sub, 0, &fmt) < 0)
			continue;
		if (fmt == 4 && best4.p == NULL)
			best4 = sub;
		else if (fmt == 12 && best12.p == NULL)
			best12 = sub;
	}
	if (best4.p == NULL || ttf_read_cmap4(&best4, fm) < 0)
		return -1;
	if (best12.p != NULL)
		ttf_read_cmap12(&best12, fm);
	return 0;
}

static void
metrics_free(struct font_metrics *fm)
{
	if (fm == NULL)
		return;
	free(fm->advance);
	free(fm->bmp);
	free(fm->groups);
	free(fm);
}

static struct font_metrics *
metrics_parse(const unsigned char *p, size_t len)
{
	struct ttf f = {p, len}, head;
	struct font_metrics *fm = xcalloc(1, sizeof(*fm));
	uint32_t upem;

	if (ttf_table(&f, "head", &head) < 0 || ttf_u16(&head, 18, &upem) < 0 ||
	    upem < 16 || upem > 16384 || ttf_read_hmtx(&f, fm) < 0 ||
	    ttf_read_cmap(&f, fm) < 0) {
		metrics_free(fm);
		return NULL;
	}
	fm->units_per_em = upem;
	return fm;
}

/* A font file's bytes: mapped when it is a regular file, else read. */
struct font_file {
	unsigned char *p;
	size_t len;
	int mapped;
};

/* Reads all of fp (a pipe, say) into ff; -1 with a diagnostic on failure. */
static int
font_file_read(FILE *fp, const char *path, struct font_file *ff,
    struct diags *d)
{
	size_t cap = 0, got;

	do {
		if (ff->len == cap)
			xgrow((void **)&ff->p, &cap, ff->len + 65536, 1);
		got = fread(ff->p + ff->len, 1, cap - ff->len, fp);
		ff->len += got;
	} while (got > 0 && ff->len <= (size_t)FONTS_FILE_MAX);
	if (ferror(fp) || ff->len > (size_t)FONTS_FILE_MAX) {
		diags_add(d, D_READ_FAILED, path, 0, 0, "%s",
		    ferror(fp) ? strerror(errno) : "file too large for a font");
		free(ff->p);
		return -1;
	}
	return 0;
}

/*
 * Mapping instead of reading: parsing touches the metric tables only,
 * a few pages of the 740 KB, which halved the fonts' share of a report.
 */
static int
font_file_open(const char *path, struct font_file *ff, struct diags *d)
{
	struct stat st;
	FILE *fp;
	void *map;
	int fd = open(path, O_RDONLY), rc;

	memset(ff, 0, sizeof(*ff));
	if (fd < 0) {
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    st.st_size <= FONTS_FILE_MAX &&
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
	    0)) != MAP_FAILED) {
		close(fd);
		ff->p = map;
		ff->len = (size_t)st.st_size;
		ff->mapped = 1;
		return 0;
	}
	if ((fp = fdopen(fd, "rb")) == NULL) {
		diags_add(d, D_READ_FAILED, path, 0, 0, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	rc = font_file_read(fp, path, ff, d);
	fclose(fp);
	return rc;
}

static void
font_file_close(struct font_file *ff)
{
	if (ff->mapped)
		munmap(ff->p, ff->len);
	else
		free(ff->p);
}

struct fonts *
fonts_load(const char *dir, struct diags *d)
{
	struct fonts *f = xcalloc(1, sizeof(*f));
	int i;

	f->winansi_path = xasprintf("%s/%s", dir, FONTS_WINANSI_FILE);
	for (i = 0; i < FONT__MAX; i++) {
		struct font_file ff;

		f->path[i] = xasprintf("%s/%s", dir, fonts_file[i]);
		if (font_file_open(f->path[i], &ff, d) < 0) {
			fonts_free(f);
			return NULL;
		}
		f->face[i] = metrics_parse(ff.p, ff.len);
		font_file_close(&ff);
		if (f->face[i] == NULL) {
			diags_add(d, D_READ_FAILED, f->path[i], 0, 0,
			    "not a usable TrueType font");
			fonts_free(f);
			return NULL;
		}
	}
	return f;
}

static uint32_t
metrics_glyph(const struct font_metrics *fm, uint32_t c)
{
	size_t i;

	if (c < FONTS_BMP)
		return fm->bmp[c];
	for (i = 0; i < fm->ngroups; i++)
		if (c >= fm->groups[i].start && c <= fm->groups[i].end) {
			uint32_t g = fm->groups[i].glyph + (c - fm->groups[i].start);

			return g < fm->nglyphs ? g : 0;
		}
	return 0;
}

double
fonts_text_width(const struct fonts *f, enum font_face face, double size,
    const char *utf8)
{
	const struct font_metrics *fm = f->face[face];
	const unsigned char *s = (const unsigned char *)utf8;
	unsigned long units = 0;
	uint32_t c;

	/* Decoded as svg.c and pdf.c decode what they draw: a malformed byte is one U+FFFD. */
	while (*s != '\0') {
		if (*s < 0x80) {
			units += fm->advance[fm->bmp[*s++]]; /* most text: ASCII */
			continue;
		}
		s += utf8_decode(s, UTF8_NUL_TERMINATED, &c);
		units += fm->advance[metrics_glyph(fm, c)];
	}
	return (double)units * size / fm->units_per_em;
}

double
fonts_ascent(const struct fonts *f, enum font_face face, double size)
{
	return f->face[face]->ascender * size / f->face[face]->units_per_em;
}

double
fonts_descent(const struct fonts *f, enum font_face face, double size)
{
	return f->face[face]->descender * size / f->face[face]->units_per_em;
}

void
fonts_free(struct fonts *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < FONT__MAX; i++) {
		metrics_free(f->face[i]);
		free(f->path[i]);
	}
	free(f->winansi_path);
	free(f);
}
