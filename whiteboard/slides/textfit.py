"""Word wrapping shared by every renderer, measured with the shipped fonts.

The SVG, PDF and Qt renderers all break a Text element's string with these functions, so a label
wraps at the same word on the projector, in the PNG and in the handout. Widths are the fonts'
own advance widths (`slides.font_metrics`, the numbers reportlab embeds in the PDF, read
without reportlab); text beyond ASCII is measured as `slides.shaping` draws it, in the font
each script gets, shaped.

Lines break between words, and inside a word only between user-perceived characters
(`clusters`): a Thai tone mark, a Devanagari vowel sign or an emoji modifier stays with its
letter. A line of a right-to-left paragraph reads right to left even where it starts with a
Latin word (`text_block` marks it), and a left-aligned box puts such a line at its right edge
(`line_align`). How a card fits a name is `slides.name_labels`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from whiteboard.slides.direction import is_rtl
from whiteboard.slides.font_files import font_name
from whiteboard.slides.font_metrics import dejavu
from whiteboard.slides.scene import Text
from whiteboard.slides.shaping import runs_width

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


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of `text` at `size` in scene units, measured with the font that will draw
    each character (DejaVu, or the shipped fonts of the scripts it lacks, shaped)."""
    if text.isascii():
        return dejavu(bold).width(text, size)
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
