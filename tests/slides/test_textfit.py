"""Word wrapping shared by the renderers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from whiteboard.slides.textfit import (
    ELLIPSIS,
    ellipsize,
    fit_lines,
    largest_size,
    text_width,
    wrap,
)


def test_wrapping_keeps_every_line_inside_the_width() -> None:
    text = "Containers on EC2 keep a provider-run control plane over your own hosts"
    lines = wrap(text, 20, 200)
    assert len(lines) > 1
    assert all(text_width(line, 20) <= 200 for line in lines)
    assert " ".join(lines) == text


def test_a_word_wider_than_the_box_is_broken() -> None:
    lines = wrap("x" * 80, 20, 100)
    assert len(lines) > 1
    assert "".join(lines) == "x" * 80


def test_newlines_start_new_lines() -> None:
    assert wrap("one\ntwo", 20, 500) == ["one", "two"]


def test_fit_lines_cuts_with_an_ellipsis_at_the_box_height() -> None:
    lines = fit_lines("word " * 100, 20, 200, 50)
    assert len(lines) == 2
    assert lines[-1].endswith(ELLIPSIS)


def test_ellipsize_only_cuts_what_does_not_fit() -> None:
    assert ellipsize("short", 20, 500) == "short"
    cut = ellipsize("a rather long workload name indeed", 20, 120)
    assert cut.endswith(ELLIPSIS)
    assert text_width(cut, 20) <= 120


def test_largest_size_shrinks_until_the_text_fits() -> None:
    size = largest_size("Container control plane", 30, 200, 40, minimum=12)
    assert size < 30
    assert len(wrap("Container control plane", size, 200)) == 1


@given(st.text(min_size=1, max_size=60), st.floats(min_value=40, max_value=600))
def test_wrapped_lines_never_exceed_the_width(text: str, width: float) -> None:
    for line in wrap(text, 18, width):
        assert text_width(line, 18) <= width + 1e-6 or len(line) == 1


def test_cjk_and_hangul_are_measured_with_the_fonts_that_draw_them() -> None:
    from whiteboard.slides.font_metrics import dejavu

    for text in ("東京 受注", "서울 결제"):
        dejavu_only = dejavu().width(text, 20)
        measured = text_width(text, 20)
        # A CJK glyph is a full em wide; DejaVu has none and would measure it far narrower.
        assert measured > dejavu_only
        assert measured >= 20 * (len(text) - 1)
