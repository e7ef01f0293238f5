"""Which font draws which character, in which order, and how wide text is when drawn that way.
HarfBuzz (`uharfbuzz`) shapes, `python-bidi` orders, reportlab draws the PDF.

DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and a few emoji; shipped Noto fonts cover
Devanagari, Bengali, Tamil and Thai, the Arabic letters DejaVu lacks and the other emoji; Droid
Sans Fallback covers Chinese and Japanese and NanumGothic Korean (licences in
`assets/fonts/LICENSES.md`). A character goes to the first of them that has it (the letters of
a script with a font of its own always to that font), in the order the window's Qt font list
also tries, so the window, the PNG and the PDF pick the same glyphs.

A line becomes `Run`s in the order they are drawn: the bidi algorithm (python-bidi) sets the
line's direction from its first strong character (rules P2, P3; `textfit` marks the lines of a
paragraph so they all read its way) and each character's level, runs of Arabic, the Indic
scripts, Thai and emoji are shaped by HarfBuzz (joined letters, conjuncts, reordered vowel
signs, stacked marks, ligatures, in visual order), and right-to-left runs are placed right to
left. The PDF's text layer still reads in logical order: shaped glyphs map back to the
characters they came from (`_Font`).

Measuring needs neither reportlab nor a parsed font: coverage and widths come from
`textfit.font_metrics` (the cmap and hmtx tables), shaping from HarfBuzz over the font file.
reportlab is imported, and a font registered with it, only when a PDF draws (`visual_runs`,
`font_runs`), so a diagram export starts fast.

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
from typing import TYPE_CHECKING, Any

from whiteboard.model.text import BIDI_CONTROLS
from whiteboard.paths import ASSETS_DIR
from whiteboard.slides import textfit
from whiteboard.slides.theme import FALLBACK_FONT_FILES, FONT_FILES

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import ShapedStr

FONTS_DIR = ASSETS_DIR / "fonts"
CJK_FONT = "DroidSansFallback"
KOREAN_FONT = "NanumGothic"
DEVANAGARI_FONT = "NotoSansDevanagari"
BENGALI_FONT = "NotoSansBengali"
TAMIL_FONT = "NotoSansTamil"
THAI_FONT = "NotoSansThai"
ARABIC_FONT = "NotoSansArabic"
EMOJI_FONT = "NotoEmoji"
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
#: Font files by registered name. The Noto faces for scripts have a bold twin (`<name>-Bold`).
FONT_PATHS = {
    CJK_FONT: FALLBACK_FONT_FILES["cjk"],
    KOREAN_FONT: FALLBACK_FONT_FILES["korean"],
    **{
        f"{font}{suffix}": FONTS_DIR / f"{font}-{weight}.ttf"
        for font in (*SCRIPT_FONTS, ARABIC_FONT)
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
_FILES = {textfit.FONT_REGULAR: FONT_FILES["regular"], textfit.FONT_BOLD: FONT_FILES["bold"]}
_FILES.update(FONT_PATHS)
#: Built-in PDF fonts encode Latin-1 only.
_BUILTIN_LIMIT = 0xFF
_PRIVATE = range(0xE000, 0xF900)
_PLANE_15 = 0xF0000
_PRESENTATION_FORMS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))
#: Fonts whose runs end before a space (the window draws it in DejaVu).
_RUNS_END_AT_SPACES = frozenset((EMOJI_FONT, THAI_FONT, f"{THAI_FONT}-Bold"))
#: Punctuation the Indic scripts share (danda, double danda): it stays in the script's run.
_SHARED_PUNCTUATION = frozenset("\u0964\u0965")


@cache
def _font_class() -> type:
    """`_Font`, built on first use: reportlab is imported only when a PDF draws."""
    from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

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

    return _Font


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
def _pdf_font(font: str) -> Any:
    """The reportlab font `font`, registered as a `_Font` the first time a PDF draws with it
    (parsing the CJK font takes ~0.1 s, which a handout without such names should not pay)."""
    from reportlab.pdfbase import pdfmetrics

    if font in _FILES:
        pdfmetrics.registerFont(_font_class()(font, str(_FILES[font])))
    return pdfmetrics.getFont(font)  # a built-in font (Courier) when not shipped


@cache
def register_fonts() -> None:
    """DejaVu (regular, bold), registered with reportlab once per process (before a document
    names them in its styles); the other fonts register when a PDF first draws with them."""
    for font in (textfit.FONT_REGULAR, textfit.FONT_BOLD):
        _pdf_font(font)


# -- which font draws which character ------------------------------------------------------------


def _metrics(font: str) -> textfit.FontMetrics | None:
    """A shipped font's metrics; None for reportlab's built-in fonts (Courier)."""
    path = _FILES.get(font)
    return textfit.font_metrics(path) if path is not None else None


@cache
def _covered(font: str) -> frozenset[int] | None:
    """Code points a font has glyphs for; None for built-in fonts (Latin-1)."""
    metrics = _metrics(font)
    return frozenset(metrics.glyphs) if metrics is not None else None


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
def _assigned(text: str, base: str) -> tuple[tuple[str, str], ...]:
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
            font = base if _covered(base) is not None else textfit.font_name("Bold" in base)
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
    for font, char in _assigned(text, base):
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    for font, _ in runs:
        _pdf_font(font)
    return tuple(runs)


# -- direction -----------------------------------------------------------------------------------

_LEVEL = re.compile(r"Level\(\s*(\d+)")
_RTL_CLASSES = frozenset(("R", "AL", "AN"))
_STRONG_RTL = frozenset(("R", "AL"))


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def is_rtl(text: str) -> bool:
    """Whether `text` is a right-to-left paragraph: its first strong character, outside
    isolates, is right to left (bidi rules P2, P3, as python-bidi applies them)."""
    if text.isascii() or not any(unicodedata.bidirectional(c) in _STRONG_RTL for c in text):
        return False
    from bidi import get_base_level

    return get_base_level(text) == 1


def bidi_levels(text: str, rtl: bool | None = None) -> list[int] | None:
    """The resolved bidi embedding level of every character (odd: right to left) in a line
    whose base direction is `rtl` (None: its own, `is_rtl`); None for a left-to-right line
    with no right-to-left character at all (the usual case, and free)."""
    if rtl is None:
        rtl = is_rtl(text)
    if not rtl and not _has_rtl(text):
        return None
    from bidi import get_display

    # python-bidi gives the levels only through its debug report (one per UTF-8 byte).
    report = get_display(text, base_dir="R" if rtl else "L", debug=True)
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


@lru_cache(maxsize=16384)
def _pieces(text: str, base: str) -> tuple[tuple[str, bool, str], ...]:
    """(font, right to left?, text) of one line in drawing order, left to right; the text of a
    right-to-left piece is still in logical order."""
    assigned = _assigned(text, base)
    drawn = "".join(char for _, char in assigned)
    levels = bidi_levels(drawn) or [0] * len(drawn)
    pieces: list[tuple[str, int, str]] = []  # (font, level, text) in logical order
    for (font, char), level in zip(assigned, levels, strict=True):
        if pieces and pieces[-1][:2] == (font, level):
            pieces[-1] = (font, level, pieces[-1][2] + char)
        else:
            pieces.append((font, level, char))
    ordered = (pieces[index] for index in visual_order([level for _, level, _ in pieces]))
    return tuple((font, level % 2 == 1, part) for font, level, part in ordered)


def _mirrored(part: str) -> str:
    """A right-to-left run drawn character by character: reversed, brackets mirrored."""
    from bidi.mirror import MIRRORED

    return "".join(MIRRORED.get(char, char) for char in reversed(part))


# -- shaping -------------------------------------------------------------------------------------


def _needs_shaping(text: str, font: str) -> bool:
    if font in (CJK_FONT, KOREAN_FONT):
        return False
    return any(ord(char) >= 0x0590 or unicodedata.combining(char) for char in text)


@cache
def _hb_font(font: str) -> Any:
    """HarfBuzz's font over the shipped file (HarfBuzz reads its tables lazily)."""
    import uharfbuzz

    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(_FILES[font])))
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
    scale = _metrics(font).scale  # type: ignore[union-attr]
    advance = 0.0
    for position in _shaped(text, font, rtl)[1]:
        advance += scale(position.x_advance)
    return advance / 1000


