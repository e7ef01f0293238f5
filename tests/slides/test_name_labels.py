"""Names cut in the middle: the part that tells them apart stays whole, and the start of the
name gets all the room that part does not need (issue 16)."""

from __future__ import annotations

import pytest

from whiteboard.model import Board, Workload
from whiteboard.scoring import score_board
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.name_labels import TAIL_SHARE, distinct_labels
from whiteboard.slides.scene import Text
from whiteboard.slides.textfit import ELLIPSIS, ellipsize, text_width

EIGHT = [f"Realtime fraud scoring stream processor {i}" for i in range(8)]


def _labels(names: list[str], size: float, width: float) -> list[str]:
    return [label.text for label in distinct_labels([(name, size, width, None) for name in names])]


def test_eight_compact_cards_keep_most_of_the_name_and_its_last_digit() -> None:
    workloads = tuple(Workload(id=f"fraud-{i}", name=name) for i, name in enumerate(EIGHT))
    board = Board(name="Fraud", workloads=workloads, placements={w.id: "ec2" for w in workloads})
    scene = compute_slide(board, score_board(board))
    cards = [scene.element(f"card-text:{w.id}") for w in workloads]
    assert all(isinstance(card, Text) for card in cards)
    shown = [card.text for card in cards]  # type: ignore[union-attr]
    assert len(set(shown)) == 8
    for index, (card, label) in enumerate(zip(cards, shown, strict=True)):
        assert "\n" not in label  # a compact card: one line
        assert label.startswith("Realtime fraud"), label  # was "Realti…0"
        assert label.endswith(f"{ELLIPSIS}{index}"), label
        assert text_width(label, card.size) <= card.w  # type: ignore[union-attr]


@pytest.mark.parametrize("width", [60.0, 100.0, 174.6, 250.0, 320.0])
def test_the_start_takes_all_the_room_the_differing_digit_does_not_need(width: float) -> None:
    for index, label in enumerate(_labels(EIGHT, 18.0, width)):
        head, tail = label.split(ELLIPSIS)
        assert tail == str(index)
        assert text_width(label, 18.0) <= width
        # One more letter of the start would not fit beside the ellipsis and the digit.
        end = len(head) + 1
        while EIGHT[index][end - 1] == " ":
            end += 1
        assert text_width(EIGHT[index][:end] + ELLIPSIS + tail, 18.0) > width, (width, label)


def test_names_that_differ_in_their_first_word_keep_their_plain_cut() -> None:
    names = ["Nordic payments settlement engine", "Baltic payments settlement engine"]
    assert _labels(names, 20.0, 120.0) == [ellipsize(name, 20.0, 120.0) for name in names]


def test_a_long_differing_part_is_cut_at_its_end_and_the_start_keeps_its_share() -> None:
    names = [
        f"Zahlungsabwicklung {region} für Österreich und Deutschland" for region in ("Nord", "Süd")
    ]
    for width in (120.0, 150.0, 200.0):
        labels = _labels(names, 20.0, width)
        assert labels[0] != labels[1]
        for label, region in zip(labels, ("Nord", "Süd"), strict=True):
            head, tail = label.split(ELLIPSIS, 1)
            assert tail.startswith(region) and tail.endswith(ELLIPSIS), label
            assert head and "Zahlungsabwicklung".startswith(head.rstrip()), label
            # The differing part never takes more than its share, so the start keeps the rest.
            assert text_width(head + ELLIPSIS, 20.0) <= width * (1 - TAIL_SHARE)
            assert text_width(label, 20.0) <= width


def test_at_a_very_short_width_the_start_gives_way_to_the_digit() -> None:
    width = text_width(ELLIPSIS + "0", 18.0) + 1
    assert _labels(EIGHT, 18.0, width) == [f"{ELLIPSIS}{i}" for i in range(8)]
