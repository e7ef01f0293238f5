"""The shipped fonts as reportlab draws them in the PDF, with a text layer that reads back what
was typed (`_Font`).

reportlab is imported, and a font registered with it, only when a PDF draws, so a diagram
export starts fast (a test holds the SVG path free of reportlab).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from whiteboard.slides.font_files import FILES, FONT_BOLD, FONT_REGULAR

_PRIVATE = range(0xE000, 0xF900)
_PLANE_15 = 0xF0000
_PRESENTATION_FORMS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))


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
def pdf_font(font: str) -> Any:
    """The reportlab font `font`, registered as a `_Font` the first time a PDF draws with it
    (parsing the CJK font takes ~0.1 s, which a handout without such names should not pay)."""
    from reportlab.pdfbase import pdfmetrics

    if font in FILES:
        pdfmetrics.registerFont(_font_class()(font, str(FILES[font])))
    return pdfmetrics.getFont(font)  # a built-in font (Courier) when not shipped


@cache
def register_fonts() -> None:
    """DejaVu (regular, bold), registered with reportlab once per process (before a document
    names them in its styles); the other fonts register when a PDF first draws with them."""
    for font in (FONT_REGULAR, FONT_BOLD):
        pdf_font(font)
