"""Marks a proof as Evince and GNOME Papers do, with poppler-glib (GObject introspection, Debian's
gir1.2-poppler-0.18 and python3-gi).

A text markup's quads are the rectangles of poppler's own selection between the two points the mouse was dragged
between (poppler_page_get_selection_region at glyph granularity, Evince's get_quads_for_area), so a selection that
goes on to the next line takes in what poppler reads as the rest of that line. A note is a 24-point square whose
top-left corner is at the click (ev_view_create_annotation). poppler writes no /F flags and no /NM; Evince sets the
label (/T) to the user's name. Saved with poppler_document_save. Reads a JSON job on stdin:
{"input", "output", "marks": [{"type": "strikeout" | "highlight", "page", "from": [x, y], "to": [x, y], ...}
| {"type": "note", "page", "click": [x, y], "icon", ...}]} with "contents" and "author" on each; coordinates in PDF
points, origin at the page's lower left.
"""
import json
import os
import sys

import gi

gi.require_version("Poppler", "0.18")
from gi.repository import Poppler  # noqa: E402

job = json.load(sys.stdin)
document = Poppler.Document.new_from_file("file://" + os.path.abspath(job["input"]), None)
ICON_SIZE = 24


def rectangle(x1, y1, x2, y2):
    rect = Poppler.Rectangle()
    rect.x1, rect.y1, rect.x2, rect.y2 = x1, y1, x2, y2
    return rect


def point(x, y):
    p = Poppler.Point()
    p.x, p.y = x, y
    return p


for mark in job["marks"]:
    page = document.get_page(mark["page"] - 1)
    width, height = page.get_size()
    kind = mark["type"]
    if kind in ("strikeout", "highlight"):
        # The drag, in poppler's page coordinates (origin at the top left).
        (x1, y1), (x2, y2) = mark["from"], mark["to"]
        area = rectangle(x1, height - y1, x2, height - y2)
        region = page.get_selection_region(1.0, Poppler.SelectionStyle.GLYPH, area)
        # What poppler itself reads as selected, for the test to show what the quads take in.
        print(json.dumps({"page": mark["page"], "selected": page.get_selected_text(Poppler.SelectionStyle.GLYPH, area)}, ensure_ascii=False))
        quads, box = [], None
        for r in region:
            quad = Poppler.Quadrilateral()
            quad.p1, quad.p2 = point(r.x1, height - r.y1), point(r.x2, height - r.y1)
            quad.p3, quad.p4 = point(r.x1, height - r.y2), point(r.x2, height - r.y2)
            quads.append(quad)
            edges = (r.x1, height - r.y2, r.x2, height - r.y1)
            box = edges if box is None else (min(box[0], edges[0]), min(box[1], edges[1]), max(box[2], edges[2]), max(box[3], edges[3]))
        new = Poppler.AnnotTextMarkup.new_strikeout if kind == "strikeout" else Poppler.AnnotTextMarkup.new_highlight
        annot = new(document, rectangle(*box), quads)
    elif kind == "note":
        x, y = mark["click"]
        annot = Poppler.AnnotText.new(document, rectangle(x, y - ICON_SIZE, x + ICON_SIZE, y))
        annot.set_icon(mark.get("icon", "Note"))
    else:
        sys.exit(f"unknown mark type {kind}")
    annot.set_contents(mark.get("contents", ""))
    annot.set_label(mark.get("author", ""))
    page.add_annot(annot)

document.save("file://" + os.path.abspath(job["output"]))
