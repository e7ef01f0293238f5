"""Which font draws which character, and the runs of one font a line falls into.

A character goes to the first shipped font (`slides.font_files`) that has it (the letters of a
script with a font of its own always to that font), in the order the window's Qt font list also
tries, so the window, the PNG and the PDF pick the same glyphs. Coverage comes from the fonts'
cmap tables (`slides.font_metrics`), without reportlab.

Characters no font has become a visible U+FFFD (never a silent gap, never a string a PDF
reader rejects); invisible format characters no font has and the bidi overrides and isolates
(DejaVu has glyphs for U+202A-U+202E) are left out. How the runs are ordered and shaped for
drawing is `slides.shaping`'s part.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from whiteboard.model.text import BIDI_CONTROLS
from whiteboard.slides.font_files import (
    ARABIC_FONT,
    BENGALI_FONT,
    CJK_FONT,
    DEVANAGARI_FONT,
    EMOJI_FONT,
    FONT_PATHS,
    KOREAN_FONT,
    TAMIL_FONT,
    THAI_FONT,
    font_name,
)
from whiteboard.slides.font_metrics import metrics
from whiteboard.slides.pdf_fonts import pdf_font, register_fonts

#: Drawn for a character no shipped font has.
PLACEHOLDER = "\ufffd"
#: Scripts drawn by a font of their own whatever the text's font (DejaVu has a sign or two of
#: them, not their letters), with their code ranges.
SCRIPT_FONTS = {
    DEVANAGARI_FONT: ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)),
    BENGALI_FONT: ((0x0980, 0x09FF),),
    TAMIL_FONT: ((0x0B80, 0x0BFF), (0x11FC0, 0x11FFF)),
    THAI_FONT: ((0x0E00, 0x0E7F),),
}
#: Built-in PDF fonts encode Latin-1 only.
_BUILTIN_LIMIT = 0xFF
#: Fonts whose runs end before a space (the window draws it in DejaVu).
_RUNS_END_AT_SPACES = frozenset((EMOJI_FONT, THAI_FONT, f"{THAI_FONT}-Bold"))
#: Punctuation the Indic scripts share (danda, double danda): it stays in the script's run.
_SHARED_PUNCTUATION = frozenset("\u0964\u0965")


@cache
def _covered(font: str) -> frozenset[int] | None:
    """Code points a font has glyphs for; None for built-in fonts (Latin-1)."""
    measured = metrics(font)
    return frozenset(measured.glyphs) if measured is not None else None


def _is_korean(code: int) -> bool:
    return 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _is_cjk(code: int) -> bool:
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation, kana, unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x2FFFF  # extension ideographs
    )


def _is_arabic(code: int) -> bool:
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def _script_font(code: int) -> str | None:
    """The font of the script `code` belongs to, for the scripts that have one."""
    for font, ranges in SCRIPT_FONTS.items():
        if any(low <= code <= high for low, high in ranges):
            return font
    return None


def _has(font: str, code: int) -> bool:
    return code in (_covered(font) or ())


def _styled(font: str, bold: bool) -> str:
    return f"{font}-Bold" if bold and f"{font}-Bold" in FONT_PATHS else font


def font_for(char: str, base: str) -> str | None:
    """The font that draws `char` when the text's own font is `base`; None when none can, or
    none should (a bidi control would make the drawn text read differently from the stored)."""
    if char in BIDI_CONTROLS:
        return None
    code = ord(char)
    bold = "Bold" in base
    script = _script_font(code)
    if script is not None:
        font = _styled(script, bold)
        return font if _has(font, code) else None
    covered = _covered(base)
    if (code <= _BUILTIN_LIMIT if covered is None else code in covered) or char in "\n\t":
        return base
    regular = font_name(bold=bold)
    if covered is None and code in (_covered(regular) or ()):
        return regular
    for font, in_script in (
        (_styled(ARABIC_FONT, bold), _is_arabic),
        (KOREAN_FONT, _is_korean),
        (CJK_FONT, _is_cjk),
    ):
        if in_script(code):
            return font if _has(font, code) else None
    return EMOJI_FONT if code > 0x2000 and _has(EMOJI_FONT, code) else None


def _joins(char: str) -> bool:
    """Joiners, variation selectors and combining marks: shaped with the letter before them."""
    return unicodedata.category(char) in ("Cf", "Mn", "Me") or 0xFE00 <= ord(char) <= 0xFE0F


def _stays(char: str, current: str | None, base: str) -> bool:
    """Whether `char` is drawn in the run before it rather than in a font of its own."""
    if current is None:
        return False
    # A space between two words of another script stays in that script's run; so do
    # joiners, marks and variation selectors, which HarfBuzz shapes with their letters, and
    # the danda an Indic script's font draws. (Not after an emoji or Thai: Noto Emoji's space
    # is four times DejaVu's, Noto Sans Thai's narrower, and Qt draws both with DejaVu's.)
    if char == " ":
        return current not in _RUNS_END_AT_SPACES
    if _joins(char):
        return current != base
    return char in _SHARED_PUNCTUATION and _has(current, ord(char))


@lru_cache(maxsize=16384)
def assigned(text: str, base: str) -> tuple[tuple[str, str], ...]:
    """(font, character) for every character that is drawn, placeholders included."""
    out: list[tuple[str, str]] = []
    current: str | None = None
    for char in text:
        if char in BIDI_CONTROLS:
            continue
        font = current if _stays(char, current, base) else font_for(char, base)
        if font is None:
            if _joins(char) or unicodedata.category(char) == "Cc":
                continue  # nothing to show on its own
            # Built-in fonts (Courier) have no U+FFFD: DejaVu draws it.
            font = base if _covered(base) is not None else font_name("Bold" in base)
            char = PLACEHOLDER
        current = font
        out.append((font, char))
    return tuple(out)


def font_runs(text: str, base: str) -> tuple[tuple[str, str], ...]:
    """(font, text) runs in logical order that together draw `text` (see the module doc);
    every font named is registered with reportlab (a Paragraph draws these runs)."""
    register_fonts()
    if text.isascii() and text.isprintable():
        # Every font here has printable ASCII: the common case needs no per-character work.
        return ((base, text),) if text else ()
    runs: list[tuple[str, str]] = []
    for font, char in assigned(text, base):
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    for font, _ in runs:
        pdf_font(font)
    return tuple(runs)
