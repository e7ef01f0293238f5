"""The deck a PowerPoint export starts from: the customer's template or our 16:9 default.

`open_template` reads a `.potx` or `.pptx` (refused in one sentence if it is not one, or too
large), keeps its slide size, masters, layouts and theme, and drops its slides. `new_slide`
picks the template's blank or title-only layout, so titles and tables take its fonts and
colours. `literal` is the one door every string of ours goes through into a slide.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Pt

from whiteboard.export.transaction import ExportError
from whiteboard.model.text import neutral
from whiteboard.render.pptx import xml_safe

#: A 16:9 slide, 13.333 x 7.5 inches: the size of our scenes' 1920 x 1080 units.
WIDE_SLIDE = (Emu(12_192_000), Emu(6_858_000))
#: A template larger than this, or inflating past the second figure, is refused unread.
TEMPLATE_MAX_BYTES = 50 * 1024 * 1024
TEMPLATE_MAX_INFLATED = 200 * 1024 * 1024
#: The content types that make a package a template or a show instead of a presentation.
_MAIN_TYPES = (
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
)
_PRESENTATION_TYPE = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)


def blank_deck() -> Deck:
    """python-pptx's own default deck made 16:9: its masters and layouts are drawn for 4:3, so
    their placeholders are widened with the slide."""
    deck = Presentation()
    widen = WIDE_SLIDE[0] / deck.slide_width
    deck.slide_width, deck.slide_height = WIDE_SLIDE
    parts = [master.element for master in deck.slide_masters]
    parts += [layout.element for master in deck.slide_masters for layout in master.slide_layouts]
    for part in parts:
        for offset in part.iter(qn("a:off")):
            offset.set("x", str(round(int(offset.get("x")) * widen)))
        for extent in part.iter(qn("a:ext")):
            if extent.get("cx") is not None:
                extent.set("cx", str(round(int(extent.get("cx")) * widen)))
    for master in deck.slide_masters:
        # A left-aligned 32-point title, as our slides have, instead of a centred 44.
        title = master.element.find(qn("p:txStyles")).find(qn("p:titleStyle"))[0]
        title.set("algn", "l")
        title.find(qn("a:defRPr")).set("sz", "3200")
    return deck


def open_template(path: Path) -> Deck:
    """The customer's template with its slides removed. A .potx is read as a presentation
    (python-pptx refuses the template content type, so the package's main part is retyped in
    memory; the file on disk is never touched)."""
    try:
        size = path.stat().st_size
        if size > TEMPLATE_MAX_BYTES:
            raise ExportError(f"{path}: the PowerPoint template is {size:,} bytes, more than 50 MB")
        data = path.read_bytes()
        _check_inflated_size(path, data)
        deck = Presentation(io.BytesIO(_as_presentation(data)))
    except ExportError:
        raise
    except (OSError, zipfile.BadZipFile) as error:
        raise ExportError(f"{path}: the PowerPoint template could not be read ({error})") from None
    except Exception as error:  # python-pptx raises KeyError, ValueError, lxml errors...
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise ExportError(
            f"{path}: the PowerPoint template is not a .potx or .pptx file it can read ({reason})"
        ) from None
    _drop_slides(deck)
    return deck


def _check_inflated_size(path: Path, data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        inflated = sum(info.file_size for info in package.infolist())
    if inflated > TEMPLATE_MAX_INFLATED:
        raise ExportError(f"{path}: the PowerPoint template inflates to more than 200 MB")


def _as_presentation(data: bytes) -> bytes:
    """The package with its main part typed as a presentation (a .potx is a template)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml")
    if not any(kind in types for kind in _MAIN_TYPES):
        return data
    for kind in _MAIN_TYPES:
        types = types.replace(kind, _PRESENTATION_TYPE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = types if info.filename == "[Content_Types].xml" else source.read(info)
            target.writestr(info.filename, body)
    return out.getvalue()


def _drop_slides(deck: Deck) -> None:
    """Remove the template's own slides."""
    for slide in list(deck.slides):
        drop_slide(deck, slide)


def drop_slide(deck: Deck, slide: Slide) -> None:
    """Take `slide` out of the deck (its part goes unsaved once nothing refers to it)."""
    slide_ids = deck.slides._sldIdLst
    for slide_id in list(slide_ids):
        if deck.part.related_part(slide_id.rId) is slide.part:
            deck.part.drop_rel(slide_id.rId)
            slide_ids.remove(slide_id)


def _layout(deck: Deck, *, titled: bool) -> SlideLayout:
    """The template's layout with only a title (titled) or with nothing; else the one with the
    fewest placeholders."""
    layouts = [layout for master in deck.slide_masters for layout in master.slide_layouts]

    def kinds(layout: SlideLayout) -> list[int]:
        return [shape.placeholder_format.type for shape in layout.placeholders]

    title_kinds = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
    wanted = [
        layout
        for layout in layouts
        if (titled and len(kinds(layout)) >= 1 and set(kinds(layout)) <= title_kinds | _FURNITURE)
        or (not titled and set(kinds(layout)) <= _FURNITURE)
    ]
    return (wanted or sorted(layouts, key=lambda layout: len(kinds(layout))))[0]


#: Placeholders a slide may inherit without showing anything of ours in them.
_FURNITURE = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}


def new_slide(deck: Deck, title: str | None = None) -> Slide:
    slide = deck.slides.add_slide(_layout(deck, titled=title is not None))
    title_shape = None
    for placeholder in list(slide.placeholders):
        kind = placeholder.placeholder_format.type
        if title is not None and title_shape is None and kind in _TITLES:
            title_shape = placeholder
        else:
            placeholder._element.getparent().remove(placeholder._element)
    if title is not None:
        if title_shape is None:
            width = deck.slide_width - 2 * margin(deck)
            title_shape = slide.shapes.add_textbox(margin(deck), margin(deck) // 2, width, Pt(48))
            title_shape.text_frame.word_wrap = True
        title_shape.text_frame.text = literal(title)
    return slide


_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


def margin(deck: Deck) -> int:
    return round(deck.slide_width * 0.05)


def literal(text: str) -> str:
    """Text as the user typed it, less what no slide may hold: bidi overrides and controls
    (`neutral`) and the characters XML forbids. Every line break becomes a newline, which
    python-pptx turns into a paragraph or a break (a carriage return it would write as the
    escape `_x000D_`, shown as such)."""
    return xml_safe(_BREAKS.sub("\n", neutral(text, keep_lines=True)))


_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")


def notes(slide: Slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = literal(text)
