"""Document machinery of the handout: safe paragraph markup, a one-pass table of contents with
"page n of N" footers, and a fast monospace block for the Terraform appendix.

Page numbers and the contents' page references are both drawn when the canvas saves, after
every page is laid out, so the document is built in a single pass (platypus' own
`TableOfContents` needs two or three): the contents' layout depends only on its entries, which
are known before the build.

Bookmarks, outline entries and contents links are also made at save time, page by page as the
held-back pages are finally emitted: reportlab binds a destination to the page being emitted
when `bookmarkPage` runs, so one made while drawing (before any page is emitted) would point to
page 1.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from whiteboard.model.text import one_line
from whiteboard.render.pdf import draw_text_runs
from whiteboard.slides import textfit
from whiteboard.slides.direction import bidi_levels, is_rtl, visual_order
from whiteboard.slides.fonts import font_runs
from whiteboard.slides.shaping import char_width, runs_width, visual_runs

MUTED = HexColor("#5b6b7c")
INK = HexColor("#1d2733")
#: Text size of the handout's tables (reportlab pads each cell by 6 points either side).
TABLE_FONT_SIZE = 8.5


def markup(text: str, base: str | None = None) -> str:
    """User text as Paragraph markup: escaped, newlines as <br/>, other scripts in their font,
    right-to-left words in display order.

    Paragraph parses a markup language, so raw text such as `<b>`, `x<y` or `S&P` would
    restyle, fail or change; after `escape` it shows literally. Paragraph shapes word by word
    (in a style from `style_for`) but never reorders words, so right-to-left phrases are put
    in display order here, line by line.
    """
    base = base or textfit.font_name()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if needs_shaping(text):
        text = "\n".join(_display_words(line, base) for line in text.split("\n"))
    parts = []
    for font, run in font_runs(text, base):
        body = escape(run).replace("\n", "<br/>")
        parts.append(body if font == base else f'<font face="{font}">{body}</font>')
    return "".join(parts)


def _display_words(line: str, base: str) -> str:
    """`line` with its words in display order (bidi rule L2 applied to whole words); each
    word keeps its letters in logical order for HarfBuzz to shape. Also records what the
    shaped glyphs stand for, so the PDF's text reads back as typed."""
    visual_runs(line, base)
    levels = bidi_levels(line)
    if levels is None:
        return line
    tokens = [(m.start(), m.group()) for m in _TOKENS.finditer(line)]
    token_levels = [max(levels[start : start + len(token)]) for start, token in tokens]
    return "".join(tokens[index][1] for index in visual_order(token_levels))


_TOKENS = re.compile(r"\S+|\s+")


def needs_shaping(text: str) -> bool:
    """Whether Paragraph must shape `text` (joined, reordered or combined glyphs)."""
    return not text.isascii() and any(
        ord(char) >= 0x0590 or unicodedata.combining(char) for char in text
    )


