"""Text is measured from the font files' own tables, with the numbers reportlab embeds in the
PDF, and a diagram export measures it without importing reportlab or parsing whole fonts."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from whiteboard.slides import font_files, font_metrics, shaping, textfit
from whiteboard.slides.theme import FONT_FILES

SHIPPED = sorted(font_files.FONTS_DIR.glob("*.ttf"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_metrics_are_reportlabs_for_every_shipped_font(path) -> None:
    metrics = font_metrics.font_metrics(path)
    parsed = TTFontFile(str(path))
    assert metrics.glyphs == parsed.charToGlyph
    assert metrics.widths == parsed.charWidths
    assert metrics.default == parsed.defaultWidth
    # Same types too (int where the em is 1000 units): sums come out bit for bit the same.
    assert {type(metrics.widths[c]) for c in parsed.charWidths} == {
        type(w) for w in parsed.charWidths.values()
    }


def test_every_shipped_font_is_one_the_code_names() -> None:
    named = {path.name for path in (*font_files.SCRIPT_FONT_FILES, *FONT_FILES.values())}
    assert {path.name for path in SHIPPED} == named


@pytest.mark.parametrize(
    "text",
    ["Orders API", "Zahlungsabwicklung Süd", "ระบบ สั่งซื้อ", "বিক্রয়", "قاعدة 12", "東京"],
)
def test_widths_are_what_reportlab_measures_when_it_draws(text: str) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import ShapedStr

    base = textfit.font_name()
    drawn = sum(
        run.advance * 11 if isinstance(run.text, ShapedStr) else stringWidth(run.text, run.font, 11)
        for run in shaping.visual_runs(text, base)
    )
    assert shaping.runs_width(text, base, 11) == drawn
    assert textfit.text_width(text, 11) == drawn


_PROBE = """
import json, sys
from whiteboard.model.io import load_board
from whiteboard.paths import ASSETS_DIR
from whiteboard.render.svg import scene_to_svg
from whiteboard.slides.compute import compute_slide
board = load_board(ASSETS_DIR / "boards" / "demo.json")
svg = scene_to_svg(compute_slide(board))
print(json.dumps([len(svg), sorted(m for m in sys.modules if m.split(".")[0] == "reportlab")]))
"""


def test_a_diagram_is_measured_without_reportlab() -> None:
    """reportlab's import and its font parsing cost ~0.13 s of `export --svg` (issue 18)."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    size, loaded = json.loads(done.stdout)
    assert size > 10_000
    assert loaded == []
