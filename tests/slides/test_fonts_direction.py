"""Right-to-left lines: the base direction comes from the line's first strong character (bidi
rules P2 and P3), the lines of one paragraph keep the paragraph's direction, and the drawing
order is python-bidi's own for that direction."""

from __future__ import annotations

import pytest
from bidi import get_base_level, get_display
from reportlab.pdfbase import pdfmetrics

from whiteboard.slides import direction, name_labels, shaping, textfit
from whiteboard.slides.scene import Text

MIXED = [
    "نظام الفواتير 2",  # Arabic first, a number at the end: the number sits at the left
    "Orders نظام",  # Latin first: left to right, the Arabic word on the right
    "2 نظام",  # no strong character before the Arabic: still right to left
    "نظام: 3.5 GB",  # punctuation and a decimal number between Arabic and Latin
    "שלום עולם 12",  # Hebrew
    "نظام Orders v2 الفواتير",  # a Latin phrase inside an Arabic line
    "مرحبا.",  # the full stop ends the line where an Arabic reader ends it: on the left
    "Report: تقرير",
]


def _reads(text: str, bold: bool = False) -> str:
    """The characters as drawn left to right (a shaped glyph reads as its cluster)."""
    out = []
    for run in shaping.visual_runs(text, textfit.font_name(bold)):
        font = pdfmetrics.getFont(run.font)
        out += [getattr(font, "actual_text", {}).get(ord(char), char) for char in run.text]
    return "".join(out)


@pytest.mark.parametrize("text", MIXED)
def test_the_base_direction_is_the_first_strong_characters(text: str) -> None:
    assert direction.is_rtl(text) == (get_base_level(text) == 1)


@pytest.mark.parametrize("text", MIXED)
def test_a_line_is_drawn_in_python_bidis_order_for_its_direction(text: str) -> None:
    base_dir = "R" if direction.is_rtl(text) else "L"
    assert _reads(text) == get_display(text, base_dir=base_dir)
    assert _reads(text, bold=True) == get_display(text, base_dir=base_dir)


def test_right_to_left_lines_end_with_their_number_on_the_left() -> None:
    assert _reads("نظام الفواتير 2").startswith("2 ")
    assert _reads("مرحبا.").startswith(".")
    assert _reads("Orders نظام").startswith("Orders ")


def test_a_direction_mark_sets_the_lines_direction() -> None:
    """The mark `textfit` puts before a line of a right-to-left paragraph that starts with a
    Latin word: the line is then laid out right to left, its Latin words in their order."""
    line = textfit.RLM + "AWS في الرياض"
    assert direction.is_rtl(line) and not direction.is_rtl("AWS في الرياض")
    assert _reads(line) == get_display(line, base_dir="R")
    assert _reads(line).rstrip(textfit.RLM).endswith("AWS")  # the first word, on the right


def test_every_line_of_a_paragraph_reads_in_the_paragraphs_direction() -> None:
    notes = "ورشة عمل مع فريق AWS في الرياض حول نقل أنظمة الفواتير والمدفوعات إلى الحاويات"
    for width in range(120, 400, 20):
        lines = textfit.text_block(
            Text(id="t", role="label", x=0, y=0, w=width, h=400, text=notes, size=12)
        ).lines
        assert len(lines) > 1
        assert all(direction.is_rtl(line) for line in lines), (width, lines)
        assert [line.lstrip(textfit.RLM) for line in lines] == textfit.wrap(notes, 12, width)
    # A left-to-right paragraph's line that starts with Arabic stays left to right.
    lines = textfit.directed("Orders and invoices نظام الفواتير", ["Orders and", "نظام الفواتير"])
    assert lines == ["Orders and", textfit.LRM + "نظام الفواتير"]
    assert not any(direction.is_rtl(line) for line in lines)


def test_a_two_line_name_keeps_its_direction_on_the_second_line() -> None:
    label = name_labels.name_label("מערכת הזמנות 12345678", 20, 150, wrapped=16)
    assert len(label.lines) == 2
    assert all(direction.is_rtl(line) for line in label.lines), label.lines


@pytest.mark.parametrize(
    ("align", "text", "expected"),
    [
        ("left", "نظام الفواتير", "right"),
        ("left", "Orders نظام", "left"),
        ("center", "نظام الفواتير", "center"),
        ("right", "نظام الفواتير", "right"),
        ("right", "Orders", "right"),
    ],
)
def test_a_right_to_left_line_starts_at_the_right_of_a_left_aligned_box(
    align: str, text: str, expected: str
) -> None:
    assert textfit.line_align(align, text) == expected


def test_direction_is_measured_without_changing_widths() -> None:
    """A mark is zero wide: a marked line is exactly as wide as the line."""
    for line in ("AWS في الرياض", "نظام الفواتير 2"):
        assert textfit.text_width(textfit.RLM + line, 12) == textfit.text_width(line, 12)