@cache
def _shaping(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


def style_for(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """`style`, shaping with HarfBuzz when `text` needs it (Latin text stays unshaped, as
    every other renderer measures it)."""
    return _shaping(style) if needs_shaping(text) else style


# -- contents and page numbers -------------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """A drawn heading: where its bookmark goes and how the outline names it."""

    key: str
    title: str
    level: int
    #: Top of the heading in page coordinates, where the bookmark scrolls to.
    top: float


@dataclass
class Contents:
    """Where each heading landed and where its line in the contents was drawn."""

    #: key -> page number of the heading.
    pages: dict[str, int] = field(default_factory=dict)
    #: page number -> the headings drawn on it, in reading order.
    anchors: dict[int, list[Anchor]] = field(default_factory=dict)
    #: (page, x right edge, baseline y, key) of every contents line, in page coordinates.
    lines: list[tuple[int, float, float, str]] = field(default_factory=list)


class Heading(Paragraph):
    """A paragraph that records its page and its bookmark's place when drawn."""

    def __init__(
        self, text: str, style: object, key: str, title: str, level: int, contents: Contents
    ) -> None:
        super().__init__(text, style)
        self.key, self.title, self.level, self.contents = key, title, level, contents

    def draw(self) -> None:
        _record(self, self.key, self.title, self.level, self.contents)
        super().draw()


def _record(flowable: Flowable, key: str, title: str, level: int, contents: Contents) -> None:
    """Note the page a heading is drawn on and where its bookmark goes."""
    canvas = flowable.canv
    page = canvas.getPageNumber()
    _, top = canvas.absolutePosition(0, flowable.height)
    contents.pages[key] = page
    contents.anchors.setdefault(page, []).append(Anchor(key, title, level, top + 4))


def text_block(text: str, style: ParagraphStyle) -> TextBlock:
    """`text` as a TextBlock set like a left-aligned paragraph in `style`."""
    return TextBlock(**_block_args(text, style))  # type: ignore[arg-type]


def _block_args(text: str, style: ParagraphStyle) -> dict[str, object]:
    return {
        "text": text,
        "size": style.fontSize,
        "leading": style.leading,
        "bold": "Bold" in style.fontName,
        "colour": style.textColor,
        "space_after": style.spaceAfter,
        "space_before": style.spaceBefore,
    }


def needs_own_drawing(text: str, style: ParagraphStyle) -> bool:
    """Whether a left-aligned paragraph of `text` must be a TextBlock: Paragraph shapes with
    reportlab's own HarfBuzz step, which keeps one code per glyph (so a Devanagari vowel sign
    shared by many syllables copies out wrong), and wraps right-to-left text after ordering
    it for display (so its lines would come out in reverse order)."""
    return style.alignment == TA_LEFT and needs_shaping(text)


class ContentsLine(Flowable):
    """One line of the contents; its page number is filled in when the document saves."""

    def __init__(self, title: str, key: str, level: int, contents: Contents, size: float) -> None:
        super().__init__()
        self.title, self.key, self.level, self.contents, self.size = (
            title,
            key,
            level,
            contents,
            size,
        )
        self.height = size * 1.45

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        indent = 14 * self.level
        bold = self.level == 0
        base = textfit.font_name(bold)
        room = self.width - indent - 40
        title = " ".join(self.title.split())
        if runs_width(title, base, self.size) > room:
            title = textfit.ellipsize(title, self.size, room, bold)
        canvas.setFillColor(INK)
        draw_text_runs(canvas, indent, self.size * 0.35, title, base, self.size)
        x, y = canvas.absolutePosition(self.width, self.size * 0.35)
        self.contents.lines.append((canvas.getPageNumber(), x, y, self.key))


def handout_canvas(contents: Contents, footer: str) -> type[Canvas]:
    """A canvas class that keeps pages until the end, then adds contents numbers and footers."""

    class HandoutCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            by_page: dict[int, list[tuple[float, float, str]]] = {}
            for page, x, y, key in contents.lines:
                by_page.setdefault(page, []).append((x, y, key))
            self.showOutline()
            for state in self._pages:
                self.__dict__.update(state)
                number = self.getPageNumber()
                self._anchors(contents.anchors.get(number, ()))
                self._contents_numbers(by_page.get(number, ()))
                if number > 1:
                    self._footer(number, total)
                super().showPage()
            super().save()

        def _anchors(self, anchors: Sequence[Anchor]) -> None:
            for anchor in anchors:
                self.bookmarkPage(anchor.key, fit="XYZ", left=0, top=anchor.top)
                title, level = one_line(anchor.title), anchor.level
                self.addOutlineEntry(title, anchor.key, level=level, closed=level > 0)

        def _contents_numbers(self, lines: object) -> None:
            font = textfit.font_name()
            self.setFont(font, 10)
            self.setFillColor(INK)
            for x, y, key in lines:  # type: ignore[attr-defined]
                page = contents.pages.get(key)
                if page is None:
                    continue
                self.drawRightString(x, y, str(page))
                # Named explicitly: restoring page states resets reportlab's own counter.
                self.linkAbsolute("", key, (x - 300, y - 3, x, y + 10), name=f"contents-{key}")

        def _footer(self, number: int, total: int) -> None:
            width, _ = self._pagesize
            self.setFillColor(MUTED)
            draw_text_runs(self, 50, 28, footer, textfit.font_name(), 8)
            self.setFont(textfit.font_name(), 8)
            self.drawRightString(width - 50, 28, f"page {number} of {total}")

    return HandoutCanvas


# -- monospace code ------------------------------------------------------------------------------

CODE_FONT = "Courier"


def wrap_code(line: str, width: float, size: float) -> list[str]:
    """Cut a code line into pieces no wider than `width`; continuation pieces start with `  `."""
    if not line:
        return [""]
    if line.isascii():
        per_line = max(8, int(width / stringWidth("M", CODE_FONT, size)))
        if len(line) <= per_line:
            return [line]
        pieces = [line[:per_line]]
        rest = line[per_line:]
        while rest:
            pieces.append("  " + rest[: per_line - 2])
            rest = rest[per_line - 2 :]
        return pieces
    pieces, current, used = [], "", 0.0
    for char in line:
        advance = char_width(char, CODE_FONT, size)
        if current and used + advance > width:
            pieces.append(current)
            current, used = "  ", 2 * char_width(" ", CODE_FONT, size)
        current += char
        used += advance
    pieces.append(current)
    return pieces


class CodeBlock(Flowable):
    """Lines of monospace text drawn directly on the canvas; splits across pages by line."""

    def __init__(self, lines: list[str], size: float = 7.0, wrapped: bool = False) -> None:
        super().__init__()
        self.lines = lines
        self.size = size
        self.leading = size * 1.25
        self.wrapped = wrapped

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self.wrapped:
            self.lines = [p for line in self.lines for p in wrap_code(line, avail_width, self.size)]
            self.wrapped = True
        self.width = avail_width
        self.height = len(self.lines) * self.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.leading)
        if fit <= 0 or fit >= len(self.lines):
            return [] if fit <= 0 else [self]
        return [
            CodeBlock(self.lines[:fit], self.size, wrapped=True),
            CodeBlock(self.lines[fit:], self.size, wrapped=True),
        ]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(INK)
        draw_lines(
            canvas, 0, self.height - self.size, self.lines, CODE_FONT, self.size, self.leading
        )


def draw_lines(
    canvas: Canvas,
    x: float,
    y: float,
    lines: Sequence[str],
    base: str,
    size: float,
    leading: float,
) -> None:
    """Lines as one PDF text object (far fewer operators than a string per line), switching
    font only for the runs that need another, in drawing order (`shaping.visual_runs`)."""
    text = canvas.beginText(x, y)
    text.setFont(base, size, leading)
    current = base
    for line in lines:
        for run in visual_runs(line, base):
            if run.font != current:
                text.setFont(run.font, size, leading)
                current = run.font
            text.textOut(run.text)
        text.textLine("")
    canvas.drawText(text)


# -- plain text blocks -----------------------------------------------------------------------------


def wrap_text(text: str, base: str, size: float, width: float) -> list[str]:
    """Greedy word wrap measured run by run (so other scripts count with their own font);
    words longer than a line are cut between user-perceived characters (a Thai phrase, which
    has no spaces, included). Newlines in the text start new paragraphs; the lines of one
    paragraph all read in its direction (`textfit.directed`)."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(textfit.directed(paragraph, _wrap_paragraph(paragraph, base, size, width)))
    return lines


def _wrap_paragraph(paragraph: str, base: str, size: float, width: float) -> list[str]:
    space = char_width(" ", base, size)
    lines: list[str] = []
    current, used = "", 0.0
    for word in paragraph.split():
        advance = runs_width(word, base, size)
        if current and used + space + advance <= width:
            current, used = f"{current} {word}", used + space + advance
            continue
        if current:
            lines.append(current)
        current, used = word, advance
        while used > width and len(textfit.clusters(current)) > 1:
            head, current = _cut(current, base, size, width)
            lines.append(head)
            used = runs_width(current, base, size)
    lines.append(current)
    return lines


def _cut(word: str, base: str, size: float, width: float) -> tuple[str, str]:
    """The first characters of `word` (two or more) that fit `width`, at least one, and the
    rest, never empty."""
    pieces = textfit.clusters(word)
    cut, taken = 0, 0.0
    while cut < len(pieces) - 1:
        step = char_width(pieces[cut], base, size)
        if cut and taken + step > width:
            break
        taken += step
        cut += 1
    return "".join(pieces[:cut]), "".join(pieces[cut:])


class TextBlock(Flowable):
    """Plain text wrapped to the frame, optionally a bullet item with a hanging indent.

    No markup is parsed, so user text needs no escaping and shows exactly as typed; it costs a
    fraction of a Paragraph, which matters when a long board has thousands of reasons.
    """

    def __init__(
        self,
        text: str,
        size: float = 10.0,
        *,
        leading: float | None = None,
        bold: bool = False,
        colour: object = INK,
        bullet: str | None = None,
        indent: float = 0.0,
        space_after: float = 0.0,
        space_before: float = 0.0,
        lines: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.text, self.size, self.bold, self.colour = text, size, bold, colour
        self.leading = leading or size * 1.4
        self.bullet, self.indent, self.space_after = bullet, indent, space_after
        self.space_before = space_before
        self.lines = lines
        self.base = textfit.font_name(bold)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.lines is None:
            self.lines = wrap_text(self.text, self.base, self.size, avail_width - self.indent)
        self.width = avail_width
        self.height = len(self.lines) * self.leading + self.space_after
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # platypus' name
        return self.space_before

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self.lines is not None
        fit = int(avail_height // self.leading)
        if fit <= 0 or fit >= len(self.lines):
            return [] if fit <= 0 else [self]
        keep = {"size": self.size, "leading": self.leading, "bold": self.bold}
        keep["colour"] = self.colour
        head = TextBlock(
            self.text,
            **keep,
            bullet=self.bullet,
            indent=self.indent,
            space_before=self.space_before,
            lines=self.lines[:fit],
        )
        tail = TextBlock(
            self.text,
            **keep,
            indent=self.indent,
            space_after=self.space_after,
            lines=self.lines[fit:],
        )
        return [head, tail]

    def draw(self) -> None:
        assert self.lines is not None
        canvas = self.canv
        canvas.setFillColor(self.colour)
        top = self.height - self.space_after - self.size
        if self.bullet:
            draw_text_runs(canvas, self.indent - 9, top, self.bullet, self.base, self.size)
        if not any(bidi_levels(line) for line in self.lines):
            draw_lines(canvas, self.indent, top, self.lines, self.base, self.size, self.leading)
            return
        # A line that starts right to left (Arabic notes) is set flush right, as it is read.
        for index, line in enumerate(self.lines):
            x = self.indent
            if is_rtl(line):
                x = self.width - runs_width(line, self.base, self.size)
            draw_text_runs(canvas, x, top - index * self.leading, line, self.base, self.size)


def cell(text: str, size: float = TABLE_FONT_SIZE) -> str | TextBlock:
    """One line of user text for a table cell. A Table draws plain strings in its one font,
    unshaped (Devanagari would be blank, Arabic unjoined and left to right): text beyond ASCII
    goes in a TextBlock, which draws through `shaping.visual_runs` like every other line."""
    if text.isascii():
        return text
    return TextBlock(text, size, leading=size * 1.2)


class TextHeading(TextBlock):
    """A heading whose text Paragraph cannot draw right (see `needs_own_drawing`), drawn as
    a TextBlock and recorded for the contents like `Heading`. Never split across pages."""

    def __init__(
        self, text: str, style: ParagraphStyle, key: str, level: int, contents: Contents
    ) -> None:
        super().__init__(**_block_args(text, style))  # type: ignore[arg-type]
        self.key, self.title, self.level, self.contents = key, text, level, contents

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        _record(self, self.key, self.title, self.level, self.contents)
        super().draw()
