"""The PDF handout: what a workshop's participants take home.

Cover, contents, a one-page overview (targets x groups), the story step by step (each slide as
it stands at that step, with the speaker notes), the board on the slide, the pets/cattle chart, a
board summary, one section per workload (placement, pillar radar and table, reasons, violations,
recommendation) and the Terraform stubs as an appendix. Above 50 workloads, by default, only the
workloads that need attention get a section, every workload gets one line by group, and the
appendix is a table of the files (`handout_overview`; `detail` and `appendix` choose). Slides
are vector drawings of the same scenes the window shows.
Returns the PDF's bytes; writing the file is the caller's (atomic) step.

User text needs no cleaning on its way in: paragraphs (`pdfdoc.markup`), plain blocks, contents
lines, footers, table cells (`pdfdoc.cell`) and slides are all split into runs by
`slides.fonts`, which leaves out bidi and other control characters and orders and shapes
right-to-left and Indic text, and outline entries go through `text.one_line`. Only the metadata
title, which nothing draws, is cleaned here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator, Mapping
from typing import Literal

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from whiteboard import __version__
from whiteboard.catalog import default_catalog
from whiteboard.export import Appendix, Detail, handout_costs, resolve_appendix, resolve_detail
from whiteboard.export import handout_overview as overview
from whiteboard.export import handout_workload as sections
from whiteboard.export.handout_sources import sources_section
from whiteboard.export.pdfdoc import (
    TABLE_FONT_SIZE,
    CodeBlock,
    Contents,
    ContentsLine,
    Heading,
    TextBlock,
    TextHeading,
    handout_canvas,
    needs_own_drawing,
    style_for,
    text_block,
)
from whiteboard.export.pdfdoc import markup as m
from whiteboard.model import PILLAR_IDS, Board
from whiteboard.model.text import one_line
from whiteboard.render.pdf import SceneFlowable
from whiteboard.scoring import PILLAR_NAMES, BoardScore
from whiteboard.slides import textfit
from whiteboard.slides.chart import CAPTION as CHART_CAPTION
from whiteboard.slides.chart import pets_cattle_chart
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.pdf_fonts import register_fonts
from whiteboard.slides.story import story_of
from whiteboard.slides.theme import BAD, GREYED

Paper = Literal["a4", "letter"]
PAPER_SIZES = {"a4": A4, "letter": LETTER}
MARGIN = 50.0
#: A contents section with more sub-entries than this lists them as one line (they are all in
#: the PDF's bookmarks): 300 workloads would otherwise fill seven pages of contents.
CONTENTS_CHILDREN_MAX = 20
#: Lines per list of the board summary when workloads are not all in full (the rest are one
#: line each under Every workload by group).
SUMMARY_LIST_MAX = 10


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles on the shipped DejaVu faces (so accents and Cyrillic render)."""
    register_fonts()
    regular, bold = textfit.font_name(), textfit.font_name(bold=True)
    registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    ink = colors.HexColor("#1d2733")
    muted = colors.HexColor("#5b6b7c")
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, textColor=ink)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11.5, textColor=muted),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2),
        "kicker": ParagraphStyle("kicker", parent=body, fontSize=12, textColor=muted),
        "cover": ParagraphStyle("cover", parent=body, fontName=bold, fontSize=28, leading=34),
        "h1": ParagraphStyle(
            "h1", parent=body, fontName=bold, fontSize=18, leading=23, spaceAfter=8
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=bold, fontSize=13, leading=17, spaceBefore=6, spaceAfter=4
        ),
        "h3": ParagraphStyle("h3", parent=body, fontName=bold, fontSize=10.5, spaceBefore=6),
        #: "Cannot run: <broken limit>", first thing said of a target that cannot run the workload.
        "cannot_run": ParagraphStyle(
            "cannot_run", parent=body, fontName=bold, textColor=colors.HexColor(BAD)
        ),
        #: Scores and reasons on a target that cannot run the workload: shown, but greyed.
        "greyed": ParagraphStyle("greyed", parent=body, textColor=colors.HexColor(GREYED)),
        "greyed_h3": ParagraphStyle(
            "greyed_h3",
            parent=body,
            fontName=bold,
            fontSize=10.5,
            spaceBefore=6,
            textColor=colors.HexColor(GREYED),
        ),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER, textColor=muted),
    }


