"""The Help menu on the real window: F1's list of shortcuts and presenter keys (checked against
the tables that decide them), the scoring rules, the About box, and Export on the toolbar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QToolBar, QWidget
from pytestqt.qtbot import QtBot

import whiteboard
from tests.gui.conftest import prompts
from whiteboard.gui import help as help_module
from whiteboard.gui.actions import key_sequences, plain
from whiteboard.gui.export_dialog import ExportDialog
from whiteboard.gui.help import TextDialog, scoring_doc
from whiteboard.gui.main_window import MainWindow
from whiteboard.gui.presenter_keys import QT_KEY_NAMES
from whiteboard.gui.prompts import Prompts
from whiteboard.paths import ASSETS_DIR
from whiteboard.scoring import PILLAR_NAMES
from whiteboard.slides.playback import KEY_BINDINGS

LEFT = Qt.MouseButton.LeftButton
NATIVE = QKeySequence.SequenceFormat.NativeText
REPO = Path(__file__).resolve().parents[2]
SCORING_MD = REPO / "docs" / "scoring.md"


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()


def _press_f1(qtbot: QtBot, window: MainWindow) -> TextDialog:
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(TextDialog, "shortcuts-dialog")
    assert dialog is not None, "F1 opened no shortcuts dialog"
    qtbot.waitExposed(dialog)
    return dialog


def _keys_of(lines: list[str], group: str, title: str) -> str:
    """The keys cell of `title`'s row in `group` (plain text gives each cell its own line)."""
    start = lines.index(group)
    return lines[lines.index(title, start) + 1]


def _help_menu(window: MainWindow) -> QAction:
    return window.menuBar().actions()[-1]


