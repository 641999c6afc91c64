/* SPDX-License-Identifier: Apache-2.0 */
/* What the PDF back end needs from libharu beyond its public API: the one module that touches its internals. */
#ifndef IGREPORT_PDF_HARU_H
#define IGREPORT_PDF_HARU_H

#include <stddef.h>
#include <stdio.h>

#include <hpdf.h>

#include "zpack.h"

/*
 * Every function here works on libharu's objects through the headers it
 * installs but does not document (hpdf_doc.h, hpdf_pages.h, the fields of
 * its dictionaries and streams), checked against libharu 2.3.0 (Debian 12)
 * and 2.4.6. A failure is left in the document's error state, as libharu's
 * own internal calls leave it (HPDF_GetError), and -1 is returned.
 */

/* Appends n bytes of content operators to page's content stream. */
int pdf_haru_page_append(HPDF_Page page, const char *ops, size_t n);

/*
 * The content operators of page so far, copied into a new buffer of *len
 * bytes (the caller frees it); NULL when there are none to copy.
 */
unsigned char *pdf_haru_page_contents(HPDF_Page page, size_t *len);

/*
 * Replaces the content of page by z, the n bytes of its zlib stream
 * (deflated as libharu would: compress2 at the default level), written
 * as they are with the /Filter libharu writes for a stream it deflates
 * itself: the same file, its deflating done elsewhere.
 */
int pdf_haru_page_deflated(HPDF_Page page, const unsigned char *z, size_t n);

/*
 * Attaches a file named name (cleaned UTF-8; uf writes its /UF string:
 * NULL for ASCII) of len bytes at bytes, for libharu to deflate.
 */
int pdf_haru_attach(HPDF_Doc doc, const char *name, HPDF_Encoder uf,
    const unsigned char *bytes, size_t len);

/*
 * As pdf_haru_attach, for a file deflated already into z (finished),
 * whose stream is read from z when the document is written, with no
 * copy: z must outlive the document.
 */
int pdf_haru_attach_packed(HPDF_Doc doc, const char *name, HPDF_Encoder uf,
    const struct zpack *z);

/*
 * Writes the whole document to out as it is made, with no copy of it in
 * memory (HPDF_SaveToStream writes into libharu's own memory stream).
 * Returns 0, or -1: *err is then the errno of a failed write to out, or
 * 0 for a library error (left in the document's error state).
 */
int pdf_haru_save(HPDF_Doc doc, FILE *out, int *err);

/* Sets the catalogue's /Lang to lang (ASCII) and the viewer preference DisplayDocTitle. */
int pdf_haru_catalog(HPDF_Doc doc, const char *lang);

/*
 * Replaces the ToUnicode map of font, a Type0 font in libharu's UTF-8
 * encoding, by the len bytes of cmap (a ToUnicode CMap program); does
 * nothing with a libharu not known to need it.
 */
int pdf_haru_to_unicode(HPDF_Font font, const char *cmap, size_t len);

#endif
