"""The editable PowerPoint build-up (`export --pptx`): pure Python, python-pptx, no Qt.

The deck, in order:

1. One slide per build-up step of the compute slide (the start, the story's steps, one step per
   column of workloads), drawn by `render.pptx` as native shapes from the same scene the SVG,
   the PDF and the window draw. The step's title and notes are the speaker notes. Every slide
   after the first carries a Morph transition, so PowerPoint plays the build-up as motion:
   shapes keep their `!!` names from slide to slide, and the new ones fade in.
2. The pets and cattle chart.
3. A summary: each target's workloads, mean score, how many cannot run there and what they
   cost, and the risks to read first.
4. One slide per target (several when its workloads do not fit one) listing its workloads, and
   the workloads not placed yet with their recommendations.

`template` is the customer's own `.potx` or `.pptx`: the deck keeps its slide size, masters,
layouts and theme (the titles and tables take its fonts and colours), and drops its slides.
Scenes are fitted into its slide size, so a 4:3 template still shows every column.
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide

from whiteboard.catalog import Catalog, default_catalog
from whiteboard.export.pptx_tables import add_summary, add_target_slides
from whiteboard.export.pptx_template import (
    blank_deck,
    drop_slide,
    new_slide,
    notes,
    open_template,
)
from whiteboard.model import Board
from whiteboard.render.pptx import SceneStamp, draw_scene, fit_frame
from whiteboard.scoring.results import BoardScore
from whiteboard.slides.chart import CAPTION as CHART_CAPTION
from whiteboard.slides.chart import TITLE as CHART_TITLE
from whiteboard.slides.chart import pets_cattle_chart
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.playback import Script, script_of

#: How long the Morph between two build-up slides takes.
MORPH_MS = 900

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
_P159 = "http://schemas.microsoft.com/office/powerpoint/2015/09/main"


def render_pptx(
    board: Board,
    scores: BoardScore,
    *,
    template: Path | None = None,
    catalog: Catalog | None = None,
) -> bytes:
    """The deck of the scored `board` as .pptx bytes. Raises ExportError for a template that
    is not a PowerPoint file it can read (one sentence naming the file)."""
    catalog = catalog or default_catalog()
    deck = open_template(template) if template is not None else blank_deck()
    slide = compute_slide(board, scores, catalog)
    add_build_up(deck, script_of(board, scores, slide, catalog))
    add_chart(deck, board, scores)
    add_summary(deck, board, scores, catalog)
    add_target_slides(deck, board, scores, catalog)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# -- the build-up -------------------------------------------------------------------------------


def add_build_up(deck: Deck, script: Script) -> None:
    """One slide per step, start included, each with a Morph from the one before."""
    box = (0, 0, deck.slide_width, deck.slide_height)
    scratch = new_slide(deck)
    stamp = SceneStamp(scratch, script.scene, fit_frame(script.scene, box))
    drop_slide(deck, scratch)
    for step in range(script.last + 1):
        slide = new_slide(deck)
        stamp.stamp(slide, step)
        info = script.info(step)
        heading = f"{script.label(step)}: {info.title}" if step else info.title
        notes(slide, f"{heading}\n\n{info.notes}".strip())
        if step:
            add_morph(slide)


def add_morph(slide: Slide, duration_ms: int = MORPH_MS) -> None:
    """Give `slide` a Morph transition (objects matched by name), with a fade for viewers that
    do not know Morph: PowerPoint's own markup, after the colour map and before any timing."""
    markup = (
        f'<mc:AlternateContent xmlns:mc="{_MC}" xmlns:p="{_P}">'
        f'<mc:Choice xmlns:p159="{_P159}" Requires="p159">'
        f'<p:transition xmlns:p14="{_P14}" spd="slow" p14:dur="{duration_ms}">'
        '<p159:morph option="byObject"/></p:transition></mc:Choice>'
        '<mc:Fallback><p:transition spd="slow"><p:fade/></p:transition></mc:Fallback>'
        "</mc:AlternateContent>"
    )
    element = etree.fromstring(markup)
    sld = slide._element
    for old in sld.findall(qn("p:transition")):
        sld.remove(old)
    anchor = sld.find(qn("p:clrMapOvr"))
    if anchor is None:
        anchor = sld.find(qn("p:cSld"))
    anchor.addnext(element)


# -- the chart ---------------------------------------------------------------------------------


def add_chart(deck: Deck, board: Board, scores: BoardScore) -> None:
    chart = pets_cattle_chart(board, scores)
    slide = new_slide(deck)
    draw_scene(slide, chart, fit_frame(chart, (0, 0, deck.slide_width, deck.slide_height)))
    notes(slide, f"{CHART_TITLE}\n\n{CHART_CAPTION}")