def _choose(qtbot: QtBot, window: MainWindow, action_id: str) -> None:
    """Help, then the item, both clicked with the mouse."""
    bar, help_menu = window.menuBar(), _help_menu(window)
    _activate(qtbot, window)
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(help_menu).center())
    menu = help_menu.menu()
    qtbot.waitUntil(menu.isVisible)
    item = window.actions[action_id]
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(item).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_f1_lists_every_shortcut_of_the_action_table(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _press_f1(qtbot, window)
    lines = dialog.text.toPlainText().splitlines()
    for spec in window.action_table:
        keys = _keys_of(lines, plain(spec.menu), plain(spec.title))
        # What the table declares and what the installed action answers to are both listed.
        declared = [s.toString(NATIVE) for s in key_sequences(spec.shortcuts)]
        installed = [s.toString(NATIVE) for s in window.actions[spec.id].shortcuts()]
        assert declared == installed
        for text in declared:
            assert text in keys.split(", ") or f"{text} (" in keys, (spec.id, text, keys)
        assert declared or keys == "—"
    assert _keys_of(lines, "Help", "Keyboard shortcuts…") == "F1"
    assert _keys_of(lines, "File", "Export…") == "Ctrl+E"
    assert "on the slide or in the workload list" in _keys_of(lines, "Place", "Move left")


def test_f1_lists_the_presenter_and_clicker_keys(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _press_f1(qtbot, window)
    lines = dialog.text.toPlainText().splitlines()
    group = help_module.PRESENTER_GROUP
    qt_key = {name: code for code, name in QT_KEY_NAMES.items()}
    for binding in KEY_BINDINGS:
        shown = QKeySequence(qt_key[binding.key]).toString(NATIVE)
        assert shown in _keys_of(lines, group, binding.title).split(", "), binding
    # What a clicker sends, as the user reads it.
    assert _keys_of(lines, group, "Next step").split(", ")[2] == "PgDown"
    assert _keys_of(lines, group, "Leave the presentation") == "Esc"
    assert _keys_of(lines, group, "Black screen (again to return)") == "B, ."


def test_the_shortcuts_dialog_resizes_and_closes_with_esc(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _press_f1(qtbot, window)
    assert not dialog.isModal() and dialog.isSizeGripEnabled()
    dialog.resize(900, 1000)
    qtbot.waitUntil(lambda: dialog.size().width() == 900)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    _press_f1(qtbot, window)  # and F1 brings the same dialog back
    assert dialog.isVisible() and len(window.findChildren(TextDialog)) == 1
    dialog.close()


def test_the_help_menu_comes_last_with_its_three_entries(window: MainWindow) -> None:
    help_menu = _help_menu(window)
    assert help_menu.text() == "&Help"
    items = [a for a in help_menu.menu().actions() if not a.isSeparator()]
    assert [a.text() for a in items] == [
        "&Keyboard shortcuts…",
        "How &scores are worked out",
        "&About Whiteboard",
    ]
    assert items == [window.actions[i] for i in ("shortcuts", "scoring", "about")]


def test_about_names_the_version_and_every_font_licence(qtbot: QtBot, window: MainWindow) -> None:
    _choose(qtbot, window, "about")
    dialog = window.findChild(TextDialog, "about-dialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.text.toPlainText()
    assert f"Whiteboard {whiteboard.__version__}" in text
    assert "Python 3." in text and "PySide6 6." in text
    for font, licence in (
        ("DejaVu Sans", "Bitstream Vera / DejaVu licence"),
        ("Droid Sans Fallback", "Apache License 2.0"),
        ("NanumGothic", "SIL Open Font License 1.1"),
    ):
        assert font in text and licence in text
    for shipped in sorted((ASSETS_DIR / "fonts").glob("*.ttf")):
        assert shipped.name in text, f"{shipped.name} has no licence in the About box"
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], list[QUrl]]:
    """Stand in for the desktop's file opener: record the URLs, answer `works`."""
    urls: list[QUrl] = []

    def install(works: bool = True) -> list[QUrl]:
        def open_url(url: QUrl) -> bool:
            urls.append(url)
            return works

        monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
        return urls

    return install


def test_how_scores_are_worked_out_opens_docs_scoring_md(
    qtbot: QtBot, window: MainWindow, opened: Callable[[bool], list[QUrl]]
) -> None:
    urls = opened(True)
    _choose(qtbot, window, "scoring")
    assert urls == [QUrl.fromLocalFile(str(SCORING_MD))]
    assert window.findChildren(TextDialog) == []  # the desktop's reader shows it


def _shown(qtbot: QtBot, window: MainWindow, name: str) -> TextDialog:
    dialog = window.findChild(TextDialog, name)
    assert dialog is not None, f"no {name} dialog"
    qtbot.waitExposed(dialog)
    return dialog


def test_without_docs_scoring_says_how_and_where(
    qtbot: QtBot,
    window: MainWindow,
    opened: Callable[[bool], list[QUrl]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A wheel ships no docs/: the window explains the scoring and names the document."""
    urls = opened(True)
    monkeypatch.setattr(help_module, "scoring_doc", lambda: None)
    _choose(qtbot, window, "scoring")
    dialog = _shown(qtbot, window, "scoring-summary")
    assert urls == []
    text = dialog.text.toPlainText()
    assert "docs/scoring.md" in text and "Can it run there at all?" in text
    assert all(name in text for name in PILLAR_NAMES.values())
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_when_no_program_opens_the_document_the_window_shows_it(
    qtbot: QtBot, window: MainWindow, opened: Callable[[bool], list[QUrl]]
) -> None:
    urls = opened(False)
    _choose(qtbot, window, "scoring")
    dialog = _shown(qtbot, window, "scoring-doc")
    assert len(urls) == 1
    heading = SCORING_MD.read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    assert dialog.text.toPlainText().startswith(heading)
    assert window.findChild(TextDialog, "scoring-summary") is None
    dialog.close()


def test_scoring_doc_is_found_in_a_checkout_or_the_package_only(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    package = site / "whiteboard"
    package.mkdir(parents=True)
    (site / "docs").mkdir()
    (site / "docs" / "scoring.md").write_text("someone else's", encoding="utf-8")
    assert scoring_doc(package) is None  # a wheel: site-packages is no checkout
    (site / "pyproject.toml").write_text("", encoding="utf-8")
    assert scoring_doc(package) == site / "docs" / "scoring.md"  # now it is one
    (package / "docs").mkdir()
    (package / "docs" / "scoring.md").write_text("bundled", encoding="utf-8")
    assert scoring_doc(package) == package / "docs" / "scoring.md"
    assert scoring_doc() == SCORING_MD


def _reject_when_shown(kind: type[QWidget], seen: list[QWidget], tries: int = 200) -> None:
    """Wait for the modal `kind` dialog, note it and cancel it (it runs its own event loop)."""
    widget = QApplication.activeModalWidget()
    if isinstance(widget, kind):
        seen.append(widget)
        widget.reject()  # type: ignore[attr-defined]
    elif tries:
        QTimer.singleShot(20, lambda: _reject_when_shown(kind, seen, tries - 1))


def test_the_toolbar_export_button_opens_the_export_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    toolbar = window.findChild(QToolBar, "main-toolbar")
    export = window.actions["export"]
    assert [a.objectName() for a in toolbar.actions()] == [
        "open",
        "save",
        "export",
        "undo",
        "redo",
        "new_workload",
        "present",
    ]
    assert toolbar.actions().count(export) == 1  # the File menu's action itself, not a copy
    button = toolbar.widgetForAction(export)
    assert button is not None and button.isVisible()

    fake = window.prompts
    window.prompts = Prompts(window)  # the real dialog this time
    seen: list[QWidget] = []
    try:
        QTimer.singleShot(0, lambda: _reject_when_shown(ExportDialog, seen))
        qtbot.mouseClick(button, LEFT)
    finally:
        window.prompts = fake
    assert len(seen) == 1
    dialog = seen[0]
    assert isinstance(dialog, ExportDialog)
    assert dialog.folder.text() == str(tmp_path) and dialog.name.text() == "workshop"
    assert prompts(window).errors == []
    assert not [p for p in tmp_path.iterdir() if p.suffix in {".png", ".svg", ".pdf"}]


@pytest.mark.slow
def test_the_wheel_carries_the_scoring_rules_help_opens(
    tmp_path: Path,
    qtbot: QtBot,
    window: MainWindow,
    opened: Callable[[bool], list[QUrl]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Built as people install it: the wheel holds docs/scoring.md inside the package, and
    Help > How scores are worked out opens that copy (not a summary)."""
    import subprocess
    import sys
    import zipfile

    out = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = out.glob("*.whl")
    site = tmp_path / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        assert "whiteboard/docs/scoring.md" in archive.namelist()
        archive.extractall(site)
    installed = site / "whiteboard"
    assert (installed / "docs" / "scoring.md").read_bytes() == SCORING_MD.read_bytes()
    urls = opened(True)
    monkeypatch.setattr(help_module, "scoring_doc", lambda: scoring_doc(installed))
    _choose(qtbot, window, "scoring")
    assert urls == [QUrl.fromLocalFile(str(installed / "docs" / "scoring.md"))]
    assert window.findChild(TextDialog, "scoring-summary") is None
