/* SPDX-License-Identifier: Apache-2.0 */
/* Every use of libharu's internals, for what its public API cannot do; see pdf_haru.h. */
#include "pdf_haru.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_namedict.h>
#include <hpdf_pages.h>

#include "xalloc.h"

/*
 * The layouts used here (a document's catalogue, memory manager,
 * cross-reference table and output stream, a page's content stream, a
 * stream dictionary's filter, write hook and stream, a stream's
 * callbacks) are those of libharu 2.3.0 to 2.4.6; a
 * libharu 3 may change any of them, so it is refused until checked.
 */
#if HPDF_MAJOR_VERSION != 2 || HPDF_VERSION_ID < 20300
#error "pdf_haru.c uses libharu internals checked against 2.3.0 to 2.4.6 only"
#endif

/*
 * igreport formats most content operators itself (see pdf.c: libharu
 * 2.3.0 spends a third of a report's drawing time formatting numbers),
 * and the public API has no call that writes raw operators.
 */
int
pdf_haru_page_append(HPDF_Page page, const char *ops, size_t n)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	return HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)ops,
	    (HPDF_UINT)n) == HPDF_OK ? 0 : -1;
}

unsigned char *
pdf_haru_page_contents(HPDF_Page page, size_t *len)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Stream s = attr->stream;
	HPDF_UINT i, n, count;
	unsigned char *out;
	size_t off = 0;
	HPDF_BYTE *b;

	if (s == NULL || s->type != HPDF_STREAM_MEMORY || s->size == 0)
		return NULL;
	out = xmalloc(s->size);
	count = HPDF_MemStream_GetBufCount(s);
	for (i = 0; i < count; i++) {
		b = HPDF_MemStream_GetBufPtr(s, i, &n);
		if (b == NULL || n > s->size - off) {
			free(out);
			return NULL;
		}
		memcpy(out + off, b, n);
		off += n;
	}
	if (off != s->size) {
		free(out);
		return NULL;
	}
	*len = off;
	return out;
}

/* The key libharu writes for a stream it deflates, after the others (/Length). */
static HPDF_STATUS
haru_write_flate_array(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

int
pdf_haru_page_deflated(HPDF_Page page, const unsigned char *z, size_t n)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Dict contents = attr->contents;

	if (contents == NULL || contents->stream != attr->stream ||
	    contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
	    contents->write_fn != NULL)
		return -1;
	HPDF_MemStream_FreeData(attr->stream);
	if (HPDF_Stream_Write(attr->stream, z, (HPDF_UINT)n) != HPDF_OK)
		return -1;
	contents->filter = HPDF_STREAM_FILTER_NONE;
	contents->write_fn = haru_write_flate_array;
	return 0;
}

/* The catalogue's /Names /EmbeddedFiles tree, created on first use. */
static HPDF_NameTree
haru_embedded_files(HPDF_Doc doc)
{
	HPDF_NameDict names = HPDF_Catalog_GetNames(doc->catalog);
	HPDF_NameTree tree;

	if (names == NULL) {
		names = HPDF_NameDict_New(doc->mmgr, doc->xref);
		if (names == NULL ||
		    HPDF_Catalog_SetNames(doc->catalog, names) != HPDF_OK)
			return NULL;
	}
	tree = HPDF_NameDict_GetNameTree(names, HPDF_NAME_EMBEDDED_FILES);
	if (tree == NULL) {
		tree = HPDF_NameTree_New(doc->mmgr, doc->xref);
		if (tree == NULL ||
		    HPDF_NameDict_SetNameTree(names, HPDF_NAME_EMBEDDED_FILES,
			tree) != HPDF_OK)
			return NULL;
	}
	return tree;
}

/* An /EmbeddedFile stream of a CSV of len bytes, its data still to be written. */
static HPDF_Dict
haru_file_stream(HPDF_Doc doc, size_t len)
{
	HPDF_Dict ef, params;

	ef = HPDF_DictStream_New(doc->mmgr, doc->xref);
	params = HPDF_Dict_New(doc->mmgr);
	if (ef == NULL || params == NULL)
		return NULL;
	HPDF_Dict_AddName(ef, "Type", "EmbeddedFile");
	HPDF_Dict_AddName(ef, "Subtype", "text/csv");
	if (len <= 0x7fffffff) {
		HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)len);
		HPDF_Dict_Add(ef, "Params", params);
	}
	return ef;
}

