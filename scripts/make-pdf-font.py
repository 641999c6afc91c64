#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes fonts/DejaVuSans-WinAnsi.ttf: DejaVu Sans cut down to the characters
of Windows-1252 (the PDF's WinAnsiEncoding), for the PDF back end's fast path.

The PDF embeds this small font for every text that Windows-1252 can spell and
falls back to the whole DejaVuSans.ttf only for text that it cannot. Advance
widths, outlines and hinting are DejaVu's own, unchanged; the PostScript and
full names change so that PDF viewers and libharu tell the two fonts apart.
Needs Debian's python3-fonttools; run from the top of the tree. The output is
committed: building igreport does not run this.
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = "fonts/DejaVuSans.ttf"
TARGET = "fonts/DejaVuSans-WinAnsi.ttf"
PS_NAME = "DejaVuSans-WinAnsi"
FULL_NAME = "DejaVu Sans WinAnsi"


def cp1252_code_points():
    points = set()
    for byte in range(0x20, 0x100):
        try:
            points.add(ord(bytes([byte]).decode("cp1252")))
        except UnicodeDecodeError:
            pass  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned
    points.discard(0x7F)
    return sorted(points)


def main():
    font = TTFont(SOURCE)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]        # keep the copyright and licence records
    options.name_languages = ["*"]
    options.drop_tables += ["FFTM", "MATH"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=cp1252_code_points())
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID == 6:
            record.string = PS_NAME
        elif record.nameID in (3, 4):
            record.string = FULL_NAME
    font.save(TARGET)
    print(f"{TARGET}: {len(font.getGlyphOrder())} glyphs", file=sys.stderr)


if __name__ == "__main__":
    main()