def _shape(text: str, font: str, rtl: bool) -> tuple[ShapedStr, float]:
    """HarfBuzz glyphs of `text` in drawing order, as a string reportlab draws glyph by glyph,
    and its advance per point of font size."""
    from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

    ttf = _pdf_font(font)
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


# -- drawing and measuring -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """Part of a line in one font, as drawn: `text` may be shaped glyphs (a ShapedStr)."""

    font: str
    text: str
    #: Advance width per point of font size.
    advance: float


def _plain_width(text: str, font: str, size: float) -> float:
    """Unshaped text measured as reportlab measures it at that size, to the last bit (a name
    with a control character left out must lay out exactly as the name without)."""
    metrics = _metrics(font)
    if metrics is not None:
        return metrics.width(text, size)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


@lru_cache(maxsize=16384)
def visual_runs(text: str, base: str) -> tuple[Run, ...]:
    """One line of `text` as runs in drawing order, left to right, shaped where needed; each
    run's font registered with reportlab (this is what the PDF draws)."""
    register_fonts()
    if text.isascii() and text.isprintable():
        return (Run(base, text, _plain_width(text, base, 1000) / 1000),) if text else ()
    runs = []
    for font, rtl, part in _pieces(text, base):
        _pdf_font(font)
        if _needs_shaping(part, font):
            shaped, advance = _shape(part, font, rtl)
            runs.append(Run(font, shaped, advance))
            continue
        if rtl:
            part = _mirrored(part)
        runs.append(Run(font, part, _plain_width(part, font, 1000) / 1000))
    return tuple(runs)


@lru_cache(maxsize=4096)
def char_width(char: str, base: str, size: float) -> float:
    """Advance width of one character drawn on its own (0 when it is left out)."""
    return runs_width(char, base, size)


def runs_width(text: str, base: str, size: float) -> float:
    """The width of one line as `visual_runs` draws it, without reportlab (see `_plain_width`)."""
    if text.isascii() and text.isprintable():
        return _plain_width(text, base, size) if text else 0
    width = 0
    for font, rtl, part in _pieces(text, base):
        if _needs_shaping(part, font):
            width += _shaped_advance(part, font, rtl) * size
        else:
            width += _plain_width(_mirrored(part) if rtl else part, font, size)
    return width
