"""The PowerPoint build-up: native shapes per step, Morph between steps, notes, the reading
slides, hostile names kept literal, and the customer's own template."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from tests.export.boards import HOSTILE_NAMES, HOSTILE_NAMES_2026, grouped_board, hostile_board_2026
from whiteboard.catalog import default_catalog
from whiteboard.export.pptx_deck import MORPH_MS, render_pptx
from whiteboard.export.pptx_tables import ROWS_PER_SLIDE
from whiteboard.export.pptx_template import WIDE_SLIDE
from whiteboard.export.transaction import ExportError
from whiteboard.model import Board
from whiteboard.model.text import neutral
from whiteboard.scoring import score_board
from whiteboard.slides.chart import CAPTION
from whiteboard.slides.chart import TITLE as CHART_TITLE
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.playback import Script, script_of

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "p159": "http://schemas.microsoft.com/office/powerpoint/2015/09/main",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
}


def _script(board: Board) -> Script:
    catalog = default_catalog()
    scores = score_board(board, catalog=catalog)
    return script_of(board, scores, compute_slide(board, scores, catalog), catalog)


def _deck(board: Board, template: Path | None = None):
    data = render_pptx(board, score_board(board), template=template)
    return Presentation(io.BytesIO(data)), data


def _names(slide) -> set[str]:
    return {shape.name for shape in slide.shapes}


def _texts(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def demo(demo_board: Board):
    deck, data = _deck(demo_board)
    return deck, data, _script(demo_board)


def test_each_build_up_step_is_a_slide_of_exactly_the_shapes_shown_at_it(demo) -> None:
    deck, _, script = demo
    slides = list(deck.slides)
    assert len(slides) > script.last + 3
    for step in range(script.last + 1):
        shown = {f"!!{element.id}" for element in script.scene.visible_at(step)}
        drawn = _names(slides[step])
        # Empty text boxes are not drawn; everything else shown is there, nothing more.
        assert drawn <= shown, step
        texts = {
            f"!!{e.id}"
            for e in script.scene.visible_at(step)
            if getattr(e, "text", "x").strip() and f"!!{e.id}" not in drawn
        }
        assert not texts, (step, texts)
    first, last = _names(slides[0]), _names(slides[script.last])
    assert len(last) > 3 * len(first)


def test_shape_ids_are_unique_on_every_slide(demo) -> None:
    deck, _, _ = demo
    for slide in deck.slides:
        ids = [int(e.get("id")) for e in slide._element.iter(f"{{{NS['p']}}}cNvPr")]
        assert len(ids) == len(set(ids))


def test_the_shapes_are_native_and_the_text_is_real(demo, demo_board: Board) -> None:
    deck, _, script = demo
    final = deck.slides[script.last]
    kinds = {shape.shape_type for shape in final.shapes}
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    assert {MSO_SHAPE_TYPE.AUTO_SHAPE, MSO_SHAPE_TYPE.TEXT_BOX, MSO_SHAPE_TYPE.GROUP} <= kinds
    assert not any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in final.shapes)
    text = _texts(final)
    assert "Compute on AWS: who runs what" in text
    placed = [w for w in demo_board.workloads if w.id in demo_board.placements]
    assert any(w.name in text for w in placed)
    # Every shape lies on the slide.
    for shape in final.shapes:
        assert shape.left >= 0 and shape.left + shape.width <= deck.slide_width + 1
        assert shape.top >= 0 and shape.top + shape.height <= deck.slide_height + 1


def _transition(slide) -> etree._Element | None:
    return slide._element.find("mc:AlternateContent", NS)


def test_consecutive_build_up_slides_morph(demo) -> None:
    deck, _, script = demo
    slides = list(deck.slides)
    assert _transition(slides[0]) is None
    for slide in slides[1 : script.last + 1]:
        element = _transition(slide)
        assert element is not None
        morph = element.find("mc:Choice/p:transition/p159:morph", NS)
        assert morph is not None and morph.get("option") == "byObject"
        transition = element.find("mc:Choice/p:transition", NS)
        assert transition.get(f"{{{NS['p14']}}}dur") == str(MORPH_MS)
        assert element.find("mc:Fallback/p:transition/p:fade", NS) is not None
        # Where PowerPoint expects it: after the colour map, before any timing.
        tags = [etree.QName(child).localname for child in slide._element]
        assert tags.index("AlternateContent") == tags.index("clrMapOvr") + 1
    # Morph pairs a shape across slides by its !! name.
    assert _names(slides[1]) & _names(slides[2])
    assert all(name.startswith("!!") for name in _names(slides[script.last]))
    assert _transition(slides[script.last + 1]) is None


def test_the_story_is_in_the_speaker_notes(demo) -> None:
    deck, _, script = demo
    slides = list(deck.slides)
    for step in range(1, script.last + 1):
        notes = slides[step].notes_slide.notes_text_frame.text
        info = script.info(step)
        assert info.title in notes and f"Step {step} of {script.last}" in notes
        assert neutral(info.notes, keep_lines=True).split("\n")[0][:40] in notes


def test_the_reading_slides_follow_the_build_up(demo, demo_board: Board) -> None:
    deck, _, script = demo
    slides = list(deck.slides)
    chart, summary = slides[script.last + 1], slides[script.last + 2]
    assert "Two axes" in _texts(chart)
    assert "Summary" in summary.shapes.title.text
    names = default_catalog().display_names(demo_board.edition)
    titles = [slide.shapes.title.text for slide in slides[script.last + 3 :]]
    used = {demo_board.placements[w] for w in demo_board.placements}
    for target in used:
        assert any(title.startswith(f"{names[target]}:") for title in titles), target
    assert any(title.startswith("Not placed yet") for title in titles)
    lambda_slide = next(
        s for s in slides if s.shapes.title and "AWS Lambda:" in s.shapes.title.text
    )
    assert "Cannot run: " in _texts(lambda_slide)


def test_a_target_with_many_workloads_continues_over_several_slides() -> None:
    board = grouped_board(300)
    deck, _ = _deck(board)
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    scores = score_board(board)
    names = default_catalog().display_names(board.edition)
    for target, count in scores.summary.placements_per_target.items():
        if count <= ROWS_PER_SLIDE:
            continue
        pages = -(-count // ROWS_PER_SLIDE)
        mine = [t for t in titles if t.startswith(f"{names[target]}: {count:,} workloads")]
        assert len(mine) == pages and mine[-1].endswith(f"({pages} of {pages})")
    listed = sum(
        len(shape.table.rows) - 1
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table and slide.shapes.title and "Summary" not in slide.shapes.title.text
    )
    assert listed == len(board.workloads)


def test_hostile_names_stay_literal_and_the_file_stays_valid() -> None:
    board = hostile_board_2026()
    deck, data = _deck(board)
    text = "\n".join(_texts(slide) for slide in deck.slides)
    for name in [*HOSTILE_NAMES.values(), *HOSTILE_NAMES_2026.values()]:
        shown = neutral(name, keep_lines=True)
        if len(shown) < 60 and "\n" not in shown and "\t" not in shown:
            assert shown in text, name
    assert "<b>bold</b> & <i>co</i>" in text
    assert "\x07" not in text and "\u202e" not in text
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                xml = package.read(name)
                etree.fromstring(xml)  # well-formed, whatever the names were
                assert b"_x000D_" not in xml, name  # a carriage return shown as an escape


def _template(path: Path, *, template_type: bool, size: tuple[int, int]) -> Path:
    """A customer template: 4:3 or another size, a title font of its own, one slide of its own,
    saved as .potx (template content type) or .pptx."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(size[0]), Emu(size[1])
    own = deck.slides.add_slide(deck.slide_layouts[0])
    own.shapes.title.text = "Corporate cover slide"
    theme_font = "Corporate Sans"
    for master in deck.slide_masters:
        for latin in master.element.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}latin"
        ):
            latin.set("typeface", theme_font)
    buffer = io.BytesIO()
    deck.save(buffer)
    data = buffer.getvalue()
    if template_type:
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                body = source.read(info)
                if info.filename == "[Content_Types].xml":
                    body = body.replace(b"presentation.main+xml", b"template.main+xml")
                target.writestr(info.filename, body)
        data = out.getvalue()
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("template_type", [True, False], ids=["potx", "pptx"])
def test_a_customer_template_gives_its_size_and_masters_and_loses_its_slides(
    tmp_path: Path, demo_board: Board, template_type: bool
) -> None:
    size = (9_144_000, 6_858_000)  # 4:3
    template = _template(tmp_path / "corp.potx", template_type=template_type, size=size)
    deck, _ = _deck(demo_board, template)
    assert (deck.slide_width, deck.slide_height) == size
    text = "\n".join(_texts(slide) for slide in deck.slides)
    assert "Corporate cover slide" not in text
    masters = list(deck.slide_masters)
    assert all(slide.slide_layout.slide_master in masters for slide in deck.slides)
    fonts = {
        latin.get("typeface")
        for latin in masters[0].element.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}latin"
        )
    }
    assert "Corporate Sans" in fonts
    # The 16:9 scene is fitted into the 4:3 slide: every column on it.
    for shape in deck.slides[-1].shapes:
        assert shape.left + shape.width <= deck.slide_width + 1
    build_up = deck.slides[5]
    assert all(s.left >= 0 and s.left + s.width <= deck.slide_width + 1 for s in build_up.shapes)


