"""Compact cards (a crowded tray, and the rows of an open group) read like a list: one card a
row across the tray, the name on one line at the slide's smallest size, a badge no wider than
a score of 100, and names that would cut alike still told apart."""

from __future__ import annotations

import itertools

import pytest

from whiteboard.model import Board, Workload
from whiteboard.scoring import score_board
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.geometry import WIDEST_SCORE
from whiteboard.slides.scene import Scene, Text
from whiteboard.slides.textfit import ELLIPSIS, text_block, text_width
from whiteboard.slides.theme import MIN_TEXT

LONG_NAMES = (
    "Realtime fraud scoring stream processor",
    "Orders database (licensed per socket)",
    "Zahlungsabwicklung für Österreich Nord",
    "Zahlungsabwicklung für Österreich Süd",
    "Kernel performance lab for the kernel team",
    "Customer portal frontend and its caches",
    "Nightly settlement batch for every bank",
    "Document archive with full-text search",
    "Identity provider for partners and staff",
    "Warehouse robots' fleet management",
)
#: Characters of a long name a compact card shows, at least, in each edition (2026: seven
#: narrow columns; 2018: five).
SHOWN = {"2026": 15, "2018": 25}


def _crowded(count: int, edition: str, *, gpu: frozenset[int] = frozenset()) -> Board:
    """`count` long-named workloads all on Fargate (no GPU there: `gpu` ones cannot run)."""
    workloads = tuple(
        Workload(
            id=f"w-{i}",
            name=f"{LONG_NAMES[i % len(LONG_NAMES)]} {i}",
            architecture="cattle",
            gpu=i in gpu,
        )
        for i in range(count)
    )
    placements = {w.id: "fargate" for w in workloads}
    return Board(name="Crowded", edition=edition, workloads=workloads, placements=placements)  # type: ignore[arg-type]


def _text(scene: Scene, element_id: str) -> Text:
    element = scene.element(element_id)
    assert isinstance(element, Text)
    return element


def _shown_chars(label: str) -> int:
    """How many characters of the name a label shows (its ellipses left out)."""
    return len(label.replace(ELLIPSIS, "").replace("\n", " "))


def _cut_at_the_end(label: str) -> bool:
    """Cut for room only, not in the middle to tell it from a name that starts alike."""
    return label.endswith(ELLIPSIS) and label.count(ELLIPSIS) == 1


def _cards(scene: Scene) -> list[str]:
    return [e.id.split(":", 1)[1] for e in scene if e.id.startswith("card:")]


@pytest.mark.parametrize("edition", ["2026", "2018"])
def test_a_crowded_tray_shows_eight_compact_rows_that_read(edition: str) -> None:
    board = _crowded(8, edition)
    scene = compute_slide(board, score_board(board))
    assert scene.meta["trays"]["fargate"].mode == "compact"
    shown = _cards(scene)
    assert len(shown) == 8
    checked = 0
    for wid in shown:
        name = board.workload(wid).name
        text = _text(scene, f"card-text:{wid}")
        lines = text_block(text).lines
        assert text.size >= MIN_TEXT and len(lines) == 1, (name, lines)
        assert lines[0] != name  # every name is long enough to be cut
        if _cut_at_the_end(lines[0]):  # (names alike are cut in the middle: see below)
            assert _shown_chars(lines[0]) >= SHOWN[edition], (name, lines[0])
            checked += 1
    assert checked >= 6
    # One a row: every card spans the tray's width, none overlaps the next.
    frames = [scene.element(f"card:{wid}") for wid in shown]
    assert len({(f.x, f.w) for f in frames}) == 1  # type: ignore[union-attr]
    tops = sorted(f.y for f in frames)  # type: ignore[union-attr]
    assert all(b - a >= frames[0].h for a, b in itertools.pairwise(tops))  # type: ignore[union-attr]


def test_the_badge_holds_a_score_of_100_and_the_parts_stay_inside_the_card() -> None:
    board = _crowded(8, "2026", gpu=frozenset({2}))
    scene = compute_slide(board, score_board(board))
    for wid in _cards(scene):
        card = scene.element(f"card:{wid}")
        band = scene.element(f"card-band:{wid}")
        text = _text(scene, f"card-text:{wid}")
        score = _text(scene, f"card-score:{wid}")
        assert score.size >= MIN_TEXT
        assert band.w >= text_width(WIDEST_SCORE, score.size, bold=True)  # type: ignore[union-attr]
        parts = [band, text]
        if wid == "w-2":
            parts.append(scene.element(f"card-mark:{wid}"))
            assert _text(scene, f"card-mark-text:{wid}").size >= MIN_TEXT
        for part in parts:
            assert card.x <= part.x and part.x + part.w <= card.x + card.w + 1e-6  # type: ignore[union-attr]
            assert card.y <= part.y and part.y + part.h <= card.y + card.h + 1e-6  # type: ignore[union-attr]
        assert text.x + text.w <= band.x  # type: ignore[union-attr]
    # The card that cannot run keeps its mark and still shows a good part of its name.
    marked = text_block(_text(scene, "card-text:w-2")).lines[0]
    assert _shown_chars(marked) >= 11, marked


def test_names_that_would_cut_alike_on_compact_cards_show_where_they_differ() -> None:
    board = _crowded(8, "2026")
    scene = compute_slide(board, score_board(board))
    north = _text(scene, "card-text:w-2").text  # Zahlungsabwicklung für Österreich Nord 2
    south = _text(scene, "card-text:w-3").text  # ... Süd 3
    assert north != south
    assert "Nord" in north and "Süd" in south


def test_an_open_group_shows_its_workloads_as_compact_rows_too() -> None:
    board = _crowded(20, "2026")  # no groups: the one group shows open, with a pager
    scene = compute_slide(board, score_board(board))
    tray = scene.meta["trays"]["fargate"]
    assert tray.mode == "open" and tray.pager is not None
    shown = _cards(scene)
    assert len(shown) == 5
    lines = [text_block(_text(scene, f"card-text:{wid}")).lines for wid in shown]
    assert all(len(line) == 1 for line in lines), lines
    cut = [line[0] for line in lines if _cut_at_the_end(line[0])]
    assert len(cut) >= 3 and all(_shown_chars(label) >= SHOWN["2026"] for label in cut), cut
