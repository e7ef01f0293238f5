"""File > Import inventory from the window: Ctrl+I, the file and powered-off questions, the
progress dialog and its Cancel, the report, one undo step, drops, bad files, and the group field.

The window's own dialogs are answered with real clicks and keys once they are up (`Answers`);
only the platform's file chooser is replaced.
"""

from __future__ import annotations

import csv
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QEventLoop, QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.gui.conftest import MakeWindow, prompts
from whiteboard.gui import import_dialog
from whiteboard.gui.import_dialog import PoweredOffDialog, ReportDialog
from whiteboard.gui.main_window import MainWindow
from whiteboard.gui.workload_fields import SPECS
from whiteboard.inventory import ImportReport, ImportResult, import_inventory
from whiteboard.model import Board, Workload, load_board, save_board

HEADER = (
    "VM",
    "Powerstate",
    "Template",
    "CPUs",
    "Memory",
    "Provisioned MiB",
    "OS according to the configuration file",
    "Folder",
)
WINDOWS = "Microsoft Windows Server 2019 (64-bit)"
LINUX = "Red Hat Enterprise Linux 8 (64-bit)"
#: An RVTools vInfo export of a small estate: one VM switched off, one template.
ROWS = (
    ("shop-web-01", "poweredOn", "False", "2", "4096", "40960", LINUX, "Shop/Web"),
    ("shop-web-02", "poweredOn", "False", "2", "4096", "40960", LINUX, "Shop/Web"),
    ("shop-db-01", "poweredOn", "False", "8", "65536", "512000", LINUX, "Shop/Data"),
    ("erp-app-01", "poweredOn", "False", "4", "16384", "102400", WINDOWS, "ERP"),
    ("erp-test-01", "poweredOff", "False", "4", "16384", "102400", WINDOWS, "ERP"),
    ("w2019-golden", "poweredOff", "True", "2", "8192", "61440", WINDOWS, "Templates"),
)
RUNNING = ("shop-web-01", "shop-web-02", "shop-db-01", "erp-app-01")


def write_rvtools_csv(path: Path, rows: tuple[tuple[str, ...], ...] = ROWS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_rvtools_xlsx(path: Path, rows: tuple[tuple[str, ...], ...] = ROWS) -> Path:
    """A minimal RVTools workbook: one vInfo sheet, text in shared strings, numbers as numbers
    (as Excel writes them), built by hand so the test needs no spreadsheet library."""
    strings: list[str] = []

    def cell(ref: str, value: str) -> str:
        if value.isdigit():
            return f'<c r="{ref}"><v>{value}</v></c>'
        if value not in strings:
            strings.append(value)
        return f'<c r="{ref}" t="s"><v>{strings.index(value)}</v></c>'

    sheet_rows = []
    for number, values in enumerate((HEADER, *rows), start=1):
        cells = "".join(cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values))
        sheet_rows.append(f'<row r="{number}">{cells}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{package}/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        '<sheet name="vInfo" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>'
        + "".join(sheet_rows)
        + "</sheetData></worksheet>",
        "xl/sharedStrings.xml": f'<sst xmlns="{main}" count="{len(strings)}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        + "</sst>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + text)
    return path


class Answers:
    """Answers the window's modal dialogs as they come up, in order, with real input; gives up
    after `timeout_s` so a dialog that never comes cannot hang the test run."""

    def __init__(self, *steps: tuple[type[QWidget], Callable[[QWidget], None]]) -> None:
        self.steps = list(steps)
        self.seen: list[QWidget] = []
        self._deadline = time.monotonic() + 10
        QTimer.singleShot(0, self._look)

    def _look(self) -> None:
        if not self.steps or time.monotonic() > self._deadline:
            return
        kind, act = self.steps[0]
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            self.steps.pop(0)
            self.seen.append(widget)
            act(widget)
        QTimer.singleShot(10, self._look)

    @property
    def done(self) -> bool:
        return not self.steps


class FakeFileDialog:
    """The platform's file chooser: answers `path` and remembers what it was asked."""

    asked: list[tuple[str, str]]

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.asked = []

    def getOpenFileName(self, _parent: object, _title: str, folder: str, filters: str):
        self.asked.append((folder, filters))
        return (str(self.path) if self.path else "", "")


@pytest.fixture(autouse=True)
def _dialogs_can_run(qapp: QApplication) -> None:
    """A `QApplication.quit()` while no event loop runs (which an earlier test's presentation
    leaves behind: test_presenter_demo's `present` command) makes every later
    `QDialog.exec()` return at once; one turn of the application loop clears it."""
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    if loop.exec() == -1:
        QTimer.singleShot(0, qapp.quit)
        qapp.exec()


@pytest.fixture
def answer() -> Iterator[Callable[..., Answers]]:
    """Make `Answers`; at the end of the test, any still waiting stop (so none of them can
    answer the next test's dialogs)."""
    made: list[Answers] = []

    def make(*steps: tuple[type[QWidget], Callable[[QWidget], None]]) -> Answers:
        made.append(Answers(*steps))
        return made[-1]

    yield make
    for answers in made:
        answers.steps.clear()


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> FakeFileDialog:
    chooser = FakeFileDialog(path)
    monkeypatch.setattr(import_dialog, "QFileDialog", chooser)
    return chooser


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def import_as(qtbot: QtBot, choice: str) -> Callable[[QWidget], None]:
    """Pick the powered-off choice with the mouse, then press Import."""

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, PoweredOffDialog)
        assert dialog.skip.isChecked()  # the default
        click(qtbot, dialog.idle if choice == "idle" else dialog.skip)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        click(qtbot, ok)

    return act