TABLE_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
        ("FONTSIZE", (0, 0), (-1, -1), TABLE_FONT_SIZE),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#9aa7b4")),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#d5dde5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
)


class _Builder:
    """Collects the flowables and the contents entries of one handout."""

    def __init__(self, board: Board, scores: BoardScore, width: float, slide_width: float) -> None:
        self.board, self.scores, self.width = board, scores, width
        #: Slides sit on landscape pages, sized to leave room for a heading and the notes.
        self.slide_width = slide_width
        self.st = styles()
        self.contents = Contents()
        self.entries: list[tuple[str, str, int]] = []
        self.story: list[Flowable] = []

    def heading(self, key: str, title: str, level: int = 0) -> Heading | TextHeading:
        self.entries.append((key, title, level))
        style = self.st["h1" if level == 0 else "h2"]
        if needs_own_drawing(title, style):
            return TextHeading(one_line(title), style, key, level, self.contents)
        return Heading(m(title, style.fontName), style, key, title, level, self.contents)

    def para(self, text: str, style: str = "body") -> Flowable:
        """A paragraph of plain (user or our) text: always escaped; a TextBlock when it is in
        a script Paragraph cannot draw right (`pdfdoc.needs_own_drawing`)."""
        st = self.st[style]
        if needs_own_drawing(text, st):
            return text_block(text, st)
        return Paragraph(m(text, st.fontName), style_for(st, text))

    def text(self, text: str, style: str = "body", space_after: float = 0.0) -> TextBlock:
        """Plain text (user text included) as a fast, markup-free block in a paragraph style."""
        st = self.st[style]
        return TextBlock(
            text,
            st.fontSize,
            leading=st.leading,
            bold="Bold" in st.fontName,
            colour=st.textColor,
            space_after=space_after,
        )

    def bullet(self, text: str, style: str = "body") -> TextBlock:
        st = self.st[style]
        return TextBlock(
            text, st.fontSize, leading=st.leading, colour=st.textColor, bullet="•", indent=12
        )

    def table(self, rows: list[list[object]], widths: list[float]) -> Table:
        # Cells are our own words and numbers: plain strings draw far faster than paragraphs.
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TABLE_STYLE)
        return table


def _cover(b: _Builder, date: dt.date) -> list[Flowable]:
    placed = len(b.board.placements)
    total = len(b.board.workloads)
    flow: list[Flowable] = [
        Spacer(1, 150),
        b.para("Compute workshop handout", "kicker"),
        Spacer(1, 10),
        b.para(b.board.name, "cover"),
        Spacer(1, 16),
        b.para(date.isoformat(), "kicker"),
        Spacer(1, 30),
        b.para(
            f"{total:,} workload{'s' if total != 1 else ''}, {placed:,} placed on AWS compute "
            f"targets and scored against the Well-Architected pillars."
        ),
    ]
    if b.board.notes:
        flow += [Spacer(1, 12), b.para(b.board.notes)]
    flow += [Spacer(1, 40), b.para(f"Generated by whiteboard {__version__}.", "small")]
    return [*flow, PageBreak()]


def _story(b: _Builder) -> list[Flowable]:
    scene = compute_slide(b.board, b.scores)
    story = story_of(b.board.edition)
    flow: list[Flowable] = [NextPageTemplate("landscape"), PageBreak()]
    flow.append(b.heading("story", "The story, step by step"))
    flow.append(
        b.para(
            f"The compute slide is built up in {len(story.steps)} steps "
            f"({default_catalog().edition(b.board.edition).name}). Each page shows the slide as "
            "it stands after one step, with the notes the presenter spoke to it."
        )
    )
    for step in story.steps:
        if step.number > 1:
            flow.append(PageBreak())
        flow += [
            b.heading(f"step-{step.number}", f"{step.number}. {step.title}", 1),
            SceneFlowable(scene, b.slide_width, step=step.number),
            Spacer(1, 10),
            b.para(step.notes),
        ]
    flow += [
        PageBreak(),
        b.heading("board-slide", "Your workloads on the slide"),
        SceneFlowable(scene, b.slide_width),
        Spacer(1, 8),
        b.para(
            "Each card is a workload in the column it was placed in, with its overall score "
            "on that target; a red card breaks one of the target's documented limits."
            + _unplaced_note(b)
        ),
        PageBreak(),
        b.heading("chart", "Pets and cattle"),
        SceneFlowable(pets_cattle_chart(b.board, b.scores), b.slide_width),
        Spacer(1, 8),
        b.para(CHART_CAPTION),
        NextPageTemplate("portrait"),
        PageBreak(),
    ]
    return flow


