"""Marks a proof as SumatraPDF does, with its engine MuPDF (PyMuPDF, Debian's python3-fitz).

SumatraPDF creates a point-like annotation with MuPDF's pdf_create_annot and moves its /Rect so that its top-left
corner is at the click (EngineMupdfCreateAnnotation); MuPDF draws a caret as a 20 x 14 wedge whose apex is the top
middle of /Rect; a text markup gets one quad per selected line. It writes /T (the user name) and /M, no /NM (PyMuPDF
adds one of its own, removed here), and saves as an incremental update. Reads a JSON job on stdin:
{"input", "output", "marks": [{"type": "strikeout" | "highlight", "page", "quads": [[left, bottom, right, top]], ...}
| {"type": "caret", "page", "apex": [x, y], ...} | {"type": "note", "page", "click": [x, y], "icon", "hidden"?, ...}]}
with "contents" and "author" on each; coordinates in PDF points, origin at the page's lower left.
"""
import json
import shutil
import sys

import fitz

job = json.load(sys.stdin)
shutil.copyfile(job["input"], job["output"])
doc = fitz.open(job["output"])
CARET_WIDTH, CARET_HEIGHT = 20, 14


def to_fitz(page, x, y):
    return fitz.Point(x, page.mediabox.height - y)


for mark in job["marks"]:
    page = doc[mark["page"] - 1]
    kind = mark["type"]
    if kind in ("strikeout", "highlight"):
        quads = [fitz.Rect(to_fitz(page, left, top), to_fitz(page, right, bottom)).quad for left, bottom, right, top in mark["quads"]]
        annot = page.add_strikeout_annot(quads=quads) if kind == "strikeout" else page.add_highlight_annot(quads=quads)
    elif kind == "caret":
        # Created at the click, then dragged so that the wedge's apex sits at the gap.
        apex = to_fitz(page, *mark["apex"])
        annot = page.add_caret_annot(apex)
        annot.set_rect(fitz.Rect(apex.x - CARET_WIDTH / 2, apex.y, apex.x + CARET_WIDTH / 2, apex.y + CARET_HEIGHT))
    elif kind == "note":
        annot = page.add_text_annot(to_fitz(page, *mark["click"]), mark.get("contents", ""), icon=mark.get("icon", "Note"))
        if mark.get("hidden"):
            annot.set_flags(annot.flags | fitz.PDF_ANNOT_IS_HIDDEN)
    else:
        sys.exit(f"unknown mark type {kind}")
    annot.set_info(content=mark.get("contents", ""), title=mark.get("author", ""), modDate="D:20261201090000+08'00'")
    annot.update()
    doc.xref_set_key(annot.xref, "NM", "null")

doc.saveIncr()
