"""The deck's reading slides: the summary, one slide (or several) per target listing its
workloads, and the workloads not placed yet. Plain tables in the template's own table style,
so they take its colours and fonts; a "Cannot run" verdict is red.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Pt

from whiteboard.catalog import Catalog
from whiteboard.cost.figures import usd
from whiteboard.export.pptx_template import WIDE_SLIDE, literal, margin, new_slide, notes
from whiteboard.model import Board
from whiteboard.model.text import natural_key
from whiteboard.model.vocab import PILLAR_TITLES
from whiteboard.render.pptx import write_lines
from whiteboard.scoring.results import CANNOT_RUN, BoardScore, WorkloadScore
from whiteboard.slides.theme import BAD

#: height as a share of the slide's.
ROWS_PER_SLIDE = 12
ROW_SHARE = 0.055


def add_summary(deck: Deck, board: Board, scores: BoardScore, catalog: Catalog) -> None:
    names = catalog.display_names(board.edition)
    summary = scores.summary
    slide = new_slide(deck, f"Summary: {board.name}")
    rows = [["Target", "Workloads", "Mean score", "Cannot run", "A month, on demand"]]
    costs = summary.costs.current if summary.costs else {}
    for target in scores.targets:
        placed = _placed_on(scores, target)
        if not placed:
            continue
        overall = [w.targets[target].overall for w in placed]
        blocked = sum(1 for w in placed if not w.targets[target].feasible)
        rows.append(
            [
                names[target],
                f"{len(placed):,}",
                f"{sum(overall) / len(overall):.0f}",
                f"{blocked:,}" if blocked else "none",
                _usd(costs.get(target)),
            ]
        )
    if summary.unplaced:
        rows.append(["Not placed yet", f"{summary.unplaced:,}", "", "", ""])
    if not board.workloads:
        lines = ["The board has no workloads yet: add them in the window or import an inventory."]
        _add_paragraphs(deck, slide, lines, top=_below_title(slide))
        notes(slide, lines[0])
        return
    top = _add_table(deck, slide, rows, (0.3, 0.14, 0.14, 0.14, 0.2))
    lines = []
    if len(rows) > 1 and summary.unplaced < len(board.workloads):
        pillars = ", ".join(
            f"{PILLAR_TITLES[p]} {value:.0f}" for p, value in summary.pillar_averages.items()
        )
        lines.append(f"Pillar means of the placed workloads: {pillars}.")
    lines += [f"• {risk}" for risk in summary.top_risks[:5]] or ["No risk stands out."]
    _add_paragraphs(deck, slide, lines, top=top + Pt(12))
    notes(slide, "\n".join(lines))


def add_target_slides(deck: Deck, board: Board, scores: BoardScore, catalog: Catalog) -> None:
    names = catalog.display_names(board.edition)
    workloads = {w.id: w for w in board.workloads}
    for target in scores.targets:
        placed = _placed_on(scores, target)
        if not placed:
            continue
        header = ["Workload", "Group", "Score", "Can it run here?", "A month"]
        rows = [_target_row(workloads[w.workload_id], w, target) for w in placed]
        widths = (0.3, 0.16, 0.08, 0.32, 0.14)
        _paged(deck, f"{names[target]}: {_workloads(len(placed))}", header, rows, widths)
    waiting = [w for w in scores.workloads.values() if w.placed_on is None]
    if waiting:
        header = ["Workload", "Group", "Recommended", "Score there", "A month there"]
        rows = [_waiting_row(workloads[w.workload_id], w, names) for w in waiting]
        widths = (0.3, 0.16, 0.24, 0.12, 0.18)
        _paged(deck, f"Not placed yet: {_workloads(len(waiting))}", header, rows, widths)


def _workloads(count: int) -> str:
    return f"{count:,} workload{'' if count == 1 else 's'}"


def _placed_on(scores: BoardScore, target: str) -> list[WorkloadScore]:
    return [w for w in scores.workloads.values() if w.placed_on == target]


def _target_row(workload, score: WorkloadScore, target: str) -> list[str]:
    fit = score.targets[target]
    verdict = fit.cannot_run()[0] if not fit.feasible else "Yes"
    estimate = fit.estimate.usd_month if fit.estimate else None
    return [workload.name, workload.group or "", f"{fit.overall:.0f}", verdict, _usd(estimate)]


def _waiting_row(workload, score: WorkloadScore, names: dict[str, str]) -> list[str]:
    if score.recommended is None:
        return [workload.name, workload.group or "", "none can run it", "", ""]
    fit = score.targets[score.recommended]
    estimate = fit.estimate.usd_month if fit.estimate else None
    return [
        workload.name,
        workload.group or "",
        names[score.recommended],
        f"{fit.overall:.0f}",
        _usd(estimate),
    ]


def _paged(
    deck: Deck,
    title: str,
    header: list[str],
    rows: list[list[str]],
    widths: Sequence[float],
) -> None:
    """`rows` by group and name under `header`, a table of ROWS_PER_SLIDE a slide. The group
    column (the second) is left out when no workload has a group."""
    rows = sorted(rows, key=lambda row: (natural_key(row[1]), natural_key(row[0])))
    if not any(row[1] for row in rows):
        header, widths = [header[0], *header[2:]], [widths[0], *widths[2:]]
        rows = [[row[0], *row[2:]] for row in rows]
    pages = max(1, -(-len(rows) // ROWS_PER_SLIDE))
    for page in range(pages):
        chunk = rows[page * ROWS_PER_SLIDE : (page + 1) * ROWS_PER_SLIDE]
        suffix = f" ({page + 1} of {pages})" if pages > 1 else ""
        slide = new_slide(deck, title + suffix)
        _add_table(deck, slide, [header, *chunk], widths)


def _usd(amount: float | None) -> str:
    return "" if amount is None else usd(amount)


def _add_table(
    deck: Deck,
    slide: Slide,
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    top_share: float = 0.2,
) -> int:
    """A table of `rows` (the first is the header) across the slide, its columns `widths`
    shares of it; returns its bottom. Rows grow in PowerPoint when a cell wraps."""
    edge = margin(deck)
    top = max(round(deck.slide_height * top_share), _below_title(slide))
    width = deck.slide_width - 2 * edge
    row_height = round(deck.slide_height * ROW_SHARE)
    shape = slide.shapes.add_table(len(rows), len(rows[0]), edge, top, width, row_height)
    shape.name = "Workloads"
    table = shape.table
    for index, column in enumerate(table.columns):
        column.width = round(width * widths[index] / sum(widths))
    for r, row in enumerate(rows):
        table.rows[r].height = row_height
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = ""
            write_lines(
                cell.text_frame.paragraphs[0],
                literal(value).split("\n"),
                size_pt=_table_font(deck),
                bold=r == 0,
                colour=BAD if r and value.startswith(CANNOT_RUN) else None,
                font=None,
            )
    return top + row_height * len(rows)


def _below_title(slide: Slide) -> int:
    """Just under the slide's title (its placeholder or our own box)."""
    bottoms = [
        shape.top + shape.height
        for shape in slide.shapes
        if shape.top is not None and shape.height is not None and not shape.has_table
    ]
    return (min(bottoms) if bottoms else 0) + Pt(8)


def _table_font(deck: Deck) -> float:
    """Table text in points: 12 on a 7.5-inch-high slide, scaled with the template's height."""
    return round(12 * deck.slide_height / WIDE_SLIDE[1] * 2) / 2


def _add_paragraphs(deck: Deck, slide: Slide, lines: Sequence[str], *, top: int) -> None:
    edge = margin(deck)
    height = max(Pt(36), deck.slide_height - top - edge // 2)
    box = slide.shapes.add_textbox(edge, top, deck.slide_width - 2 * edge, height)
    box.name = "Notes"
    frame = box.text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        write_lines(paragraph, literal(line).split("\n"), size_pt=_table_font(deck), font=None)