def _unplaced_note(b: _Builder) -> str:
    count = len(b.board.workloads) - len(b.board.placements)
    if not count:
        return ""
    verb = "is" if count == 1 else "are"
    return f" {count} workload{'s' * (count != 1)} {verb} not placed yet: see the summary."


def _summary(b: _Builder, longest: int | None = None) -> list[Flowable]:
    """The board at a glance; `longest`: most lines per list (the rest are counted and found
    under Every workload by group)."""
    summary = b.scores.summary
    names = default_catalog().display_names(b.board.edition)
    flow: list[Flowable] = [b.heading("summary", "Board summary")]
    rows: list[list[object]] = [["Target", "Workloads placed"]]
    rows += [[name, str(summary.placements_per_target.get(t, 0))] for t, name in names.items()]
    rows.append(["Not placed yet", str(summary.unplaced)])
    flow += [b.table(rows, [200, 120]), Spacer(1, 10)]
    weights = b.scores.weights
    pillar_rows: list[list[object]] = [["Pillar", "Average of placements", "Weight"]]
    for pillar in PILLAR_IDS:
        average = summary.pillar_averages.get(pillar)
        pillar_rows.append(
            [
                PILLAR_NAMES[pillar].capitalize(),
                "–" if average is None else f"{average:.0f} / 100",
                f"{weights.get(pillar, 0):g}",
            ]
        )
    flow += [b.table(pillar_rows, [200, 150, 60]), Spacer(1, 6)]
    flow += handout_costs.board_costs(b)
    flow += _listed(
        b,
        "Placements that break a limit",
        [
            f"{_name(b, wid)} on {names[target]}: {why}"
            for wid, target, why in summary.infeasible_placements
        ],
        "None: every placement fits its target's documented limits.",
        longest,
    )
    unplaced = [
        f"{w.name}: recommended {names[rec]}"
        if (rec := b.scores.workloads[w.id].recommended)
        else f"{w.name}: no target fits"
        for w in b.board.workloads
        if b.board.placement(w.id) is None
    ]
    flow += _listed(b, "Not placed yet", unplaced, "Every workload is placed.", longest)
    flow += _listed(b, "Weakest links", list(summary.weakest_links), "None found.")
    flow += _listed(b, "Read these first", list(summary.top_risks), "Nothing stands out.")
    if summary.cycles:
        flow += _listed(b, "Dependency cycles", [" → ".join(cycle) for cycle in summary.cycles], "")
    return [*flow, PageBreak()]


def _listed(
    b: _Builder, title: str, items: list[str], empty: str, longest: int | None = None
) -> list[Flowable]:
    flow: list[Flowable] = [b.para(title, "h3")]
    if not items:
        return [*flow, b.text(empty)]
    shown = items if longest is None or len(items) <= longest + 1 else items[:longest]
    flow += [b.bullet(item) for item in shown]
    if len(shown) < len(items):
        more = len(items) - len(shown)
        flow.append(b.text(f"… and {more:,} more, each under Every workload by group.", "small"))
    return flow


def _name(b: _Builder, workload_id: str) -> str:
    return b.board.workload(workload_id).name


def _appendix(b: _Builder, files: Mapping[str, str]) -> list[Flowable]:
    flow: list[Flowable] = [
        PageBreak(),
        b.heading("appendix", "Appendix: Terraform stubs"),
        b.para(
            "The stubs below are exported with the handout (whiteboard export --terraform). "
            "They are starting points: read them, then add each application's own "
            "permissions, images and packages. Long lines continue indented on the next line."
        ),
    ]
    for name, text in files.items():
        flow += [
            CondPageBreak(80),
            b.heading(f"file-{name}", name, 1),
            CodeBlock(text.rstrip("\n").split("\n")),
        ]
    return flow


