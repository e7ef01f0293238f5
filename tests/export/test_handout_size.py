"""A handout a customer reads at 300 workloads: a one-page overview first, full detail only
where it is needed, the Terraform appendix as a table, bookmarks by target and by group, a
short contents; and `--detail` / `--appendix` to ask for more or less."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.export.boards import GROUPS, grouped_board
from whiteboard.catalog import default_catalog
from whiteboard.cli import main
from whiteboard.export import FULL_HANDOUT_MAX, resolve_appendix, resolve_detail
from whiteboard.export.handout import render_handout
from whiteboard.export.handout_overview import NO_GROUP, TOP_GROUPS, attention
from whiteboard.model import Board
from whiteboard.paths import DEMO_BOARD
from whiteboard.scoring import BoardScore, score_board
from whiteboard.scoring.results import CANNOT_RUN

DAY = dt.date(2026, 11, 25)
MAX_PAGES = 60


@pytest.fixture(scope="module")
def big() -> Board:
    return grouped_board(300)


@pytest.fixture(scope="module")
def big_scores(big: Board) -> BoardScore:
    return score_board(big)


@pytest.fixture(scope="module")
def default_pdf(big: Board, big_scores: BoardScore) -> PdfReader:
    return PdfReader(io.BytesIO(render_handout(big, big_scores, date=DAY)))


def _lines(reader: PdfReader, page: int) -> list[str]:
    return [line.strip() for line in reader.pages[page].extract_text().splitlines()]


def _text(reader: PdfReader) -> str:
    """Every page after the cover and the contents."""
    return "\n".join(page.extract_text() for page in reader.pages[2:])


def _outline(reader: PdfReader) -> dict[str, list[str]]:
    """Top-level bookmark title -> the titles of its children."""
    tree: dict[str, list[str]] = {}
    last = ""
    for item in reader.outline:
        if isinstance(item, list):
            tree[last] = [child.title for child in item if not isinstance(child, list)]
        else:
            last = item.title
            tree[last] = []
    return tree


def _page_of(reader: PdfReader, heading: str) -> int:
    return next(i for i, page in enumerate(reader.pages) if page.extract_text().startswith(heading))


def _section(reader: PdfReader, heading: str, next_heading: str) -> str:
    """The text of the pages from the one that starts with `heading` to the one before
    `next_heading`'s, on one line."""
    pages = reader.pages[_page_of(reader, heading) : _page_of(reader, next_heading)]
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_automatic_means_in_full_up_to_fifty_workloads() -> None:
    assert resolve_detail(None, FULL_HANDOUT_MAX) == "all"
    assert resolve_detail(None, FULL_HANDOUT_MAX + 1) == "attention"
    assert resolve_appendix(None, FULL_HANDOUT_MAX) == "full"
    assert resolve_appendix(None, FULL_HANDOUT_MAX + 1) == "summary"
    assert resolve_detail("all", 300) == "all" and resolve_appendix("none", 3) == "none"


def test_300_workloads_make_at_most_60_pages_with_a_one_page_contents(
    default_pdf: PdfReader,
) -> None:
    assert len(default_pdf.pages) <= MAX_PAGES
    assert _lines(default_pdf, 1)[0] == "Contents"
    assert _lines(default_pdf, 2)[0] == "Overview: what went where"  # the contents fit one page


def _row(lines: list[str], label: str, width: int) -> list[str]:
    """The cells after `label` in a table read back one cell per line."""
    at = lines.index(label)
    return lines[at + 1 : at + 1 + width]


def _cell(count: int) -> str:
    return str(count) if count else "·"


def test_the_overview_counts_targets_groups_and_what_cannot_run(
    default_pdf: PdfReader, big: Board, big_scores: BoardScore
) -> None:
    lines = _lines(default_pdf, _page_of(default_pdf, "Overview: what went where"))
    assert _page_of(default_pdf, "The story, step by step") == 3  # one page of overview
    catalog = default_catalog()
    placed = Counter(big.placements.values())
    cannot = {wid for wid, s in big_scores.workloads.items() if s.placed and not s.placed.feasible}
    assert len(cannot) > 10  # the board has something to say
    for target in catalog.edition_targets("2026"):
        here = [w for w, t in big.placements.items() if t == target.id]
        row = _row(lines, target.display_name, 4)
        assert row[0] == _cell(placed[target.id])
        assert row[2] == _cell(sum(1 for w in here if w in cannot))
    # Groups: the largest TOP_GROUPS by name, the rest summed in one row that says how many.
    sizes = Counter(w.group for w in big.workloads)
    ranked = sorted((g for g in sizes if g), key=lambda g: (-sizes[g], g))
    ids = [t.id for t in catalog.edition_targets("2026")]
    for group in ranked[:TOP_GROUPS]:
        members = [w.id for w in big.workloads if w.group == group]
        row = _row(lines, group, len(ids) + 4)
        per_target = Counter(big.placements[w] for w in members if w in big.placements)
        assert row[: len(ids)] == [_cell(per_target[t]) for t in ids]
        assert row[len(ids) + 1] == str(len(members))
        assert row[-1] == _cell(sum(1 for w in members if w in cannot))
    rest = ranked[TOP_GROUPS:]
    assert rest, "the board should have more groups than the overview names"
    others = _row(lines, f"{len(rest)} more groups", len(ids) + 4)
    assert others[len(ids) + 1] == str(sum(sizes[g] for g in rest))
    ungrouped = _row(lines, NO_GROUP, len(ids) + 4)
    assert ungrouped[len(ids) + 1] == str(sizes[None])
    total = _row(lines, "All workloads", len(ids) + 4)
    assert total[len(ids) + 1] == "300" and total[-1] == str(len(cannot))
    assert f"{CANNOT_RUN} where placed" in " ".join(lines)


