"""Which font draws which character, in which order, and how wide text is when drawn that way.
Pure reportlab, with HarfBuzz (`uharfbuzz`) for shaping and `python-bidi` for direction.

DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and a few emoji; shipped Noto fonts cover
Devanagari, the Arabic letters DejaVu lacks and the other emoji; Droid Sans Fallback covers
Chinese and Japanese and NanumGothic Korean (licences in `assets/fonts/LICENSES.md`). A character
goes to the first of them that has it, in the order the window's Qt fallback also tries, so the
window, the PNG and the PDF pick the same glyphs. Each font is registered the first time a
character needs it.

reportlab draws characters one by one, left to right. Here a line becomes `Run`s in the order
they are drawn: the bidi algorithm (python-bidi) sets each character's direction, runs of
Arabic, Devanagari and emoji are shaped by HarfBuzz (joined letters, conjuncts, ligatures, in
visual order), and right-to-left runs are placed right to left. The PDF's text layer still
reads in logical order: shaped glyphs map back to the characters they came from (`_Font`).

Characters no font has become a visible U+FFFD (never a silent gap, never a string a PDF
reader rejects); invisible format characters no font has and the bidi overrides and isolates
(DejaVu has glyphs for U+202A-U+202E) are left out. `textfit` measures with `runs_width`, so a
name in any script is measured as wide as it is drawn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from bidi import get_display
from bidi.mirror import MIRRORED
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, ShapeData, ShapedStr, TTFont

from whiteboard.model.text import BIDI_CONTROLS
from whiteboard.paths import ASSETS_DIR
from whiteboard.slides import textfit
from whiteboard.slides.theme import FALLBACK_FONT_FILES, FONT_FILES

FONTS_DIR = ASSETS_DIR / "fonts"
CJK_FONT = "DroidSansFallback"
KOREAN_FONT = "NanumGothic"
DEVANAGARI_FONT = "NotoSansDevanagari"
ARABIC_FONT = "NotoSansArabic"
EMOJI_FONT = "NotoEmoji"
#: Drawn for a character no shipped font has.
PLACEHOLDER = "\ufffd"
#: Font files by registered name. The Noto faces for scripts have a bold twin (`<name>-Bold`).
FONT_PATHS = {
    CJK_FONT: FALLBACK_FONT_FILES["cjk"],
    KOREAN_FONT: FALLBACK_FONT_FILES["korean"],
    DEVANAGARI_FONT: FONTS_DIR / "NotoSansDevanagari-Regular.ttf",
    f"{DEVANAGARI_FONT}-Bold": FONTS_DIR / "NotoSansDevanagari-Bold.ttf",
    ARABIC_FONT: FONTS_DIR / "NotoSansArabic-Regular.ttf",
    f"{ARABIC_FONT}-Bold": FONTS_DIR / "NotoSansArabic-Bold.ttf",
    EMOJI_FONT: FONTS_DIR / "NotoEmoji-Regular.ttf",
}
#: The shipped font files beyond DejaVu, for renderers that register fonts themselves (Qt).
SCRIPT_FONT_FILES = tuple(dict.fromkeys(FONT_PATHS.values()))
#: Their family names, in the order characters fall back to them (for SVG's font-family).
SCRIPT_FONT_FAMILIES = (
    "Noto Sans Devanagari",
    "Noto Sans Arabic",
    "Droid Sans Fallback",
    "NanumGothic",
    "Noto Emoji",
)
#: Built-in PDF fonts encode Latin-1 only.
_BUILTIN_LIMIT = 0xFF
_PRIVATE = range(0xE000, 0xF900)
_PLANE_15 = 0xF0000
_PRESENTATION_FORMS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))


class _Font(TTFont):
    """A TTFont whose PDF text layer reads back what was typed.

    reportlab's ToUnicode map writes a code point above U+FFFF as five hex digits (readers
    reject it: "invalid hex string 1F600") and maps a shaped glyph that has no character of
    its own (a joined Arabic letter, a Devanagari conjunct) to a private-use code. Here the
    first is written as UTF-16 and the second as the characters it was shaped from.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        #: code point used for a shaped glyph -> the text it stands for.
        self.actual_text: dict[int, str] = {}
        #: glyph -> the text it was first shaped from (for reportlab's own Paragraph shaping).
        self.glyph_text: dict[int, str] = {}
        self._codes: dict[tuple[int, str], int] = {}
        self._own = frozenset(self.face.charToGlyph)

    def code_for(self, gid: int, text: str, width: float) -> int:
        """A code point that draws glyph `gid` and reads back from the PDF as `text`: the
        glyph's own character when that is the text, else one from plane 15's private use
        area, allotted here (one per glyph and text, so a glyph shaped from different letters
        in different words reads back right in each)."""
        for code in self.face.glyphToChar.get(gid, ()):
            if chr(code) == text:
                return code
        code = self._codes.get((gid, text))
        if code is None:
            code = self._codes[gid, text] = _PLANE_15 + len(self._codes)
            self.face.charToGlyph[code] = gid
            self.face.charWidths[code] = width
            self.actual_text[code] = text
        if text:
            self.glyph_text.setdefault(gid, text)
        return code

    def _read_back(self, code: int) -> str:
        if code in self.actual_text:
            return self.actual_text[code]
        gid = self.face.charToGlyph.get(code, -1)
        if code in _PRIVATE and code not in self._own:
            # Allotted by reportlab's Paragraph shaping, which keeps no text for it.
            return self.glyph_text.get(gid, "")
        if any(code in forms for forms in _PRESENTATION_FORMS):
            # A joined Arabic letter reportlab's shaping drew by its presentation form.
            return self.glyph_text.get(gid, chr(code))
        return chr(code)

    def addObjects(self, doc: object) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            base = name.decode("pdfdoc")
            stream = doc.idToObject.get(f"toUnicodeCMap:{base}")  # type: ignore[attr-defined]
            if stream is not None:
                stream.content = _to_unicode_cmap(base, [self._read_back(c) for c in subset])


