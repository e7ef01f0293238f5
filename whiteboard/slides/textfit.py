"""Word wrapping shared by every renderer, measured with the shipped DejaVu font.

The SVG, PDF and Qt renderers all break a Text element's string with these functions, so a label
wraps at the same word on the projector, in the PNG and in the handout. Widths come from
reportlab's `pdfmetrics.stringWidth` over the TTF in `assets/fonts/`; the fonts are registered
with reportlab once, on first use (reportlab itself is imported lazily: it costs ~0.1 s).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

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


@cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold DejaVu faces with reportlab (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_REGULAR, str(FONT_FILES["regular"])))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_FILES["bold"])))
    return FONT_REGULAR, FONT_BOLD


def font_name(bold: bool = False) -> str:
    register_fonts()
    return FONT_BOLD if bold else FONT_REGULAR


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of `text` at `size` in scene units, measured with the font that will draw
    each character (DejaVu, or the shipped CJK and Korean fonts for what DejaVu lacks)."""
    if text.isascii():
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, font_name(bold), size)
    from whiteboard.slides.fonts import runs_width

    return runs_width(text, font_name(bold), size)


def line_height(size: float) -> float:
    return size * LINE_HEIGHT


def baseline_offset(size: float) -> float:
    """From the top of a line box to its baseline (half the leading, then the ascender)."""
    return size * ((LINE_HEIGHT - ASCENT - DESCENT) / 2 + ASCENT)


def max_lines(size: float, height: float) -> int:
    """How many lines of `size` fit in `height`; always at least one."""
    return max(1, int((height + 1e-6) // line_height(size)))


def _break_word(word: str, size: float, width: float, bold: bool) -> list[str]:
    """Split a word wider than the box into pieces that fit (URLs, long ids)."""
    pieces: list[str] = []
    current = ""
    for char in word:
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
def _wrap_cached(text: str, size: float, width: float, bold: bool) -> tuple[str, ...]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_paragraph(paragraph, size, width, bold))
    return tuple(lines)


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Break `text` into lines no wider than `width`; newlines in the text are kept."""
    return list(_wrap_cached(text, float(size), float(width), bold))


def ellipsize(text: str, size: float, width: float, bold: bool = False) -> str:
    """`text` cut with an ellipsis so that it fits `width` (unchanged when it already fits)."""
    if text_width(text, size, bold) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


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
    return NameLabel(f"{first}\n{ellipsize(rest, wrapped, width)}", wrapped)


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
            labels.append(NameLabel(f"{first}\n{middle}", label.size))
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
    """The fitted lines of `shape` and their baselines, honouring its vertical alignment."""
    lines = tuple(fit_lines(shape.text, shape.size, shape.w, shape.h, shape.bold))
    step = line_height(shape.size)
    top = shape.y
    if shape.valign == "middle":
        top += (shape.h - step * len(lines)) / 2
    elif shape.valign == "bottom":
        top += shape.h - step * len(lines)
    return TextBlock(lines, top + baseline_offset(shape.size), step)
