"""One line as drawn: runs of one font in drawing order, left to right, shaped by HarfBuzz
(`uharfbuzz`) where a script needs it, and their width.

The bidi algorithm (`slides.direction`) sets each character's level; runs of Arabic, the Indic
scripts, Thai and emoji are shaped (joined letters, conjuncts, reordered vowel signs, stacked
marks, ligatures, in visual order), and right-to-left runs are placed right to left. The PDF's
text layer still reads in logical order: shaped glyphs map back to the characters they came
from (`pdf_fonts._Font`).

Measuring needs neither reportlab nor a parsed font: widths come from the cmap and hmtx tables
(`slides.font_metrics`), shaping from HarfBuzz over the font file. `visual_runs` registers each
run's font with reportlab, for the PDF; `runs_width` does not, and `textfit` measures with it,
so a name in any script is measured as wide as it is drawn.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from whiteboard.slides.direction import bidi_levels, mirrored, visual_order
from whiteboard.slides.font_files import CJK_FONT, FILES, KOREAN_FONT
from whiteboard.slides.font_metrics import metrics, plain_width
from whiteboard.slides.fonts import assigned
from whiteboard.slides.pdf_fonts import pdf_font, register_fonts

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import ShapedStr


@lru_cache(maxsize=16384)
def _pieces(text: str, base: str) -> tuple[tuple[str, bool, str], ...]:
    """(font, right to left?, text) of one line in drawing order, left to right; the text of a
    right-to-left piece is still in logical order."""
    assigned_fonts = assigned(text, base)
    drawn = "".join(char for _, char in assigned_fonts)
    levels = bidi_levels(drawn) or [0] * len(drawn)
    pieces: list[tuple[str, int, str]] = []  # (font, level, text) in logical order
    for (font, char), level in zip(assigned_fonts, levels, strict=True):
        if pieces and pieces[-1][:2] == (font, level):
            pieces[-1] = (font, level, pieces[-1][2] + char)
        else:
            pieces.append((font, level, char))
    ordered = (pieces[index] for index in visual_order([level for _, level, _ in pieces]))
    return tuple((font, level % 2 == 1, part) for font, level, part in ordered)


def _needs_shaping(text: str, font: str) -> bool:
    if font in (CJK_FONT, KOREAN_FONT):
        return False
    return any(ord(char) >= 0x0590 or unicodedata.combining(char) for char in text)


@cache
def _hb_font(font: str) -> Any:
    """HarfBuzz's font over the shipped file (HarfBuzz reads its tables lazily)."""
    import uharfbuzz

    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(FILES[font])))
    hb_font = uharfbuzz.Font(face)
    hb_font.ptem = 1000  # as reportlab's own `hbFont(1000)`
    return hb_font


@lru_cache(maxsize=16384)
def _shaped(text: str, font: str, rtl: bool) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """HarfBuzz's glyph infos and positions of `text` in drawing order."""
    import uharfbuzz

    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(_hb_font(font), buffer, {"kern": True, "liga": True})
    return tuple(buffer.glyph_infos), tuple(buffer.glyph_positions)


def _shaped_advance(text: str, font: str, rtl: bool) -> float:
    """The advance of shaped `text` per point of font size."""
    scale = metrics(font).scale  # type: ignore[union-attr]
    advance = 0.0
    for position in _shaped(text, font, rtl)[1]:
        advance += scale(position.x_advance)
    return advance / 1000


def _shape(text: str, font: str, rtl: bool) -> tuple[ShapedStr, float]:
    """HarfBuzz glyphs of `text` in drawing order, as a string reportlab draws glyph by glyph,
    and its advance per point of font size."""
    from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

    ttf = pdf_font(font)
    hb_font = _hb_font(font)
    infos, positions = _shaped(text, font, rtl)
    starts = [*sorted({info.cluster for info in infos}), len(text)]
    cluster_text = {start: text[start:end] for start, end in pairwise(starts)}
    seen: set[int] = set()
    chars, data = [], []
    for info, position in zip(infos, positions, strict=True):
        gid = info.codepoint
        scaled = ttf.pdfScale(position.x_advance)
        # The first glyph of a cluster reads back as the cluster's letters, the others as
        # nothing: a conjunct or a reordered vowel sign still copies as typed.
        reads = "" if info.cluster in seen else cluster_text[info.cluster]
        seen.add(info.cluster)
        width = ttf.pdfScale(hb_font.get_glyph_h_advance(gid))
        code = ttf.code_for(gid, reads, width)
        chars.append(chr(code))
        data.append(
            ShapeData(
                info.cluster,
                scaled,
                ttf.pdfScale(position.y_advance),
                ttf.pdfScale(position.x_offset),
                ttf.pdfScale(position.y_offset),
                ttf.face.charWidths.get(code, scaled),
            )
        )
    return ShapedStr("".join(chars), shapeData=data), _shaped_advance(text, font, rtl)


# -- drawing and measuring -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """Part of a line in one font, as drawn: `text` may be shaped glyphs (a ShapedStr)."""

    font: str
    text: str
    #: Advance width per point of font size.
    advance: float


@lru_cache(maxsize=16384)
def visual_runs(text: str, base: str) -> tuple[Run, ...]:
    """One line of `text` as runs in drawing order, left to right, shaped where needed; each
    run's font registered with reportlab (this is what the PDF draws)."""
    register_fonts()
    if text.isascii() and text.isprintable():
        return (Run(base, text, plain_width(text, base, 1000) / 1000),) if text else ()
    runs = []
    for font, rtl, part in _pieces(text, base):
        pdf_font(font)
        if _needs_shaping(part, font):
            shaped, advance = _shape(part, font, rtl)
            runs.append(Run(font, shaped, advance))
            continue
        if rtl:
            part = mirrored(part)
        runs.append(Run(font, part, plain_width(part, font, 1000) / 1000))
    return tuple(runs)


@lru_cache(maxsize=4096)
def char_width(char: str, base: str, size: float) -> float:
    """Advance width of one character drawn on its own (0 when it is left out)."""
    return runs_width(char, base, size)


def runs_width(text: str, base: str, size: float) -> float:
    """The width of one line as `visual_runs` draws it, without reportlab (see `plain_width`)."""
    if text.isascii() and text.isprintable():
        return plain_width(text, base, size) if text else 0
    width = 0
    for font, rtl, part in _pieces(text, base):
        if _needs_shaping(part, font):
            width += _shaped_advance(part, font, rtl) * size
        else:
            width += plain_width(mirrored(part) if rtl else part, font, size)
    return width
