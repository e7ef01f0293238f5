"""File > Export from the window: Ctrl+E, the dialog's checks, progress, and failures that
leave every existing file as it was."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.gui.conftest import MakeWindow, prompts
from whiteboard.gui.export_dialog import ExportDialog, export_options_for
from whiteboard.gui.main_window import MainWindow
from whiteboard.model.preferences import ExportChoices


def _press_export(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_e_exports_what_the_dialog_chose(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fake = prompts(window)
    fake.export_answer = export_options_for(out, "ws", pdf=True, svg=True, terraform=True)
    _press_export(qtbot, window)

    assert fake.export_asked == [(tmp_path, "workshop")]  # next to the board, named after it
    assert (out / "ws.svg").exists() and (out / "ws-chart.svg").exists()
    assert (out / "ws-terraform" / "main.tf").exists()
    text = PdfReader(io.BytesIO((out / "ws-handout.pdf").read_bytes())).pages[0].extract_text()
    assert "Alpine Outfitters" in text
    assert fake.errors == []
    assert f"to {out}" in window.statusBar().currentMessage()


def test_a_failed_export_says_why_and_replaces_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "ws.svg").write_text("old drawing", encoding="utf-8")
    (out / "ws-handout.pdf").mkdir()  # a folder where the handout should go
    fake = prompts(window)
    fake.export_answer = export_options_for(out, "ws", svg=True, pdf=True)
    _press_export(qtbot, window)

    assert len(fake.errors) == 1
    title, sentence = fake.errors[0]
    assert title == "Export failed" and "ws-handout.pdf" in sentence and "\n" not in sentence
    assert (out / "ws.svg").read_text(encoding="utf-8") == "old drawing"
    assert not (out / "ws-chart.svg").exists()


def test_cancelling_the_dialog_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    before = sorted(tmp_path.iterdir())
    _press_export(qtbot, window)
    assert prompts(window).export_asked and prompts(window).errors == []
    assert sorted(tmp_path.iterdir()) == before


def _tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box itself (a stretched checkbox ignores clicks past its label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_the_dialog_says_what_is_missing_and_keeps_the_choices(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = ExportDialog(tmp_path, "Alpine Outfitters workshop")
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.name.text() == "alpine-outfitters-workshop"
    export = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)

    _tick(qtbot, dialog.pdf)  # nothing chosen now
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Choose at least one thing to export."
    assert dialog.result_options is None

    _tick(qtbot, dialog.terraform)
    dialog.folder.setText(str(tmp_path / "missing"))
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.problem.text()
    assert dialog.terraform.isChecked()  # the user's choice survives

    dialog.folder.setText(str(tmp_path))
    dialog.paper.setCurrentText("Letter")
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    options = dialog.result_options
    assert options is not None
    assert options.terraform == tmp_path / "alpine-outfitters-workshop-terraform"
    assert options.pdf is None and options.paper == "letter"


def test_the_next_export_starts_from_the_last_choices(
    qtbot: QtBot, window: MainWindow, make_window: MakeWindow, board_file: Path, tmp_path: Path
) -> None:
    """Kept in the preferences file, so a window opened later starts from them too."""
    out = tmp_path / "out"
    out.mkdir()
    fake = prompts(window)
    fake.export_answer = export_options_for(
        out, "ws", svg=True, terraform=True, paper="letter", detail="none", appendix="full"
    )
    _press_export(qtbot, window)
    assert fake.errors == []

    later = make_window(board_file)
    prompts(later).export_answer = None  # the user looks, then cancels
    _press_export(qtbot, later)
    assert prompts(later).export_choices == ExportChoices(
        png=False,
        svg=True,
        pdf=False,
        terraform=True,
        paper="letter",
        detail="none",
        appendix="full",
    )
    dialog = ExportDialog(tmp_path, "x", choices=prompts(later).export_choices)
    qtbot.addWidget(dialog)
    ticked = [box.isChecked() for box in (dialog.png, dialog.svg, dialog.pdf, dialog.terraform)]
    assert ticked == [False, True, False, True]
    assert dialog.paper.currentText() == "Letter"
    assert dialog.detail.currentText() == "None (overview and tables only)"
    assert dialog.appendix.currentText() == "Full text of the stubs"


def test_the_handout_detail_and_appendix_are_chosen_in_the_dialog(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Automatic by default (the board's size decides); a choice reaches the options, and the
    two combo boxes are live only while the handout is ticked."""
    dialog = ExportDialog(tmp_path, "ws", choices=ExportChoices(pdf=True))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    export = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.detail.currentText().startswith("Automatic")
    assert dialog.appendix.currentText().startswith("Automatic")
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    options = dialog.result_options
    assert options is not None and options.detail is None and options.appendix is None

    dialog.detail.setCurrentText("Only those that need attention")
    dialog.appendix.setCurrentText("None")
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    options = dialog.result_options
    assert options is not None
    assert (options.detail, options.appendix) == ("attention", "none")

    _tick(qtbot, dialog.pdf)
    assert not dialog.detail.isEnabled() and not dialog.appendix.isEnabled()
    _tick(qtbot, dialog.pdf)
    assert dialog.detail.isEnabled() and dialog.appendix.isEnabled()


def test_the_dialog_choice_reaches_the_handout(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fake = prompts(window)
    fake.export_answer = export_options_for(out, "ws", pdf=True, detail="none", appendix="none")
    _press_export(qtbot, window)
    assert fake.errors == []
    reader = PdfReader(io.BytesIO((out / "ws-handout.pdf").read_bytes()))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Overview: what went where" in titles and "Board summary" in titles
    assert "Workloads" not in titles and "Appendix: Terraform stubs" not in titles


def test_the_deck_and_the_lens_are_chosen_in_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    """Ticking them names base.pptx and the base-wa-lens folder; the template field is live
    only while the deck is ticked and must name a file."""
    dialog = ExportDialog(tmp_path, "ws", choices=ExportChoices(pdf=False, pptx=True))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.pptx.isChecked() and dialog.template.isEnabled()
    qtbot.mouseClick(dialog.wa_lens, Qt.MouseButton.LeftButton)
    export = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    dialog.template.setText(str(tmp_path / "missing.potx"))
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    assert dialog.result_options is None and "missing.potx" in dialog.problem.text()
    template = tmp_path / "corporate.pptx"
    template.write_bytes(b"checked when the deck is built")
    dialog.template.setText(str(template))
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    options = dialog.result_options
    assert options is not None
    assert options.pptx == tmp_path / "ws.pptx" and options.pptx_template == template
    assert options.wa_lens == tmp_path / "ws-wa-lens"
    qtbot.mouseClick(dialog.pptx, Qt.MouseButton.LeftButton)
    assert not dialog.template.isEnabled()
