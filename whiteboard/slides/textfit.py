"""Word wrapping shared by every renderer, measured with the shipped fonts.

The SVG, PDF and Qt renderers all break a Text element's string with these functions, so a label
wraps at the same word on the projector, in the PNG and in the handout. Widths are the fonts'
own advance widths, read here from the `cmap` and `hmtx` tables of the files in `assets/fonts/`
(`FontMetrics`): the same numbers reportlab reads when it embeds the font in the PDF (a test
holds them equal), without parsing the whole font (~25 ms a face) or importing reportlab, so a
diagram export measures its text for free. Text beyond ASCII is measured by `slides.fonts`,
which picks a font per script and shapes it.

Lines break between words, and inside a word only between user-perceived characters
(`clusters`): a Thai tone mark, a Devanagari vowel sign or an emoji modifier stays with its
letter. A line of a right-to-left paragraph reads right to left even where it starts with a
Latin word (`text_block` marks it), and a left-aligned box puts such a line at its right edge
(`line_align`).
"""

from __future__ import annotations

import struct
import unicodedata
from array import array
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from whiteboard.model.text import neutral
from whiteboard.slides.scene import Text
from whiteboard.slides.theme import FONT_FILES

#: Names under which the fonts are registered with reportlab (the PDF renderer uses them too).
FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
#: Distance between baselines, as a multiple of the font size.
LINE_HEIGHT = 1.2
#: DejaVu Sans ascent and descent as reportlab reads them (font units / 1000); a line box of
#: LINE_HEIGHT centres this glyph box, so every renderer puts the baseline at the same place.
ASCENT = 0.76
DESCENT = 0.24
ELLIPSIS = "…"
#: Zero-width direction marks (left-to-right, right-to-left): strong characters that set the
#: direction of a line that has no strong character of its own kind first.
LRM, RLM = "\u200e", "\u200f"


# -- metrics read from the font files ------------------------------------------------------------


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


def font_name(bold: bool = False) -> str:
    return FONT_BOLD if bold else FONT_REGULAR


def dejavu(bold: bool = False) -> FontMetrics:
    return font_metrics(FONT_FILES["bold" if bold else "regular"])


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of `text` at `size` in scene units, measured with the font that will draw
    each character (DejaVu, or the shipped fonts of the scripts it lacks, shaped)."""
    if text.isascii():
        return dejavu(bold).width(text, size)
    from whiteboard.slides.fonts import runs_width

    return runs_width(text, font_name(bold), size)


# -- user-perceived characters -------------------------------------------------------------------

#: Thai and Lao SARA AM: spacing, but part of the syllable before them (UAX #29 SpacingMark).
_SPACING_MARKS = frozenset("\u0e33\u0eb3")
#: Scripts whose virama joins two consonants into one conjunct (UAX #29 rule GB9c).
_CONJUNCT_SCRIPTS = ((0x0900, 0x097F), (0x0980, 0x09FF))


def clusters(text: str) -> list[str]:
    """`text` cut into user-perceived characters: a letter with its combining marks, vowel
    signs, joiners and variation selectors; a Devanagari or Bengali conjunct; an emoji with its
    modifiers and zero-width-joined parts; a flag. A line may break between two of them, never
    inside one (UAX #29 grapheme clusters, for the scripts the shipped fonts cover)."""
    if text.isascii():
        return list(text)
    out: list[str] = []
    for char in text:
        if out and _continues(out[-1], char):
            out[-1] += char
        else:
            out.append(char)
    return out


def _continues(cluster: str, char: str) -> bool:
    code = ord(char)
    if unicodedata.category(char) in ("Mn", "Mc", "Me") or char in _SPACING_MARKS:
        return True
    if (
        char in "\u200c\u200d"
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags)
    ):
        return True
    last = cluster[-1]
    if last == "\u200d":
        return True
    if unicodedata.combining(last) == 9 and unicodedata.category(char) == "Lo":
        return any(
            low <= ord(last) <= high and low <= code <= high for low, high in _CONJUNCT_SCRIPTS
        )
    regional = 0x1F1E6 <= code <= 0x1F1FF
    return regional and len(cluster) == 1 and 0x1F1E6 <= ord(last) <= 0x1F1FF


def _cluster_ends(text: str) -> list[int]:
    """Where `text` may be cut: 0 and the end of every user-perceived character."""
    ends = [0]
    for cluster in clusters(text):
        ends.append(ends[-1] + len(cluster))
    return ends


# -- direction -----------------------------------------------------------------------------------


def is_rtl(text: str) -> bool:
    """Whether `text` reads right to left: its first strong character is (bidi rules P2, P3)."""
    if text.isascii():
        return False
    from whiteboard.slides.fonts import is_rtl as rtl

    return rtl(text)


def line_align(align: str, line: str) -> str:
    """How a line sits in its box: a left-aligned box is aligned to its start, which is the
    right edge for a right-to-left line; centred and right-aligned boxes stay as they are."""
    return "right" if align == "left" and is_rtl(line) else align


