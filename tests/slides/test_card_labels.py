"""Names that would cut alike on their cards are told apart: the part that differs shows."""

from __future__ import annotations

from whiteboard.model import Board, Workload
from whiteboard.scoring import score_board
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.textfit import distinct_ellipses, text_width


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
