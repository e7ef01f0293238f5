"""Which font draws which character, and how wide text is when drawn that way. Pure reportlab.

DejaVu Sans covers Latin, Greek and Cyrillic; the shipped Droid Sans Fallback covers Chinese and
Japanese and NanumGothic covers Korean (both registered the first time a character needs them).
The word wrap (`textfit`) measures with these choices and the PDF renderer draws with them, so a
name in any script is measured as wide as it is drawn. Characters no font has (emoji, mostly)
are left out rather than drawn as empty boxes, and so are the bidi overrides and isolates
(DejaVu has glyphs for U+202A-U+202E). Every PDF string that can hold user text is split by
`font_runs` (paragraph markup, plain blocks, contents, footers, code and the slides), so this
is where the PDF drops them.
"""

from __future__ import annotations

from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from whiteboard.model.text import BIDI_CONTROLS
from whiteboard.slides import textfit
from whiteboard.slides.theme import FALLBACK_FONT_FILES

CJK_FONT = "DroidSansFallback"
KOREAN_FONT = "NanumGothic"
_FALLBACK_FILES = {CJK_FONT: FALLBACK_FONT_FILES["cjk"], KOREAN_FONT: FALLBACK_FONT_FILES["korean"]}
#: Built-in PDF fonts encode Latin-1 only.
_BUILTIN_LIMIT = 0xFF


@cache
def register_fonts() -> None:
    """DejaVu (regular, bold), registered with reportlab once per process."""
    textfit.register_fonts()


@cache
def _fallback(font: str) -> str:
    """Register a shipped fallback font the first time a character needs it (parsing one
    takes ~0.1 s, which a handout without such names should not pay)."""
    pdfmetrics.registerFont(TTFont(font, str(_FALLBACK_FILES[font])))
    return font


@cache
def _covered(font: str) -> frozenset[int] | None:
    """Code points a font has glyphs for; None for built-in fonts (Latin-1)."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    mapping = getattr(face, "charToGlyph", None)
    return frozenset(mapping) if mapping is not None else None


def _is_korean(code: int) -> bool:
    return 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _is_cjk(code: int) -> bool:
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation, kana, unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x2FFFF  # extension ideographs
    )


def font_for(char: str, base: str) -> str | None:
    """The font that draws `char` when the text's own font is `base`; None when none can, or
    none should (a bidi control would make the drawn text read differently from the stored)."""
    if char in BIDI_CONTROLS:
        return None
    code = ord(char)
    covered = _covered(base)
    if (code <= _BUILTIN_LIMIT if covered is None else code in covered) or char in "\n\t":
        return base
    regular = textfit.font_name(bold="Bold" in base)
    if covered is None and code in (_covered(regular) or ()):
        return regular
    for font, in_script in ((KOREAN_FONT, _is_korean), (CJK_FONT, _is_cjk)):
        if in_script(code) and code in (_covered(_fallback(font)) or ()):
            return font
    return None


def font_runs(text: str, base: str) -> tuple[tuple[str, str], ...]:
    """(font, text) runs that together draw `text`; characters no font has are dropped."""
    register_fonts()
    if text.isascii() and text.isprintable():
        # Every font here has printable ASCII: the common case needs no per-character work.
        return ((base, text),) if text else ()
    return _mixed_runs(text, base)


@lru_cache(maxsize=16384)
def _mixed_runs(text: str, base: str) -> tuple[tuple[str, str], ...]:
    runs: list[tuple[str, str]] = []
    current: str | None = None
    run: list[str] = []
    for char in text:
        # A space between two words of another script stays in that script's run.
        font = current if char == " " and current is not None else font_for(char, base)
        if font is None:
            continue
        if font != current and run:
            runs.append((current, "".join(run)))  # type: ignore[arg-type]
            run = []
        current = font
        run.append(char)
    if run:
        runs.append((current, "".join(run)))  # type: ignore[arg-type]
    return tuple(runs)


@lru_cache(maxsize=4096)
def char_width(char: str, base: str, size: float) -> float:
    """Advance width of one character as `draw_text_runs` draws it (0 when it is dropped)."""
    font = font_for(char, base)
    return 0.0 if font is None else pdfmetrics.stringWidth(char, font, size)


def runs_width(text: str, base: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(part, font, size) for font, part in font_runs(text, base))