def test_bookmarks_by_target_and_by_group(default_pdf: PdfReader, big: Board) -> None:
    outline = _outline(default_pdf)
    targets = default_catalog().edition_targets("2026")
    assert outline["Workloads that need attention"] == [f"On {t.display_name}" for t in targets]
    groups = outline["Every workload by group"]
    assert [g.split(" (")[0] for g in groups] == [*sorted(GROUPS), NO_GROUP]
    first = sorted(GROUPS)[0]
    assert groups[0] == f"{first} ({sum(w.group == first for w in big.workloads)} workloads)"
    # The contents lists the groups as one line: they are more than a page of it would hold.
    contents = " ".join(_lines(default_pdf, 1))
    assert f"{len(groups)} entries, each a PDF bookmark" in contents


def test_attention_gives_full_detail_to_what_needs_it_and_a_line_to_every_workload(
    default_pdf: PdfReader, big: Board, big_scores: BoardScore
) -> None:
    found = attention(big, big_scores)
    assert found.detailed and set(found.detailed) <= set(found.why)
    detail = _section(default_pdf, "Workloads that need attention", "Every workload by group")
    for wid in found.detailed:
        assert big.workload(wid).name in detail
    calm = [w for w in big.workloads if w.id not in found.why]
    assert not any(f"{w.name} " in detail for w in calm[:40])
    # Each workload has its line by group; those needing attention say why.
    index = _section(default_pdf, "Every workload by group", "Where the limits come from")
    for workload in big.workloads[:60]:
        assert workload.name in index
    assert f"{CANNOT_RUN} (in full)" in index and "Misplaced: +" in index and " if moved" in index
    flat = " ".join(_text(default_pdf).split())
    # The appendix is a table of files, not their text.
    appendix = flat[flat.index("Appendix: Terraform stubs", flat.index("Where the limits")) :]
    assert "main.tf" in appendix and "lambda.tf" in appendix
    assert 'resource "' not in appendix


@pytest.fixture(scope="module")
def bare_pdf(big: Board, big_scores: BoardScore) -> PdfReader:
    pdf = render_handout(big, big_scores, date=DAY, detail="none", appendix="none")
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def full_pdf(big: Board, big_scores: BoardScore) -> PdfReader:
    pdf = render_handout(big, big_scores, date=DAY, detail="all", appendix="full")
    return PdfReader(io.BytesIO(pdf))


def test_detail_none_and_appendix_none_leave_them_out(
    bare_pdf: PdfReader, default_pdf: PdfReader
) -> None:
    outline = _outline(bare_pdf)
    assert "Workloads that need attention" not in outline and "Workloads" not in outline
    assert "Appendix: Terraform stubs" not in outline
    assert "Every workload by group" in outline and "Overview: what went where" in outline
    assert "no per-workload detail" in _text(bare_pdf)
    assert len(bare_pdf.pages) < len(default_pdf.pages)


def test_detail_all_and_appendix_full_give_everything(full_pdf: PdfReader, big: Board) -> None:
    outline = _outline(full_pdf)
    assert len(outline["Workloads"]) == len(big.workloads)
    files = outline["Appendix: Terraform stubs"]
    assert "main.tf" in files and "lambda.tf" in files
    text = _text(full_pdf)
    assert 'resource "aws_lambda_function"' in text
    assert len(full_pdf.pages) > 300


def test_the_cli_passes_detail_and_appendix(tmp_path: Path) -> None:
    out = tmp_path / "h.pdf"
    code = main(["export", str(DEMO_BOARD), "--pdf", str(out), "--detail", "none"])
    assert code == 0
    outline = _outline(PdfReader(out))
    assert "Workloads" not in outline and "Appendix: Terraform stubs" in outline
    code = main(["export", str(DEMO_BOARD), "--pdf", str(out), "--appendix", "summary"])
    assert code == 0
    reader = PdfReader(out)
    assert "Workloads" in _outline(reader)
    assert _outline(reader)["Appendix: Terraform stubs"] == []  # one table, no file headings


def test_a_small_board_keeps_the_whole_handout(demo_board: Board) -> None:
    reader = PdfReader(io.BytesIO(render_handout(demo_board, date=DAY)))
    outline = _outline(reader)
    assert len(outline["Workloads"]) == len(demo_board.workloads)
    assert "main.tf" in outline["Appendix: Terraform stubs"]
    assert "Every workload by group" not in outline  # the demo has no groups
