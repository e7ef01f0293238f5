"""Advance widths read from the shipped fonts' own `cmap` and `hmtx` tables (`FontMetrics`),
and the width of text drawn unshaped in one font.

The numbers are the ones reportlab reads when it embeds a font in the PDF (a test holds them
equal), read without parsing the whole font (~25 ms a face) or importing reportlab, so a diagram
export measures its text for free.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from whiteboard.slides.font_files import FILES
from whiteboard.slides.theme import FONT_FILES


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """A font's glyph per character and advance width per character, in thousandths of the
    font size (reportlab's `charWidths`: same keys, same floats)."""

    glyphs: dict[int, int]
    widths: dict[int, float]
    #: Width of a character the font has no glyph for (that of glyph 0).
    default: float
    units_per_em: int

    def width(self, text: str, size: float) -> float:
        """`text`'s advance at `size`, summed as reportlab's `stringWidth` sums it (so the
        handout, which reportlab measures, and the diagrams agree to the last bit)."""
        get, default = self.widths.get, self.default
        return 0.001 * size * sum(get(ord(char), default) for char in text)

    def scale(self, units: float) -> float:
        """Font units to thousandths of the font size, as reportlab scales them."""
        return units if self.units_per_em == 1000 else units * (1000 / self.units_per_em)


@cache
def font_metrics(path: Path) -> FontMetrics:
    """The metrics of one TrueType file: only its head, hhea, maxp, cmap and hmtx tables are
    read (~2 ms for DejaVu Sans)."""
    data = path.read_bytes()
    tables = _table_offsets(data)
    units_per_em = struct.unpack_from(">H", data, tables["head"] + 18)[0]
    metric_count = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
    glyph_count = struct.unpack_from(">H", data, tables["maxp"] + 4)[0]
    advances = array("H", data[tables["hmtx"] : tables["hmtx"] + 4 * metric_count])
    if struct.pack("=H", 1) != struct.pack(">H", 1):
        advances.byteswap()
    advances = advances[::2]
    glyphs = _cmap(data, tables["cmap"], path)
    # Glyphs past the metrics keep the last advance; scaled as reportlab scales (x * 1000/upem).
    per_glyph: list[float] = [*advances, *[advances[-1]] * max(0, glyph_count - metric_count)]
    if units_per_em != 1000:
        factor = 1000 / units_per_em
        per_glyph = [advance * factor for advance in per_glyph]
    widths = {char: per_glyph[glyph] for char, glyph in glyphs.items() if glyph < glyph_count}
    # reportlab draws a no-break space as a space, and the other way round.
    for have, lack in ((0x20, 0xA0), (0xA0, 0x20)):
        if have in glyphs:
            glyphs[lack] = glyphs[have]
            if have in widths:
                widths[lack] = widths[have]
            break
    return FontMetrics(glyphs, widths, per_glyph[0], units_per_em)


def _table_offsets(data: bytes) -> dict[str, int]:
    count = struct.unpack_from(">H", data, 4)[0]
    return {
        data[12 + 16 * i : 16 + 16 * i].decode("latin-1"): struct.unpack_from(
            ">I", data, 20 + 16 * i
        )[0]
        for i in range(count)
    }


def _cmap(data: bytes, start: int, path: Path) -> dict[int, int]:
    """Character -> glyph from the cmap subtable reportlab picks (the last Unicode one listed),
    read the way reportlab reads it (format 4 keeps characters mapped to glyph 0)."""
    version, count = struct.unpack_from(">HH", data, start)
    if count == 0 and version != 0:
        count = version
    chosen = None
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, start + 4 + 8 * index)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen = offset
    if chosen is None:
        raise ValueError(f"{path.name}: no Unicode cmap")
    table = start + chosen
    fmt = struct.unpack_from(">H", data, table)[0]
    if fmt == 4:
        return _cmap_format_4(data, table)
    if fmt == 12:
        groups = struct.unpack_from(">I", data, table + 12)[0]
        glyphs: dict[int, int] = {}
        for first, last, glyph in struct.iter_unpack(
            ">III", data[table + 16 : table + 16 + 12 * groups]
        ):
            glyphs.update(
                zip(range(first, last + 1), range(glyph, glyph + last - first + 1), strict=True)
            )
        return glyphs
    raise ValueError(f"{path.name}: cmap format {fmt} is not read here")


def _cmap_format_4(data: bytes, table: int) -> dict[int, int]:
    length, _, doubled = struct.unpack_from(">HHH", data, table + 2)
    segments = doubled // 2
    ends = struct.unpack_from(f">{segments}H", data, table + 14)
    starts = struct.unpack_from(f">{segments}H", data, table + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, table + 16 + 4 * segments)
    ranges_at = table + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    limit = table + length
    glyphs: dict[int, int] = {}
    for n, (first, last, delta, offset) in enumerate(
        zip(starts, ends, deltas, ranges, strict=True)
    ):
        if offset == 0:
            glyphs.update((char, (char + delta) & 0xFFFF) for char in range(first, last + 1))
            continue
        for char in range(first, last + 1):
            at = ranges_at + 2 * n + offset + 2 * (char - first)
            glyph = 0 if at >= limit else struct.unpack_from(">H", data, at)[0]
            glyphs[char] = (glyph + delta) & 0xFFFF if glyph else 0
    return glyphs


def dejavu(bold: bool = False) -> FontMetrics:
    return font_metrics(FONT_FILES["bold" if bold else "regular"])


def metrics(font: str) -> FontMetrics | None:
    """A shipped font's metrics; None for reportlab's built-in fonts (Courier)."""
    path = FILES.get(font)
    return font_metrics(path) if path is not None else None


def plain_width(text: str, font: str, size: float) -> float:
    """Unshaped text measured as reportlab measures it at that size, to the last bit (a name
    with a control character left out must lay out exactly as the name without)."""
    measured = metrics(font)
    if measured is not None:
        return measured.width(text, size)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)