def _to_unicode_cmap(name: str, texts: list[str]) -> str:
    """The ToUnicode CMap of one subset: code i reads back as texts[i] (UTF-16, so code points
    above U+FFFF are surrogate pairs; empty for a glyph whose cluster another glyph reads)."""
    pairs = [
        f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>"
        for code, text in enumerate(texts)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(texts) - 1:02X}>",
            "endcodespacerange",
            f"{len(pairs)} beginbfchar",
            *pairs,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@cache
def register_fonts() -> None:
    """DejaVu (regular, bold), registered with reportlab once per process.

    `textfit` registers plain TTFonts for measuring; they are replaced by `_Font`s of the same
    files so that DejaVu's emoji and shaped Arabic read back correctly from the PDF.
    """
    for name, key in zip(textfit.register_fonts(), ("regular", "bold"), strict=True):
        font = pdfmetrics.getFont(name)
        if not isinstance(font, _Font):
            font.unregister()
            pdfmetrics.registerFont(_Font(name, str(FONT_FILES[key])))


@cache
def _fallback(font: str) -> str:
    """Register a shipped font the first time a character needs it (parsing the CJK font
    takes ~0.1 s, which a handout without such names should not pay)."""
    pdfmetrics.registerFont(_Font(font, str(FONT_PATHS[font])))
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


def _is_devanagari(code: int) -> bool:
    return 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF or 0x1CD0 <= code <= 0x1CFF


def _is_arabic(code: int) -> bool:
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def _has(font: str, code: int) -> bool:
    return code in (_covered(_fallback(font)) or ())


def _styled(font: str, bold: bool) -> str:
    return f"{font}-Bold" if bold and f"{font}-Bold" in FONT_PATHS else font


def font_for(char: str, base: str) -> str | None:
    """The font that draws `char` when the text's own font is `base`; None when none can, or
    none should (a bidi control would make the drawn text read differently from the stored)."""
    if char in BIDI_CONTROLS:
        return None
    code = ord(char)
    bold = "Bold" in base
    if _is_devanagari(code):
        font = _styled(DEVANAGARI_FONT, bold)
        return font if _has(font, code) else None
    covered = _covered(base)
    if (code <= _BUILTIN_LIMIT if covered is None else code in covered) or char in "\n\t":
        return base
    regular = textfit.font_name(bold=bold)
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


@lru_cache(maxsize=16384)
def _assigned(text: str, base: str) -> tuple[tuple[str, str], ...]:
    """(font, character) for every character that is drawn, placeholders included."""
    out: list[tuple[str, str]] = []
    current: str | None = None
    for char in text:
        if char in BIDI_CONTROLS:
            continue
        # A space between two words of another script stays in that script's run; so do
        # joiners, marks and variation selectors, which HarfBuzz shapes with their letters.
        # (Not after an emoji: Noto Emoji's space is four times DejaVu's, and Qt uses DejaVu's.)
        stays = (char == " " and current != EMOJI_FONT) or (_joins(char) and current != base)
        if current is not None and stays:
            font: str | None = current
        else:
            font = font_for(char, base)
        if font is None:
            if _joins(char) or unicodedata.category(char) == "Cc":
                continue  # nothing to show on its own
            # Built-in fonts (Courier) have no U+FFFD: DejaVu draws it.
            font = base if _covered(base) is not None else textfit.font_name("Bold" in base)
            char = PLACEHOLDER
        current = font
        out.append((font, char))
    return tuple(out)