def render_handout(
    board: Board,
    scores: BoardScore | None = None,
    *,
    paper: Paper = "a4",
    date: dt.date | None = None,
    terraform_files: Mapping[str, str] | None = None,
    detail: Detail | None = None,
    appendix: Appendix | None = None,
) -> bytes:
    """The handout PDF's bytes. `scores` defaults to scoring the board with its own weights;
    `detail` and `appendix` None choose by the board's size (`handout_overview`)."""
    if scores is None:
        from whiteboard.scoring import score_board

        scores = score_board(board)
    if terraform_files is None:
        from whiteboard.export.terraform import render_terraform

        terraform_files = render_terraform(board)
    count = len(board.workloads)
    chosen = resolve_detail(detail, count), resolve_appendix(appendix, count)
    with _fast_reportlab():
        return _build(board, scores, PAPER_SIZES[paper], date, terraform_files, *chosen)


def _build(
    board: Board,
    scores: BoardScore,
    pagesize: tuple[float, float],
    date: dt.date | None,
    terraform_files: Mapping[str, str],
    detail: Detail,
    appendix: Appendix,
) -> bytes:
    width = pagesize[0] - 2 * MARGIN
    wide = landscape(pagesize)
    frame_height = wide[1] - 2 * MARGIN - 10
    slide_width = min(wide[0] - 2 * MARGIN, (frame_height - 140) * 16 / 9)
    b = _Builder(board, scores, width, slide_width)
    found = overview.attention(board, scores)
    body: list[Flowable] = overview.overview(b)
    body += _story(b)
    body += _summary(b, None if detail == "all" else SUMMARY_LIST_MAX)
    if detail == "all":
        body += sections.workload_sections(b)
    elif detail == "attention":
        body += sections.attention_sections(b, found)
    if detail != "all" or any(w.group for w in board.workloads):
        body += overview.by_group(b, found, detail)
    body += sources_section(b)
    if appendix == "full":
        body += _appendix(b, terraform_files)
    elif appendix == "summary":
        body += overview.appendix_summary(b, terraform_files)
    contents: list[Flowable] = [
        Paragraph("Contents", b.st["h1"]),
        *(
            ContentsLine(title, key, level, b.contents, 10)
            for key, title, level in _contents_entries(b.entries)
        ),
    ]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        # Metadata is not drawn, so `fonts.font_for` never sees it: cleaned here.
        title=one_line(board.name),
        author="whiteboard",
        subject="Compute workshop handout",
        creator=f"whiteboard {__version__}",
    )
    doc.addPageTemplates([_template("portrait", pagesize), _template("landscape", wide)])
    footer = textfit.ellipsize(one_line(board.name), 8, width - 200)
    doc.build(
        [*_cover(b, date or dt.date.today()), *contents, *body],
        canvasmaker=handout_canvas(b.contents, f"{footer} · generated by whiteboard"),
    )
    return buffer.getvalue()


def _contents_entries(entries: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The headings of levels 0 and 1; a section with more than CONTENTS_CHILDREN_MAX of the
    latter gets one line for them, pointing at the first."""
    listed: list[tuple[str, str, int]] = []
    children: list[tuple[str, str, int]] = []

    def flush() -> None:
        if len(children) > CONTENTS_CHILDREN_MAX:
            key, first, _ = children[0]
            last = children[-1][1]
            title = f"{len(children):,} entries, each a PDF bookmark: {first} … {last}"
            listed.append((key, title, 1))
        else:
            listed.extend(children)
        children.clear()

    for entry in entries:
        if entry[2] == 0:
            flush()
            listed.append(entry)
        elif entry[2] == 1:
            children.append(entry)
    flush()
    return listed


@contextlib.contextmanager
def _fast_reportlab() -> Iterator[None]:
    """Skip reportlab's attribute checks on chart widgets (ours are built by code, not users)
    and its ASCII85 wrapping of compressed streams (binary streams are valid PDF): together
    about a third of a long handout's build time."""
    saved = rl_config.shapeChecking, rl_config.useA85
    rl_config.shapeChecking, rl_config.useA85 = 0, 0
    try:
        yield
    finally:
        rl_config.shapeChecking, rl_config.useA85 = saved


def _template(name: str, pagesize: tuple[float, float]) -> PageTemplate:
    frame = Frame(
        MARGIN,
        MARGIN + 10,
        pagesize[0] - 2 * MARGIN,
        pagesize[1] - 2 * MARGIN - 10,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=f"{name}-frame",
    )
    return PageTemplate(id=name, frames=[frame], pagesize=pagesize)