def directed(paragraph: str, lines: list[str]) -> list[str]:
    """The lines of one paragraph, each reading in the paragraph's direction: the bidi algorithm
    decides it once per paragraph (P2, P3), so a line that on its own would start the other
    way (an Arabic paragraph's line that begins with "AWS") gets a direction mark in front."""
    if paragraph.isascii():
        return lines
    rtl = is_rtl(paragraph)
    return [line if is_rtl(line) == rtl else (RLM if rtl else LRM) + line for line in lines]


def line_height(size: float) -> float:
    return size * LINE_HEIGHT


def baseline_offset(size: float) -> float:
    """From the top of a line box to its baseline (half the leading, then the ascender)."""
    return size * ((LINE_HEIGHT - ASCENT - DESCENT) / 2 + ASCENT)


def max_lines(size: float, height: float) -> int:
    """How many lines of `size` fit in `height`; always at least one."""
    return max(1, int((height + 1e-6) // line_height(size)))


def _break_word(word: str, size: float, width: float, bold: bool) -> list[str]:
    """Split a word wider than the box into pieces that fit (URLs, long ids, a Thai phrase,
    which has no spaces between its words), between user-perceived characters only."""
    pieces: list[str] = []
    current = ""
    for char in clusters(word):
        if current and text_width(current + char, size, bold) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def _wrap_paragraph(paragraph: str, size: float, width: float, bold: bool) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if text_width(word, size, bold) <= width:
            current = word
        else:
            *full, current = _break_word(word, size, width, bold)
            lines.extend(full)
    lines.append(current)
    return lines


@lru_cache(maxsize=4096)
def _paragraph_lines(
    text: str, size: float, width: float, bold: bool
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each paragraph of `text` (its lines split at newlines) with the lines it wraps into."""
    return tuple(
        (paragraph, tuple(_wrap_paragraph(paragraph, size, width, bold)))
        for paragraph in text.splitlines() or [""]
    )


@lru_cache(maxsize=4096)
def _wrap_cached(text: str, size: float, width: float, bold: bool) -> tuple[str, ...]:
    return tuple(line for _, lines in _paragraph_lines(text, size, width, bold) for line in lines)


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Break `text` into lines no wider than `width`; newlines in the text are kept."""
    return list(_wrap_cached(text, float(size), float(width), bold))


def ellipsize(text: str, size: float, width: float, bold: bool = False) -> str:
    """`text` cut with an ellipsis so that it fits `width` (unchanged when it already fits);
    cut between user-perceived characters, so no letter loses its marks."""
    if text_width(text, size, bold) <= width:
        return text
    ends = _cluster_ends(text)
    low, high = 0, len(ends) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[: ends[middle]].rstrip() + ELLIPSIS, size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return text[: ends[low]].rstrip() + ELLIPSIS


#: Share of a card's text width the start of a name keeps when the middle is cut.
HEAD_SHARE = 0.4


def distinct_ellipses(fits: Sequence[tuple[str, float, float]]) -> list[str]:
    """Each (name, size, width) cut to fit; where two different names would cut alike
    ("Zahlungsa…" twice), they are cut in the middle instead, keeping their start and the part
    that tells them apart ("Zahlu…Nord", "Zahlu…Süd")."""
    return [label.text for label in distinct_labels([(*fit, None) for fit in fits])]


@dataclass(frozen=True, slots=True)
class NameLabel:
    """A name as a card shows it: one line, or two lines joined by a newline, at `size`."""

    text: str
    size: float

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))


def two_lines(name: str, size: float, width: float) -> tuple[str, str] | None:
    """`name` broken into a first line that fits `width` and the rest (which may not fit), or
    None when it fits on one line. Words break where they can; a word wider than the whole
    line breaks between characters."""
    folded = " ".join(name.split())
    lines = wrap(folded, size, width)
    if len(lines) < 2:
        return None
    first = lines[0]
    return first, folded[len(first) :].lstrip()


def name_label(name: str, size: float, width: float, wrapped: float | None = None) -> NameLabel:
    """`name` on one line at `size` when it fits; else, when `wrapped` (the two-line size) is
    given, on two lines at that size, the second cut with an ellipsis if it must; else cut
    with an ellipsis on one line. Controls are left out first (`text.neutral`), as the
    renderers leave them out, so a hostile name breaks where its visible twin does."""
    name = neutral(name)
    if text_width(name, size) <= width:
        return NameLabel(name, size)
    split = two_lines(name, wrapped, width) if wrapped else None
    if split is None or wrapped is None:
        return NameLabel(ellipsize(name, size, width), size)
    first, rest = split
    return NameLabel(_two_lines_text(name, first, ellipsize(rest, wrapped, width)), wrapped)


def _two_lines_text(name: str, first: str, second: str) -> str:
    """A name's two lines as one text; the second reads in the name's direction (a Hebrew
    name's "12" on its second line sits at the right, as the line above starts there)."""
    return f"{first}\n{directed(name, [second])[0]}"


def distinct_labels(fits: Sequence[tuple[str, float, float, float | None]]) -> list[NameLabel]:
    """Each (name, size, width, two-line size or None) fitted by `name_label`; where two
    different names would still read alike ("Zahlungsa…" twice, or the same second line cut
    alike), their last line is cut in the middle instead, keeping its start and the part that
    tells them apart ("Zahlu…Nord", "Zahlu…Süd")."""
    fitted = [name_label(*fit) for fit in fits]
    names_by_text: dict[str, set[str]] = {}
    for (name, *_), label in zip(fits, fitted, strict=True):
        names_by_text.setdefault(label.text, set()).add(name)
    labels = []
    for (name, _size, width, _wrapped), label in zip(fits, fitted, strict=True):
        alike = names_by_text[label.text]
        if len(alike) < 2:
            labels.append(label)
        elif len(label.lines) == 1:
            middle = _cut_in_the_middle(name, _first_difference(alike), label.size, width)
            labels.append(NameLabel(middle, label.size))
        else:
            # Alike on two lines: the first lines are the same, the rests differ.
            first = label.lines[0]
            rests = {_rest_after(other, first) for other in alike}
            rest = _rest_after(name, first)
            middle = _cut_in_the_middle(rest, _first_difference(rests), label.size, width)
            labels.append(NameLabel(_two_lines_text(name, first, middle), label.size))
    return labels


def _rest_after(name: str, first: str) -> str:
    return " ".join(name.split())[len(first) :].lstrip()


def _first_difference(names: Collection[str]) -> int:
    """Where names stop sharing their start, backed up to the start of that word."""
    first, *others = names
    shared = len(first)
    for other in others:
        shared = next(
            (i for i, (a, b) in enumerate(zip(first[:shared], other, strict=False)) if a != b),
            min(shared, len(other)),
        )
    common = first[:shared]
    space = common.rfind(" ")
    return space + 1 if space >= 0 else len(common)


def _cut_in_the_middle(name: str, differs_at: int, size: float, width: float) -> str:
    rest = name[differs_at:]
    head = ellipsize(name[:differs_at], size, width * HEAD_SHARE)
    if not head.endswith(ELLIPSIS):
        head = head.rstrip() + ELLIPSIS if head.strip() else ""
    room = width - text_width(head, size)
    return head + ellipsize(rest, size, room)


def fit_lines(text: str, size: float, width: float, height: float, bold: bool = False) -> list[str]:
    """The lines a renderer draws for a Text box: wrapped, and cut with an ellipsis at the
    last line that fits the box height, so nothing ever overflows silently."""
    lines = wrap(text, size, width, bold)
    limit = max_lines(size, height)
    if len(lines) <= limit:
        return lines
    kept = lines[:limit]
    kept[-1] = ellipsize(kept[-1] + ELLIPSIS, size, width, bold)
    return kept


def fits(text: str, size: float, width: float, height: float, bold: bool = False) -> bool:
    """True when the wrapped text fits the box without being cut."""
    return len(wrap(text, size, width, bold)) <= max_lines(size, height)


@lru_cache(maxsize=4096)
def largest_size(
    text: str, size: float, width: float, height: float, *, minimum: float, bold: bool = False
) -> float:
    """The largest font size from `size` down to `minimum` (in steps of 1) at which the text fits;
    `minimum` when none does (the renderer then cuts it with an ellipsis). Cached: the slide asks
    the same questions of its headers, services and layers on every redraw."""
    current = size
    while current > minimum and not fits(text, current, width, height, bold):
        current -= 1
    return max(current, minimum)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Where a Text element's lines go: the one placement every renderer draws."""

    lines: tuple[str, ...]
    #: Baseline of the first line, in scene units (y grows downwards).
    first_baseline: float
    #: Distance between baselines.
    step: float

    def baselines(self) -> list[float]:
        return [self.first_baseline + index * self.step for index in range(len(self.lines))]


def text_block(shape: Text) -> TextBlock:
    """The fitted lines of `shape` and their baselines, honouring its vertical alignment.
    Lines of a paragraph read in its direction (`directed`)."""
    lines = fit_lines(shape.text, shape.size, shape.w, shape.h, shape.bold)
    if not shape.text.isascii():
        lines = _directed_lines(shape.text, lines, shape.size, shape.w, shape.bold)
    step = line_height(shape.size)
    top = shape.y
    if shape.valign == "middle":
        top += (shape.h - step * len(lines)) / 2
    elif shape.valign == "bottom":
        top += shape.h - step * len(lines)
    return TextBlock(tuple(lines), top + baseline_offset(shape.size), step)


def _directed_lines(
    text: str, lines: list[str], size: float, width: float, bold: bool
) -> list[str]:
    out: list[str] = []
    for paragraph, wrapped in _paragraph_lines(text, float(size), float(width), bold):
        out.extend(directed(paragraph, lines[len(out) : len(out) + len(wrapped)]))
        if len(out) >= len(lines):
            break
    return out