def font_runs(text: str, base: str) -> tuple[tuple[str, str], ...]:
    """(font, text) runs in logical order that together draw `text` (see the module doc)."""
    register_fonts()
    if text.isascii() and text.isprintable():
        # Every font here has printable ASCII: the common case needs no per-character work.
        return ((base, text),) if text else ()
    runs: list[tuple[str, str]] = []
    for font, char in _assigned(text, base):
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return tuple(runs)


# -- direction and shaping -----------------------------------------------------------------------

_RTL_CLASSES = frozenset(("R", "AL", "AN"))
_LEVEL = re.compile(r"Level\(\s*(\d+)")


def bidi_levels(text: str) -> list[int] | None:
    """The resolved bidi embedding level of every character (odd: right to left), or None
    when the text has no right-to-left character at all (the usual case, and free)."""
    if not any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text):
        return None
    # python-bidi gives the levels only through its debug report (one per UTF-8 byte).
    report = get_display(text, debug=True)
    section = report[report.index("levels:") : report.index("paragraphs:")]
    per_byte = [int(level) for level in _LEVEL.findall(section)]
    levels, offset = [], 0
    for char in text:
        levels.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    if offset != len(per_byte):
        raise RuntimeError(f"python-bidi returned {len(per_byte)} levels for {offset} bytes")
    return levels


def visual_order(levels: list[int]) -> list[int]:
    """Indexes of items with these levels in display order (rule L2 of the bidi algorithm)."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = order[index:end][::-1]
            index = end
    return order


def _needs_shaping(text: str, font: str) -> bool:
    if font in (CJK_FONT, KOREAN_FONT):
        return False
    return any(ord(char) >= 0x0590 or unicodedata.combining(char) for char in text)


@cache
def _hb_font(font: str) -> object:
    return pdfmetrics.getFont(font).hbFont(1000)


def _shape(text: str, font: str, rtl: bool) -> tuple[ShapedStr, float]:
    """HarfBuzz glyphs of `text` in drawing order, as a string reportlab draws glyph by glyph,
    and its advance per point of font size."""
    import uharfbuzz

    ttf = pdfmetrics.getFont(font)
    hb_font = _hb_font(font)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(hb_font, buffer, {"kern": True, "liga": True})
    infos = buffer.glyph_infos
    starts = [*sorted({info.cluster for info in infos}), len(text)]
    cluster_text = {start: text[start:end] for start, end in pairwise(starts)}
    seen: set[int] = set()
    chars, data, advance = [], [], 0.0
    for info, position in zip(infos, buffer.glyph_positions, strict=True):
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
        advance += scaled
    return ShapedStr("".join(chars), shapeData=data), advance / 1000


@dataclass(frozen=True, slots=True)
class Run:
    """Part of a line in one font, as drawn: `text` may be shaped glyphs (a ShapedStr)."""

    font: str
    text: str
    #: Advance width per point of font size.
    advance: float


@lru_cache(maxsize=16384)
def visual_runs(text: str, base: str) -> tuple[Run, ...]:
    """One line of `text` as runs in drawing order, left to right, shaped where needed."""
    register_fonts()
    if text.isascii() and text.isprintable():
        return (Run(base, text, pdfmetrics.stringWidth(text, base, 1000) / 1000),) if text else ()
    assigned = _assigned(text, base)
    drawn = "".join(char for _, char in assigned)
    levels = bidi_levels(drawn) or [0] * len(drawn)
    pieces: list[tuple[str, int, str]] = []  # (font, level, text) in logical order
    for (font, char), level in zip(assigned, levels, strict=True):
        if pieces and pieces[-1][:2] == (font, level):
            pieces[-1] = (font, level, pieces[-1][2] + char)
        else:
            pieces.append((font, level, char))
    runs = []
    for index in visual_order([level for _, level, _ in pieces]):
        font, level, part = pieces[index]
        rtl = level % 2 == 1
        if _needs_shaping(part, font):
            shaped, advance = _shape(part, font, rtl)
            runs.append(Run(font, shaped, advance))
            continue
        if rtl:
            part = "".join(MIRRORED.get(char, char) for char in reversed(part))
        runs.append(Run(font, part, pdfmetrics.stringWidth(part, font, 1000) / 1000))
    return tuple(runs)


@lru_cache(maxsize=4096)
def char_width(char: str, base: str, size: float) -> float:
    """Advance width of one character drawn on its own (0 when it is left out)."""
    return runs_width(char, base, size)


def runs_width(text: str, base: str, size: float) -> float:
    # Unshaped runs are measured as reportlab measures them at that size, to the last bit:
    # a name with a control character left out must lay out exactly as the name without.
    return sum(
        run.advance * size
        if isinstance(run.text, ShapedStr)
        else pdfmetrics.stringWidth(run.text, run.font, size)
        for run in visual_runs(text, base)
    )