/* The /Filter of a stream deflated already (see pdf_haru_attach_packed). */
static HPDF_STATUS
haru_write_flate_key(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* The Filespec of an attachment named name with its /EF stream ef, in the /EmbeddedFiles tree. */
static int
haru_filespec(HPDF_Doc doc, const char *name, HPDF_Encoder uf, HPDF_Dict ef)
{
	HPDF_NameTree tree = haru_embedded_files(doc);
	HPDF_Dict fs = HPDF_Dict_New(doc->mmgr);
	HPDF_Dict efd = HPDF_Dict_New(doc->mmgr);

	if (tree == NULL || ef == NULL || fs == NULL || efd == NULL ||
	    HPDF_Xref_Add(doc->xref, fs) != HPDF_OK)
		return -1;
	HPDF_Dict_AddName(fs, "Type", "Filespec");
	HPDF_Dict_Add(fs, "F", HPDF_String_New(doc->mmgr, name, NULL));
	HPDF_Dict_Add(fs, "UF", HPDF_String_New(doc->mmgr, name, uf));
	HPDF_Dict_Add(efd, "F", ef);
	HPDF_Dict_Add(fs, "EF", efd);
	HPDF_NameTree_Add(tree, HPDF_String_New(doc->mmgr, name, NULL), fs);
	return 0;
}

/*
 * HPDF_AttachFile (2.3.0, and 2.4.6 still) reads a path and names the
 * attachment by that path, which would leak local directories; it cannot
 * take a pipe's bytes held in memory either, nor data deflated already.
 * The same objects are built here from memory under the base name: a
 * Filespec with /F and /UF (UTF-16), its /EF stream, and an entry in the
 * /EmbeddedFiles name tree.
 */
int
pdf_haru_attach(HPDF_Doc doc, const char *name, HPDF_Encoder uf,
    const unsigned char *bytes, size_t len)
{
	HPDF_Dict ef = haru_file_stream(doc, len);
	size_t off, n;

	if (ef != NULL)
		ef->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	for (off = 0; ef != NULL && off < len; off += n) {
		n = len - off < 65536 ? len - off : 65536;
		if (HPDF_Stream_Write(ef->stream, bytes + off,
		    (HPDF_UINT)n) != HPDF_OK)
			ef = NULL;
	}
	return haru_filespec(doc, name, uf, ef);
}

/*
 * A deflated attachment's stream: libharu reads a stream's data through
 * its callbacks only when it writes the document, seeking to the start
 * first (HPDF_Stream_WriteToStream), so they read z's pieces in place.
 */
static HPDF_STATUS
haru_packed_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	HPDF_UINT want = *size;

	*size = (HPDF_UINT)zpack_read(s->attr, ptr, want);
	return *size < want ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS
haru_packed_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct zpack_cursor *c = s->attr;

	if (pos != 0 || mode != HPDF_SEEK_SET)
		return HPDF_SetError(s->error, HPDF_INVALID_OPERATION, 0);
	zpack_cursor_init(c, c->z);
	return HPDF_OK;
}

static HPDF_UINT32
haru_packed_size(HPDF_Stream s)
{
	const struct zpack_cursor *c = s->attr;

	return (HPDF_UINT32)zpack_size(c->z);
}

static void
haru_packed_free(HPDF_Stream s)
{
	free(s->attr);
}

/*
 * Data deflated already is written as it is (no filter flags: libharu
 * writes a stream's /Filter from them, removing any set by hand when they
 * say none), and the key is added by the dictionary's write hook.
 */
int
pdf_haru_attach_packed(HPDF_Doc doc, const char *name, HPDF_Encoder uf,
    const struct zpack *z)
{
	HPDF_Dict ef = haru_file_stream(doc, zpack_len(z));
	struct zpack_cursor *c;
	HPDF_Stream s;

	if (ef != NULL) {
		c = xmalloc(sizeof(*c));
		zpack_cursor_init(c, z);
		s = HPDF_CallbackReader_New(doc->mmgr, haru_packed_read,
		    haru_packed_seek, NULL, haru_packed_size, c);
		if (s == NULL) {
			free(c);
			ef = NULL;
		} else {
			s->free_fn = haru_packed_free;
			HPDF_Stream_Free(ef->stream);
			ef->stream = s;
			ef->filter = HPDF_STREAM_FILTER_NONE;
			ef->write_fn = haru_write_flate_key;
		}
	}
	return haru_filespec(doc, name, uf, ef);
}

