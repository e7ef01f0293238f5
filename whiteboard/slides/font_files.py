"""The shipped fonts: the names they are registered under (with reportlab, in the PDF) and their
files.

DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and a few emoji; shipped Noto fonts cover
Devanagari, Bengali, Tamil and Thai, the Arabic letters DejaVu lacks and the other emoji; Droid
Sans Fallback covers Chinese and Japanese and NanumGothic Korean (licences in
`assets/fonts/LICENSES.md`). Which of them draws which character is `slides.fonts`' decision.
"""

from __future__ import annotations

from whiteboard.paths import ASSETS_DIR
from whiteboard.slides.theme import FALLBACK_FONT_FILES, FONT_FILES

FONTS_DIR = ASSETS_DIR / "fonts"
#: Names under which the fonts are registered with reportlab (the PDF renderer uses them too).
FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
CJK_FONT = "DroidSansFallback"
KOREAN_FONT = "NanumGothic"
DEVANAGARI_FONT = "NotoSansDevanagari"
BENGALI_FONT = "NotoSansBengali"
TAMIL_FONT = "NotoSansTamil"
THAI_FONT = "NotoSansThai"
ARABIC_FONT = "NotoSansArabic"
EMOJI_FONT = "NotoEmoji"
#: The Noto faces for scripts, each with a bold twin (`<name>-Bold`).
_NOTO_SCRIPT_FONTS = (DEVANAGARI_FONT, BENGALI_FONT, TAMIL_FONT, THAI_FONT, ARABIC_FONT)
#: Font files by registered name, DejaVu aside.
FONT_PATHS = {
    CJK_FONT: FALLBACK_FONT_FILES["cjk"],
    KOREAN_FONT: FALLBACK_FONT_FILES["korean"],
    **{
        f"{font}{suffix}": FONTS_DIR / f"{font}-{weight}.ttf"
        for font in _NOTO_SCRIPT_FONTS
        for suffix, weight in (("", "Regular"), ("-Bold", "Bold"))
    },
    EMOJI_FONT: FONTS_DIR / "NotoEmoji-Regular.ttf",
}
#: The shipped font files beyond DejaVu, for renderers that register fonts themselves (Qt).
SCRIPT_FONT_FILES = tuple(dict.fromkeys(FONT_PATHS.values()))
#: Their family names, in the order characters fall back to them (for SVG's font-family and
#: the window's font list).
SCRIPT_FONT_FAMILIES = (
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Tamil",
    "Noto Sans Thai",
    "Noto Sans Arabic",
    "Droid Sans Fallback",
    "NanumGothic",
    "Noto Emoji",
)
#: Every font file by registered name, DejaVu included.
FILES = {FONT_REGULAR: FONT_FILES["regular"], FONT_BOLD: FONT_FILES["bold"], **FONT_PATHS}


def font_name(bold: bool = False) -> str:
    return FONT_BOLD if bold else FONT_REGULAR
