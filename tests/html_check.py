#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Checks igreport HTML pages: strict HTML5 parse, only the markup igreport writes, no external reference.

usage: html_check.py PAGE.html [--pdf-text REPORT.txt]

- html5lib's parser in strict mode (the WHATWG parsing algorithm; any
  parse error fails), so the page is what every browser will build;
- every element and attribute is one the renderer writes: a gadget
  named "<script>" or '"><img onerror=...>' can only ever be text;
- no script, no external reference: href only to "#anchor" or a
  data:text/csv download, no src at all;
- with --pdf-text (pdftotext -layout of the same report), every
  "mean ± half" of the PDF's table rows is in some table cell of the page.
Exit status 0 when all hold, 1 with a message otherwise.
"""
import re
import sys

import html5lib

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
HTML_ELEMENTS = {
    "html", "head", "meta", "title", "style", "body", "nav", "main",
    "section", "h1", "h2", "h3", "p", "ol", "ul", "li", "a", "figure",
    "figcaption", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "br", "details", "summary",
}
SVG_ELEMENTS = {"svg", "title", "desc", "g", "rect", "line", "text", "circle",
                "polygon", "polyline"}
ATTRIBUTES = {
    "lang", "charset", "name", "content", "aria-label", "href", "id",
    "class", "style", "role", "scope", "download",
    # SVG drawing attributes
    "xmlns", "width", "height", "viewBox", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "points",
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity",
    "stroke-dasharray", "font-family", "font-size", "font-weight",
    "text-anchor", "transform",
}
PLUS_MINUS = re.compile(r"[+-]?\d+(?:\.\d+)? ± \d+(?:\.\d+)?")
# A line of pdftotext -layout that is a table row: numbers, signs, marks.
TABLE_ROW = re.compile(r"^[\d\s.±+\-–%▲▼?()<~]+$")


def fail(msg):
    print("html_check: " + msg, file=sys.stderr)
    sys.exit(1)


def local(tag):
    for ns, known in ((XHTML, HTML_ELEMENTS), (SVG, SVG_ELEMENTS)):
        if tag.startswith(ns):
            name = tag[len(ns):]
            if name not in known:
                fail("unexpected element <%s>" % name)
            return name
    fail("element outside HTML and SVG: %s" % tag)
    return None


def check_attributes(name, el):
    for attr, value in el.attrib.items():
        attr = attr.rsplit("}", 1)[-1]  # {http://www.w3.org/2000/xmlns/}xmlns
        if attr not in ATTRIBUTES:
            fail("unexpected attribute %s on <%s>" % (attr, name))
        if attr == "href" and not (value.startswith("#") or
                                   value.startswith("data:text/csv;base64,")):
            fail("external reference: href=%r" % value)
        if attr == "style" and ("url(" in value or "@import" in value):
            fail("external reference in style=%r" % value)


def cells(root):
    for el in root.iter(XHTML + "td"):
        yield "".join(el.itertext())


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--pdf-text"):
        fail("usage: html_check.py PAGE.html [--pdf-text REPORT.txt]")
    with open(argv[1], "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(strict=True,
                                 tree=html5lib.getTreeBuilder("etree"))
    try:
        root = parser.parse(data)
    except html5lib.html5parser.ParseError as e:
        fail("not valid HTML5: %s" % e)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = local(el.tag)
        check_attributes(name, el)
        if name == "style" and ("url(" in (el.text or "") or
                                "@import" in (el.text or "")):
            fail("external reference in <style>")
    if len(argv) == 4:
        pdf = set()
        with open(argv[3], encoding="utf-8") as f:
            for line in f:
                if TABLE_ROW.match(line) and "±" in line:
                    pdf.update(PLUS_MINUS.findall(line))
        html = set()
        for text in cells(root):
            html.update(PLUS_MINUS.findall(text))
        missing = sorted(pdf - html)
        if not pdf:
            fail("no mean ± half-width in the PDF text")
        if missing:
            fail("%d of the PDF's numbers are in no HTML table cell, e.g. %s"
                 % (len(missing), missing[:3]))


if __name__ == "__main__":
    main(sys.argv)