/* The document's bytes go to a FILE as libharu writes them. */
struct haru_out {
	FILE *fp;
	int err;
};

static HPDF_STATUS
haru_out_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	struct haru_out *o = s->attr;

	if (fwrite(ptr, 1, size, o->fp) == size)
		return HPDF_OK;
	o->err = errno != 0 ? errno : EIO;
	return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)o->err);
}

/*
 * HPDF_SaveToFile takes a path, not a stream (and ours is a temporary
 * file or standard output), and HPDF_SaveToStream writes to the
 * document's own stream, a memory one unless set: so it is set, for the
 * one call, to a stream that writes to out.
 */
int
pdf_haru_save(HPDF_Doc doc, FILE *out, int *err)
{
	struct haru_out o = { out, 0 };
	HPDF_Stream s = HPDF_CallbackWriter_New(doc->mmgr, haru_out_write, &o);
	HPDF_STATUS rc;

	*err = 0;
	if (s == NULL)
		return -1;
	HPDF_Stream_Free(doc->stream);
	doc->stream = s;
	errno = 0;
	rc = HPDF_SaveToStream(doc);
	doc->stream = NULL; /* o is gone after the call */
	HPDF_Stream_Free(s);
	*err = o.err;
	return rc == HPDF_OK ? 0 : -1;
}

/*
 * Neither 2.3.0 nor 2.4.6 has a call for the catalogue's /Lang, and
 * HPDF_SetViewerPreference knows no DisplayDocTitle (and replaces the
 * whole dictionary), so both are added to the catalogue here.
 */
int
pdf_haru_catalog(HPDF_Doc doc, const char *lang)
{
	HPDF_Dict prefs = HPDF_Dict_New(doc->mmgr);
	HPDF_String s = HPDF_String_New(doc->mmgr, lang, NULL);

	if (prefs == NULL || s == NULL ||
	    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK ||
	    HPDF_Dict_Add(doc->catalog, "ViewerPreferences", prefs) != HPDF_OK)
		return -1;
	return HPDF_Dict_Add(doc->catalog, "Lang", s) == HPDF_OK ? 0 : -1;
}

/*
 * For a Type0 font in its UTF-8 encoding, libharu (2.3.0, and 2.4.6 still:
 * CreateCMap in hpdf_font_cid.c) gives as /ToUnicode the encoding CMap of
 * its encoder (codes to CIDs, "begincidrange"), which is no ToUnicode map:
 * poppler warns "Invalid 'begincidrange' operator in ToUnicode CMap" on
 * every use and guesses the text. The stream keeps its object and gets a
 * real map for its program; the keys of an encoding CMap go. Later
 * versions are left alone until checked.
 */
#if HPDF_VERSION_ID < 20500
#define HARU_BAD_TO_UNICODE 1
#endif

int
pdf_haru_to_unicode(HPDF_Font font, const char *cmap, size_t len)
{
#ifdef HARU_BAD_TO_UNICODE
	static const char *const keys[] = { "Type", "CMapName",
		"CIDSystemInfo", "WMode" };
	HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	HPDF_Stream s;
	size_t i;

	if (tu == NULL || tu->stream == NULL)
		return -1;
	s = HPDF_MemStream_New(tu->mmgr, HPDF_STREAM_BUF_SIZ);
	if (s == NULL)
		return -1;
	HPDF_Stream_Free(tu->stream);
	tu->stream = s;
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		(void)HPDF_Dict_RemoveElement(tu, keys[i]);
	return HPDF_Stream_Write(s, (const HPDF_BYTE *)cmap, (HPDF_UINT)len) ==
	    HPDF_OK ? 0 : -1;
#else
	(void)font, (void)cmap, (void)len;
	return 0;
#endif
}