def test_a_default_deck_is_16_by_9(demo) -> None:
    deck, _, _ = demo
    assert (deck.slide_width, deck.slide_height) == WIDE_SLIDE


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"not a zip at all", "could not be read"),
        (b"PK\x05\x06" + b"\x00" * 18, "not a .potx or .pptx"),
    ],
)
def test_a_template_that_is_not_powerpoint_is_one_sentence(
    tmp_path: Path, demo_board: Board, content: bytes, words: str
) -> None:
    template = tmp_path / "broken.potx"
    template.write_bytes(content)
    with pytest.raises(ExportError) as caught:
        render_pptx(demo_board, score_board(demo_board), template=template)
    message = str(caught.value)
    assert "broken.potx" in message and words in message and "\n" not in message


def test_a_zip_that_is_not_a_presentation_is_refused(tmp_path: Path, demo_board: Board) -> None:
    template = tmp_path / "other.pptx"
    with zipfile.ZipFile(template, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<doc/>")
    with pytest.raises(ExportError) as caught:
        render_pptx(demo_board, score_board(demo_board), template=template)
    assert "other.pptx" in str(caught.value) and "not a .potx or .pptx" in str(caught.value)


def test_a_template_that_would_inflate_too_far_is_refused_unread(
    tmp_path: Path, demo_board: Board
) -> None:
    template = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("ppt/big.bin", "w", force_zip64=True) as big:
            for _ in range(210):
                big.write(bytes(1024 * 1024))
    with pytest.raises(ExportError) as caught:
        render_pptx(demo_board, score_board(demo_board), template=template)
    assert "bomb.pptx" in str(caught.value) and "200 MB" in str(caught.value)


def test_the_chart_is_explained_in_its_notes(demo) -> None:
    deck, _, script = demo
    notes = deck.slides[script.last + 1].notes_slide.notes_text_frame.text
    assert notes.startswith(CHART_TITLE) and CAPTION in notes


def test_an_empty_board_still_makes_a_deck() -> None:
    deck, _ = _deck(Board(name="Nothing yet"))
    slides = list(deck.slides)
    summary = slides[-1]
    assert summary.shapes.title.text == "Summary: Nothing yet"
    assert not any(shape.has_table for shape in summary.shapes)
    assert "no workloads yet" in _texts(summary)
