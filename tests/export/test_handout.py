"""The PDF handout, read back as text with pypdf: names literal, every section present."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.export.boards import BOARD_NAME, HOSTILE_NAMES
from whiteboard.catalog import default_catalog
from whiteboard.export.handout import render_handout
from whiteboard.model import Board, load_board
from whiteboard.slides.story import story_of

FIXTURES = Path(__file__).parent.parent / "fixtures"

DAY = dt.date(2026, 11, 25)


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_pdf(demo_board: Board) -> bytes:
    return render_handout(demo_board, date=DAY)


@pytest.fixture(scope="module")
def hostile_pdf(hostile: Board) -> bytes:
    return render_handout(hostile, date=DAY, paper="letter")


def test_cover_names_the_board_and_the_date(demo_pdf: bytes, demo_board: Board) -> None:
    cover = _flat(_pages(demo_pdf)[0])
    assert demo_board.name in cover
    assert "2026-11-25" in cover


def _story_pages_match(pdf: bytes, edition: str) -> None:
    pages = [_flat(page) for page in _pages(pdf)][2:]  # after cover and contents
    for step in story_of(edition).steps:
        heading = f"{step.number}. {step.title}"
        page = next(p for p in pages if heading in p[:300])
        assert _flat(step.notes)[:60] in page


def test_every_story_step_has_a_page_with_its_notes(demo_pdf: bytes) -> None:
    _story_pages_match(demo_pdf, "2018")
    assert "built up in 8 steps" in _flat("\n".join(_pages(demo_pdf)))


def test_a_2026_handout_tells_ten_steps_and_covers_the_new_targets() -> None:
    board = load_board(FIXTURES / "board_v2.json")
    pdf = render_handout(board, date=DAY)
    _story_pages_match(pdf, "2026")
    text = _flat("\n".join(_pages(pdf)))
    assert "built up in 10 steps (2026 edition: today's targets)" in text
    for name in ("ECS Managed Instances / EKS Auto Mode", "Lambda Managed Instances"):
        assert f"Placed on {name}: overall" in text
    sources = text[text.index("Where the limits come from") :]
    assert "https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances" in sources
    assert sources.count("Not confirmed by AWS documentation when checked") == sum(
        not limit.confirmed
        for target in default_catalog().edition_targets("2026")
        for _name, limit in target.limits.items()
    )
    summary = text[text.index("Board summary") :]
    assert "ECS Managed Instances / EKS Auto Mode 1" in summary
    assert "Lambda Managed Instances 1" in summary


def test_sections_and_contents_with_page_numbers(demo_pdf: bytes, demo_board: Board) -> None:
    pages = _pages(demo_pdf)
    total = len(pages)
    text = _flat("\n".join(pages))
    for section in (
        "Contents",
        "Pets and cattle",
        "Board summary",
        "Workloads",
        "Appendix: Terraform stubs",
        "versions.tf",
    ):
        assert section in text, section
    for workload in demo_board.workloads:
        assert workload.name in text, workload.id
    for number in range(2, total + 1):
        assert f"page {number} of {total}" in _flat(pages[number - 1])
    # The contents line of the summary points at the page whose heading is "Board summary".
    summary_page = next(i + 1 for i, p in enumerate(pages) if p.startswith("Board summary"))
    contents = pages[1]
    assert "Board summary" in contents
    assert re.search(rf"(?m)^{summary_page}$", contents)


def test_summary_reports_infeasible_placements_and_weakest_links(demo_pdf: bytes) -> None:
    summary = next(_flat(p) for p in _pages(demo_pdf) if p.startswith("Board summary"))
    assert "Placements that break a limit" in summary
    assert "Nightly sales ETL on AWS Lambda" in summary
    assert "orders-db is a single point of failure" in summary


def test_workload_sections_show_scores_reasons_and_alternatives(demo_pdf: bytes) -> None:
    text = _flat("\n".join(_pages(demo_pdf)))
    assert "Placed on AWS Lambda" in text
    assert "Limits AWS Lambda breaks" in text
    assert "Recommended instead: AWS Fargate" in text
    assert "Why these scores on" in text
    assert "Not placed yet." in text


def test_user_text_shows_literally_in_every_script(hostile_pdf: bytes) -> None:
    text = "\n".join(_pages(hostile_pdf))
    flat = _flat(text)
    for key in ("quotes", "interp", "directive", "markup", "tokyo", "moscow"):
        assert HOSTILE_NAMES[key] in flat, key
    assert "Line one" in text and "Line two" in text
    # Drawn lines (contents, footers, slides) turn line breaks and tabs into spaces.
    assert "Line one Line two after a tab" in _pages(hostile_pdf)[1]
    assert "Rocket" in text and "launch" in text  # the emoji no font has is left out
    assert "Very long name xxxxxxxx" in text and "x end" in flat
    assert "<b>&amp;</b>" in flat  # part of the board name, shown as typed
    assert "東京" in flat
    assert BOARD_NAME.split("東京")[0].strip() in flat


def test_paper_sizes(demo_board: Board, hostile_pdf: bytes) -> None:
    letter = PdfReader(io.BytesIO(hostile_pdf)).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def test_empty_board_still_makes_a_handout() -> None:
    text = _flat("\n".join(_pages(render_handout(Board(name="Empty"), date=DAY))))
    assert "The board has no workloads yet." in text
    assert "Board summary" in text


def _destination_page(reader: PdfReader, target: object) -> int:
    """1-based page number of an outline item or a link's named destination."""
    return reader.get_destination_page_number(target) + 1


def _outline(reader: PdfReader) -> list[object]:
    items: list[object] = []

    def walk(nodes: list[object]) -> None:
        for node in nodes:
            if isinstance(node, list):
                walk(node)
            else:
                items.append(node)

    walk(reader.outline)
    return items


@pytest.mark.parametrize("board_name", ["demo_board", "hostile"])
def test_every_bookmark_lands_on_the_page_of_its_heading(
    board_name: str, request: pytest.FixtureRequest
) -> None:
    board = request.getfixturevalue(board_name)
    reader = PdfReader(io.BytesIO(render_handout(board, date=DAY)))
    texts = [_flat(page.extract_text()) for page in reader.pages]
    items = _outline(reader)
    assert len(items) >= len(board.workloads) + 8
    pages = [_destination_page(reader, item) for item in items]
    for item, page in zip(items, pages, strict=True):
        # Emoji have no glyph in the handout's fonts, so they are not extracted either.
        title = _flat("".join(c for c in item.title if unicodedata.category(c) != "So"))
        assert title.isprintable(), "outline titles hold no control characters"
        assert title[:40] in texts[page - 1], f"{item.title!r} is not on page {page}"
    assert pages == sorted(pages), "bookmarks follow the document's order"
    assert len(set(pages)) > len(reader.pages) // 3
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_every_contents_link_jumps_to_its_section(demo_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(demo_pdf))
    texts = [_flat(page.extract_text()) for page in reader.pages]
    page_of = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    links = [
        annotation.get_object()
        for annotation in reader.pages[1].get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    titles = {item.title: _destination_page(reader, item) for item in _outline(reader)}
    assert len(links) == len(titles)
    targets = set()
    for link in links:
        page = page_of[link["/Dest"][0].idnum]
        targets.add(page)
        assert page > 2, link["/Dest"]
    # Each section of the contents has a page of its own (cover and contents are 1 and 2).
    assert targets == set(titles.values())
    assert any("Board summary" in texts[p - 1][:40] for p in targets)
