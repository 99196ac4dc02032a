#!/usr/bin/env python3
"""Removes the TrueType hinting of a font, leaving outlines, metrics, cmap and GSUB untouched.

    python3 fonts/dehint.py ORIGINAL.ttf OUT.ttf        (needs fontTools: pip install fonttools)

Why: every PDF embeds a subset of the fonts it uses, and Typst's PDF writer (krilla) deflates
each subset afresh for every document, at a fixed level, with no cache. The hinting programs
(fpgm, prep, cvt and every glyph's instructions) are 22% of a subset's bytes, and hinting does
nothing in print nor in PDF viewers, which rasterise outlines themselves. Without them a report
PDF is 18% smaller and a batch renders ~9% faster (measured: fonts/README.md).

The output is deterministic: the same input and fontTools version give the same bytes.
"""

import sys

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram


def dehint(source: str, target: str) -> None:
    # recalc off: bounding boxes and the timestamp stay those of the original.
    font = TTFont(source, recalcBBoxes=False, recalcTimestamp=False)
    # The hinting programs and control values; DSIG signed the original bytes and no longer
    # matches them; gasp only says how to hint.
    for tag in ("fpgm", "prep", "cvt ", "gasp", "DSIG"):
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if hasattr(glyph, "program"):
            empty = ttProgram.Program()
            empty.fromBytecode(b"")
            glyph.program = empty
    maxp = font["maxp"]
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, field, 0)
    font.save(target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    dehint(sys.argv[1], sys.argv[2])
