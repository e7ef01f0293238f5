"""Names that would cut alike on their cards are told apart: the part that differs shows."""

from __future__ import annotations

from whiteboard.model import Board, Workload
from whiteboard.scoring import score_board
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.name_labels import distinct_ellipses
from whiteboard.slides.textfit import text_width


def test_two_names_that_would_cut_alike_show_where_they_differ() -> None:
    names = ["Zahlungsabwicklung Region Nord", "Zahlungsabwicklung Region Süd", "Web shop"]
    labels = distinct_ellipses([(name, 20.0, 150.0) for name in names])
    assert labels[0] != labels[1]
    assert "Nord" in labels[0] and "Süd" in labels[1]
    assert labels[2] == "Web shop"
    assert all(text_width(label, 20.0) <= 150.0 for label in labels)


def test_a_name_that_fits_is_never_changed() -> None:
    labels = distinct_ellipses([("Orders", 20.0, 400.0), ("Orders", 20.0, 400.0)])
    assert labels == ["Orders", "Orders"]


def test_cards_on_the_slide_read_differently() -> None:
    names = [f"Zahlungsabwicklung für Österreich {region}" for region in ("Ost", "West", "Süd")]
    workloads = tuple(
        Workload(id=f"pay-{i}", name=name, architecture="cattle") for i, name in enumerate(names)
    )
    board = Board(name="Payments", workloads=workloads, placements={w.id: "ec2" for w in workloads})
    scene = compute_slide(board, score_board(board))
    shown = [scene.element(f"card-text:{w.id}").text for w in workloads]  # type: ignore[union-attr]
    assert len(set(shown)) == 3
    for label, region in zip(shown, ("Ost", "West", "Süd"), strict=True):
        assert region in label


# -- two lines before a cut ---------------------------------------------------------------------


def test_a_name_too_long_for_one_line_wraps_to_two_before_it_is_cut() -> None:
    from whiteboard.slides.name_labels import name_label

    name = "Orders database (licensed per socket)"
    assert text_width(name, 20.0) > 200.0
    label = name_label(name, 20.0, 200.0, 18.3)
    assert label.size == 18.3
    assert label.lines == ("Orders database", "(licensed per socket)")
    assert all(text_width(line, 18.3) <= 200.0 for line in label.lines)
    # Without room for a second line (a compact card) it is cut on one line, as before.
    assert name_label(name, 20.0, 200.0).text.endswith("…")


def test_a_name_too_long_for_two_lines_is_cut_on_the_second() -> None:
    from whiteboard.slides.name_labels import name_label

    label = name_label("Realtime fraud scoring stream processor for every card", 20.0, 200.0, 18.3)
    first, second = label.lines
    assert "fraud" in first and not first.endswith("…")
    assert second.endswith("…")
    assert text_width(second, 18.3) <= 200.0


def test_names_alike_on_two_lines_show_where_they_differ() -> None:
    from whiteboard.slides.name_labels import distinct_labels

    names = [f"Zahlungsabwicklung für Österreich und Deutschland {r}" for r in ("Ost", "West")]
    labels = distinct_labels([(name, 20.0, 200.0, 18.3) for name in names])
    assert labels[0].text != labels[1].text
    assert labels[0].lines[-1].endswith("Ost") and labels[1].lines[-1].endswith("West")
    assert all(len(label.lines) == 2 for label in labels)
    assert all(text_width(line, 18.3) <= 200.0 for label in labels for line in label.lines)


def test_cards_on_the_slide_wrap_their_names_and_never_shrink_below_the_minimum() -> None:
    from whiteboard.slides.textfit import text_block
    from whiteboard.slides.theme import MIN_TEXT

    long = "Customer portal frontend"
    names = [long, *(f"Service {i}" for i in range(7))]
    workloads = tuple(
        Workload(id=f"w-{i}", name=name, architecture="cattle") for i, name in enumerate(names)
    )
    few = Board(name="Few", workloads=workloads[:3], placements={"w-0": "ec2", "w-1": "ec2"})
    card = compute_slide(few, score_board(few)).element("card-text:w-0")
    lines = text_block(card).lines  # type: ignore[arg-type]
    assert len(lines) == 2 and " ".join(lines) == long
    assert card.size >= MIN_TEXT  # type: ignore[union-attr]
    # Eight cards in a column: compact, one a row, one line each, still at the minimum.
    many = Board(name="Many", workloads=workloads, placements={w.id: "ec2" for w in workloads})
    scene = compute_slide(many, score_board(many))
    texts = [scene.element(f"card-text:{w.id}") for w in workloads]
    assert all(e.size >= MIN_TEXT for e in texts)  # type: ignore[union-attr]
    assert all(len(text_block(e).lines) == 1 for e in texts)  # type: ignore[arg-type]
