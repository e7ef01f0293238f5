"""F5 on the real window opens on the title slide (the board's name, today, the presenter's
subtitle), "Start" in the presenter view; Next goes to the story's first step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import prompts
from whiteboard.gui.main_window import MainWindow
from whiteboard.gui.presenter import Presentation
from whiteboard.gui.title_slide import FILE_NAME, PresenterStore
from whiteboard.slides.story import TITLE_PREFIX, spoken_date

Key = Qt.Key


def _press_f5(qtbot: QtBot, window: MainWindow) -> Presentation:
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Key.Key_F5)
    (presentation,) = window.findChildren(Presentation)
    with qtbot.waitExposed(presentation.audience):
        pass
    return presentation


def _shown(presentation: Presentation) -> set[str]:
    return {i for i, item in presentation.player.items.items() if item.isVisible()}


def _text(presentation: Presentation, key: str) -> str:
    return presentation.player.items[TITLE_PREFIX + key].element.text  # type: ignore[union-attr]


def test_f5_opens_on_the_title_slide_and_next_starts_the_story(
    qtbot: QtBot, window: MainWindow
) -> None:
    presentation = _press_f5(qtbot, window)
    script = presentation.script
    shown = _shown(presentation)
    assert {TITLE_PREFIX + "title", TITLE_PREFIX + "date"} <= shown
    assert shown <= script.title_ids  # nothing of the compute slide peeks through
    assert _text(presentation, "title") == window.document.board.name
    assert _text(presentation, "date") == spoken_date(dt.date.today())
    assert presentation.notes.position.text() == f"Start — {window.document.board.name}"
    assert presentation.notes.windowTitle() == f"Presenter view — {window.document.board.name}"
    # The title slide fills the audience's view: its background covers the whole slide.
    view = presentation.audience.view
    background = presentation.player.items[TITLE_PREFIX + "background"]
    assert background.sceneBoundingRect().contains(view.sceneRect())

    qtbot.keyClick(presentation.audience, Key.Key_Right)
    presentation.player.finish()
    assert _shown(presentation) == script.slide_ids(1)
    assert not _shown(presentation) & script.title_ids
    assert presentation.notes.position.text() == f"Step 1 of {script.last} — {script.info(1).title}"

    qtbot.keyClick(presentation.audience, Key.Key_Left)  # back to the title slide
    assert _shown(presentation) == script.title_ids
    qtbot.keyClick(presentation.audience, Key.Key_Escape)
    assert presentation.closed


def test_the_presenters_subtitle_is_asked_once_and_kept(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    prompts(window).subtitle_answer = "Workshop with ACME · Berlin"
    window.actions["title_subtitle"].trigger()
    assert prompts(window).subtitle_asked == [""]
    assert PresenterStore(tmp_path / FILE_NAME).subtitle == "Workshop with ACME · Berlin"

    presentation = _press_f5(qtbot, window)
    assert _text(presentation, "subtitle") == "Workshop with ACME · Berlin"
    assert TITLE_PREFIX + "subtitle" in _shown(presentation)
    qtbot.keyClick(presentation.audience, Key.Key_Escape)
    QApplication.processEvents()

    # Asked again, the dialog starts from the saved subtitle; cancelling keeps it.
    prompts(window).subtitle_answer = None
    window.actions["title_subtitle"].trigger()
    assert prompts(window).subtitle_asked[-1] == "Workshop with ACME · Berlin"
    assert window.presenter_settings.subtitle == "Workshop with ACME · Berlin"


def test_no_subtitle_no_empty_line(qtbot: QtBot, window: MainWindow) -> None:
    presentation = _press_f5(qtbot, window)
    assert TITLE_PREFIX + "subtitle" not in presentation.player.items
    qtbot.keyClick(presentation.audience, Key.Key_Escape)


def test_a_broken_presenter_file_means_no_subtitle(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_text('{"subtitle": 7}', encoding="utf-8")
    assert PresenterStore(path).subtitle == ""
    path.write_text("x" * 10_000, encoding="utf-8")
    assert PresenterStore(path).subtitle == ""