def read_report(into: list[str]) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, ReportDialog)
        heading = dialog.findChild(QWidget, "import-report-heading")
        into.append(heading.text())  # type: ignore[attr-defined]
        into.append(dialog.text.toPlainText())
        QTimer.singleShot(0, lambda: _close_with_escape(dialog))

    return act


def _close_with_escape(dialog: QWidget) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def press_ctrl(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """A window shortcut, typed with the window active (as after closing a dialog)."""
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def new_ids(before: Board, after: Board) -> list[str]:
    return [w.id for w in after.workloads if not before.has_workload(w.id)]


# -- the menu action -------------------------------------------------------------------------


def test_the_file_menu_offers_the_import_on_a_shortcut_of_its_own(window: MainWindow) -> None:
    action = window.actions["import_inventory"]
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    titles = [a.text() for a in file_menu.actions() if a.text()]
    assert titles.index("&Import inventory…") == titles.index("&Export…") - 1
    assert action.shortcut() == QKeySequence("Ctrl+I")
    others = [
        other.objectName()
        for other in window.findChildren(QAction)
        if other is not action and QKeySequence("Ctrl+I") in other.shortcuts()
    ]
    assert others == []


def test_ctrl_i_imports_the_running_vms_unplaced_in_one_undo_step(
    qtbot: QtBot,
    answer: Callable[..., Answers],
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inventory = write_rvtools_csv(tmp_path / "estate.csv")
    chooser = choose_file(monkeypatch, inventory)
    before = window.document.board
    report: list[str] = []
    answers = answer(
        (PoweredOffDialog, import_as(qtbot, "skip")), (ReportDialog, read_report(report))
    )
    press_ctrl(qtbot, window, Qt.Key.Key_I)
    assert answers.done

    ((folder, filters),) = chooser.asked
    assert Path(folder) == tmp_path  # next to the open board
    assert "*.xlsx" in filters and "*.csv" in filters
    after = window.document.board
    added = new_ids(before, after)
    names = [after.workload(i).name for i in added]
    assert names == list(RUNNING)  # the switched-off VM and the template stay out
    assert after.workloads[: len(before.workloads)] == before.workloads
    assert after.placements == before.placements  # unplaced
    assert after.workload(added[0]).group == "Shop/Web"
    assert after.workload(added[3]).group == "ERP"
    # The report is the package's own, shown whole, under a heading with the count.
    heading, text = report
    assert "4 workloads" in heading and "estate.csv" in heading
    expected = import_inventory(inventory, taken_ids=before.workload_ids).report
    assert text.splitlines() == expected.lines()
    assert window.statusBar().currentMessage().startswith("Imported 4 workloads from estate.csv")
    assert window.selected == added[0]

    stack = window.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Import 4 workloads from estate.csv"
    assert window.workload_list.list.count() > len(before.workloads)
    press_ctrl(qtbot, window, Qt.Key.Key_Z)
    assert window.document.board == before  # every one of them gone in one step
    window.actions["redo"].trigger()
    assert window.document.board == after


def test_powered_off_vms_can_be_imported_as_idle(
    qtbot: QtBot,
    answer: Callable[..., Answers],
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choose_file(monkeypatch, write_rvtools_csv(tmp_path / "estate.csv"))
    before = window.document.board
    report: list[str] = []
    answers = answer(
        (PoweredOffDialog, import_as(qtbot, "idle")), (ReportDialog, read_report(report))
    )
    window.actions["import_inventory"].trigger()
    assert answers.done
    after = window.document.board
    names = [after.workload(i).name for i in new_ids(before, after)]
    assert names == [*RUNNING, "erp-test-01"]  # the template is still no workload
    assert after.workload(new_ids(before, after)[-1]).traffic == "idle"
    assert "5 workloads" in report[0]


def test_an_rvtools_workbook_imports_like_its_csv(
    qtbot: QtBot,
    answer: Callable[..., Answers],
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choose_file(monkeypatch, write_rvtools_xlsx(tmp_path / "RVTools_export_all.xlsx"))
    before = window.document.board
    answers = answer((PoweredOffDialog, import_as(qtbot, "skip")), (ReportDialog, read_report([])))
    window.actions["import_inventory"].trigger()
    assert answers.done, prompts(window).errors
    after = window.document.board
    assert [after.workload(i).name for i in new_ids(before, after)] == list(RUNNING)
    assert after.workload(new_ids(before, after)[2]).vcpu == 8


def test_cancelling_the_file_or_the_options_changes_nothing(
    qtbot: QtBot,
    answer: Callable[..., Answers],
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = window.document.board
    choose_file(monkeypatch, None)
    window.actions["import_inventory"].trigger()
    choose_file(monkeypatch, write_rvtools_csv(tmp_path / "estate.csv"))

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, PoweredOffDialog)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))

    answers = answer((PoweredOffDialog, cancel))
    window.actions["import_inventory"].trigger()
    assert answers.done
    assert window.document.board is before and window.document.undo_stack.count() == 0


def test_imported_ids_never_take_one_the_board_uses(
    qtbot: QtBot,
    answer: Callable[..., Answers],
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = window.document.board
    taken = before.workloads[0]
    row = (taken.id, "poweredOn", "False", "2", "4096", "40960", LINUX, "Shop/Web")
    choose_file(monkeypatch, write_rvtools_csv(tmp_path / "clash.csv", (row,)))
    answers = answer((PoweredOffDialog, import_as(qtbot, "skip")), (ReportDialog, read_report([])))
    window.actions["import_inventory"].trigger()
    assert answers.done
    after = window.document.board
    (added,) = new_ids(before, after)
    assert added != taken.id and after.workload(added).name == taken.id
    assert after.workload(taken.id) == taken


def test_an_untouched_new_board_takes_the_import(
    qtbot: QtBot,
    answer: Callable[..., Answers],
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(board=Board(name="Untitled board"))
    choose_file(monkeypatch, write_rvtools_csv(tmp_path / "estate.csv"))
    answers = answer((PoweredOffDialog, import_as(qtbot, "skip")), (ReportDialog, read_report([])))
    window.actions["import_inventory"].trigger()
    assert answers.done
    assert [w.name for w in window.document.board.workloads] == list(RUNNING)
    assert window.isWindowModified()
    assert window.document.path is None  # still untitled: Save asks where


# -- failures and cancel ---------------------------------------------------------------------


def test_a_bad_row_is_one_sentence_and_changes_nothing(
    qtbot: QtBot,
    answer: Callable[..., Answers],
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = (*ROWS[:2], ("shop-db-01", "poweredOn", "False", "lots", "65536", "1", LINUX, ""))
    inventory = write_rvtools_csv(tmp_path / "broken.csv", rows)
    content, board_file = inventory.read_bytes(), window.document.path
    assert board_file is not None
    saved = board_file.read_bytes()
    before, stack = window.document.board, window.document.undo_stack
    choose_file(monkeypatch, inventory)
    answers = answer((PoweredOffDialog, import_as(qtbot, "skip")), (ReportDialog, read_report([])))
    window.actions["import_inventory"].trigger()
    assert answers.steps and answers.steps[0][0] is ReportDialog  # no report for a failure
    answers.steps.clear()
    ((heading, message),) = prompts(window).errors
    assert heading == "Could not import the inventory"
    assert message.startswith("broken.csv:4: CPUs: ")
    assert message.endswith("; nothing was imported.") and "\n" not in message
    assert window.document.board is before and stack.count() == 0
    assert not window.isWindowModified()
    assert inventory.read_bytes() == content and board_file.read_bytes() == saved


def test_a_file_that_is_no_inventory_is_refused(
    qtbot: QtBot,
    answer: Callable[..., Answers],
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text("when,what\nmonday,workshop\n", encoding="utf-8")
    before = window.document.board
    choose_file(monkeypatch, notes)
    answers = answer((PoweredOffDialog, import_as(qtbot, "skip")))
    window.actions["import_inventory"].trigger()
    assert answers.done
    ((heading, message),) = prompts(window).errors
    assert heading == "Could not import the inventory" and message.startswith("notes.csv")
    assert window.document.board is before


def test_cancel_during_the_read_changes_nothing(
    qtbot: QtBot,
    answer: Callable[..., Answers],
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A slow read: the progress dialog follows the callback while the window keeps
    answering, and Cancel stops the worker and adds nothing."""
    finished = threading.Event()
    stopped: list[BaseException] = []

    def slow_import(
        path: Path, *, powered_off: str, taken_ids: tuple[str, ...], progress
    ) -> ImportResult:
        try:
            for done in range(1, 1001):
                progress(done, 1000)
                time.sleep(0.005)
        except BaseException as error:
            stopped.append(error)
            raise
        finally:
            finished.set()
        workload = Workload(id="never", name="Never")
        report = ImportReport(str(path), "rvtools", 1000, 1, {}, {}, {}, ())
        return ImportResult((workload,), report)

    monkeypatch.setattr("whiteboard.inventory.import_inventory", slow_import)
    monkeypatch.setattr(import_dialog, "SHOW_AFTER_MS", 0)
    choose_file(monkeypatch, write_rvtools_csv(tmp_path / "estate.csv"))
    before = window.document.board
    seen: list[tuple[int, str]] = []

    def cancel_when_moving(dialog: QWidget) -> None:
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(lambda: dialog.value() > 50, timeout=5000)
        seen.append((dialog.maximum(), dialog.labelText()))
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        click(qtbot, cancel)

    answers = answer(
        (PoweredOffDialog, import_as(qtbot, "skip")), (QProgressDialog, cancel_when_moving)
    )
    window.actions["import_inventory"].trigger()
    assert answers.done
    ((maximum, label),) = seen
    assert maximum == 1000 and label.startswith("Reading estate.csv…") and "of 1,000 rows" in label
    assert finished.wait(5) and stopped  # the worker stopped at its next row
    assert window.document.board is before and window.document.undo_stack.count() == 0
    assert (
        window.statusBar().currentMessage() == "Import of estate.csv cancelled; nothing was added."
    )
    assert prompts(window).errors == []


# -- drops -----------------------------------------------------------------------------------


def _drag_file(window: MainWindow, path: Path) -> tuple[bool, QWidget]:
    """Drag a file from outside onto the middle of the slide and let go; whether it was taken."""
    target = window.slide_view.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPoint(target.width() // 2, target.height() // 2)
    copy = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        point, copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False, target
    drop = QDropEvent(
        point.toPointF(), copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, drop)
    return drop.isAccepted(), target


def test_dropping_an_inventory_on_the_window_imports_it(
    qtbot: QtBot, answer: Callable[..., Answers], window: MainWindow, tmp_path: Path
) -> None:
    before = window.document.board
    answers = answer((PoweredOffDialog, import_as(qtbot, "skip")), (ReportDialog, read_report([])))
    taken, _ = _drag_file(window, write_rvtools_csv(tmp_path / "estate.csv"))
    assert taken
    qtbot.waitUntil(lambda: answers.done, timeout=5000)
    after = window.document.board
    assert [after.workload(i).name for i in new_ids(before, after)] == list(RUNNING)
    assert window.document.undo_stack.count() == 1


def test_dropping_a_board_file_opens_it_and_other_files_are_refused(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    other = tmp_path / "other.json"
    save_board(Board(name="Other customer"), other)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    assert _drag_file(window, tmp_path / "photo.png")[0] is False
    taken, _ = _drag_file(window, other)
    assert taken
    qtbot.waitUntil(lambda: window.document.path == other, timeout=5000)
    assert window.document.board == load_board(other)


# -- the group field -------------------------------------------------------------------------


def test_the_group_is_edited_in_the_inspector_one_undo_step_each(
    qtbot: QtBot, window: MainWindow
) -> None:
    workload_id = window.document.board.workloads[0].id
    window.select(workload_id)
    group = window.inspector.form.editor("group")
    assert isinstance(group, QLineEdit) and group.text() == ""
    assert SPECS["group"].kind == "optional_text" and group.placeholderText()

    def retype(text: str) -> None:
        group.setFocus()
        group.selectAll()
        if text:
            qtbot.keyClicks(group, text)
        else:
            qtbot.keyClick(group, Qt.Key.Key_Delete)
        qtbot.keyClick(group, Qt.Key.Key_Return)

    retype("Shop / payments")
    board = window.document.board
    assert board.workload(workload_id).group == "Shop / payments"
    assert window.document.undo_stack.count() == 1
    retype("x" * 121)
    assert "at most 120 characters" in window.inspector.form.error_text("group")
    assert window.document.board is board
    retype("")  # blank: no group
    assert window.document.board.workload(workload_id).group is None
    assert window.document.undo_stack.count() == 2
    window.actions["undo"].trigger()
    assert window.document.board.workload(workload_id).group == "Shop / payments"
    assert group.text() == "Shop / payments"
