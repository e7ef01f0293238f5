"""The form's pure logic: field specs, typed text -> values, errors per field (no display); and
the usage fields typed into the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from tests.gui.conftest import card_point
from whiteboard.cost.usage import (
    DEFAULT_AVG_DURATION_MS,
    DEFAULT_REQUESTS_PER_MONTH,
    DEFAULT_RUNS_PER_MONTH,
)
from whiteboard.gui.main_window import MainWindow
from whiteboard.gui.placement import neighbour
from whiteboard.gui.workload_fields import (
    FIELDS,
    SPECS,
    USAGE_FIELDS,
    display_value,
    parse,
    placeholder,
    shows,
    validate_field,
    validate_new,
)
from whiteboard.model import Board, Workload
from whiteboard.model.vocab import EDITION_TARGETS


def test_every_workload_field_has_a_spec_in_model_order() -> None:
    assert [spec.name for spec in FIELDS] == list(Workload.model_fields)
    assert SPECS["architecture"].choices == ("pet", "cattle")
    assert SPECS["max_runtime_s"].kind == "optional_int"
    assert SPECS["compliance"].kind == "list"


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("max_runtime_s", " ", None),
        ("max_runtime_s", "900", "900"),
        ("compliance", "pci, , hipaa ", ["pci", "hipaa"]),
        ("gpu", True, True),
    ],
)
def test_parse(name: str, raw: str | bool, value: object) -> None:
    assert parse(SPECS[name], raw) == value


@pytest.mark.parametrize(
    ("name", "raw", "error"),
    [
        ("vcpu", "abc", "'abc' is not a number"),
        ("max_runtime_s", "1.5", "'1.5' is not a whole number"),
        ("name", "", "must not be empty"),
        ("depends_on", "nowhere", "no workload with id 'nowhere'"),
        ("depends_on", "payments", "'payments' cannot depend on itself"),
        ("compliance", "PCI DSS", "use lower-case letters, digits, '-' or '_' (e.g. web-shop)"),
    ],
)
def test_one_clear_sentence_per_bad_field(
    demo_board: Board, name: str, raw: str, error: str
) -> None:
    workload, message = validate_field(demo_board.workload("payments"), demo_board, name, raw)
    assert workload is None
    assert message == error


def test_a_good_field_gives_the_edited_workload(demo_board: Board) -> None:
    workload, message = validate_field(demo_board.workload("payments"), demo_board, "vcpu", "8")
    assert message is None and workload is not None and workload.vcpu == 8


def test_new_workload_reports_every_problem_at_once(demo_board: Board) -> None:
    workload, errors = validate_new(
        demo_board, {"id": "payments", "name": "x", "vcpu": "0", "depends_on": "ghost"}
    )
    assert workload is None
    assert set(errors) == {"id", "vcpu", "depends_on"}


@pytest.mark.parametrize(
    ("edition", "target", "step", "result"),
    [
        ("2018", "ec2", 1, "containers"),
        ("2018", "containers", 1, "fargate"),
        ("2026", "containers", 1, "managed_containers"),
        ("2026", "fargate", 1, "lambda_managed"),
        ("2018", "lambda", 1, "lambda"),
        ("2018", "bare_metal", -1, "bare_metal"),
        ("2026", None, 1, "bare_metal"),
        ("2026", None, -1, "lambda"),
    ],
)
def test_neighbour_columns(edition: str, target: str | None, step: int, result: str) -> None:
    assert neighbour(target, step, EDITION_TARGETS[edition]) == result  # type: ignore[arg-type]


def test_the_new_fields_can_be_set_from_the_form() -> None:
    """The schema-2 flags are derived for files only: editing the fields they derive from is
    never refused as a disagreement."""
    from whiteboard.gui.workload_fields import validate_field
    from whiteboard.model import Board, Workload

    workload = Workload(id="a", name="A")
    board = Board(name="b", workloads=(workload,))
    for name, raw in (
        ("hardware_counters", True),
        ("hardware_virtualisation", True),
        ("licence", "byol_per_core"),
        ("licence", "no_hypervisor"),
        ("interface", "long_lived_connections"),
    ):
        edited, problem = validate_field(workload, board, name, raw)
        assert problem is None and edited is not None, (name, problem)
        assert getattr(edited, name) == raw


# -- how much a workload runs -------------------------------------------------------------------


def test_the_usage_fields_are_optional_numbers_with_readable_labels() -> None:
    assert USAGE_FIELDS == (
        "hours_per_month",
        "runs_per_month",
        "requests_per_month",
        "avg_duration_ms",
    )
    for name in USAGE_FIELDS:
        assert SPECS[name].kind == "optional_int" and SPECS[name].default is None
    assert SPECS["requests_per_month"].label == "Requests a month"
    assert SPECS["avg_duration_ms"].label == "Average request (ms)"


def test_the_placeholder_names_the_default_for_the_workloads_traffic(demo_board: Board) -> None:
    def hints(workload_id: str) -> list[str]:
        w = demo_board.workload(workload_id)
        return [placeholder(SPECS[name], w) for name in USAGE_FIELDS]

    # A service (web shop: spiky, no run time); its own requests do not hide the default.
    assert demo_board.workload("web-shop").requests_per_month == 6_000_000
    assert hints("web-shop") == [
        "default: all month (730 h)",
        "not used: a service is counted by hours and requests",
        f"default: {DEFAULT_REQUESTS_PER_MONTH['spiky']:,} for spiky traffic",
        f"default: {DEFAULT_AVG_DURATION_MS:g} ms",
    ]
    assert placeholder(SPECS["requests_per_month"], demo_board.workload("orders-db")) == (
        "default: 10,000,000 for steady traffic"
    )
    # A job (thumbnails: 30 s runs nobody connects to) is counted by its runs only.
    assert hints("thumbnails") == [
        "not used: a job is counted by its runs",
        f"default: {DEFAULT_RUNS_PER_MONTH['event_driven']:,} for event-driven traffic",
        "not used: a job is counted by its runs",
        "not used: a job is counted by its runs",
    ]
    # Other fields keep their fixed hint; without a workload (the new-workload dialog) too.
    assert placeholder(SPECS["max_runtime_s"], None) == "empty = runs continuously"
    assert placeholder(SPECS["runs_per_month"], None) == "empty = the default for its traffic"


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("requests_per_month", "", None),
        ("requests_per_month", "10,000,000", "10000000"),
        ("requests_per_month", "10 000 000", "10000000"),
        ("runs_per_month", "1_000", "1000"),
        ("hours_per_month", "1,5", "1,5"),  # no thousands separator: refused below
        ("avg_duration_ms", "1,250.5", "1250.5"),
        ("max_runtime_s", "1,000", "1,000"),  # only the usage counts read separators
    ],
)
def test_usage_counts_may_be_typed_as_the_placeholders_write_them(
    name: str, raw: str, value: object
) -> None:
    assert parse(SPECS[name], raw) == value


def test_usage_values_show_grouped_and_typed_text_still_matches() -> None:
    spec = SPECS["requests_per_month"]
    assert display_value(spec, 12_000_000) == "12,000,000"
    assert display_value(SPECS["avg_duration_ms"], 85.5) == "85.5"
    assert shows(spec, "12000000", 12_000_000) and shows(spec, "12,000,000", 12_000_000)
    assert shows(spec, "", None) and not shows(spec, "", 12_000_000)
    assert not shows(spec, "12000001", 12_000_000) and not shows(spec, "lots", 12_000_000)
    assert shows(SPECS["vcpu"], "4.0", 4.0)


@pytest.mark.parametrize(
    ("workload_id", "name", "raw", "error"),
    [
        ("web-shop", "hours_per_month", "800", "must be at most 744"),
        ("web-shop", "hours_per_month", "0", "must be greater than 0"),
        ("web-shop", "hours_per_month", "1,5", "'1,5' is not a number"),
        ("web-shop", "requests_per_month", "-1", "must be at least 0"),
        ("web-shop", "requests_per_month", "lots", "'lots' is not a whole number"),
        ("nightly-etl", "runs_per_month", "1.5", "'1.5' is not a whole number"),
        ("web-shop", "avg_duration_ms", "nan", "'nan' is not a finite number"),
        (
            "webhooks",
            "avg_duration_ms",
            "10001",
            "avg_duration_ms (10001 ms) is longer than max_runtime_s allows (10 s): an average "
            "cannot exceed the longest",
        ),
    ],
)
def test_a_bad_usage_value_is_one_sentence(
    demo_board: Board, workload_id: str, name: str, raw: str, error: str
) -> None:
    workload, message = validate_field(demo_board.workload(workload_id), demo_board, name, raw)
    assert (workload, message) == (None, error)


def _select(qtbot: QtBot, window: MainWindow, workload_id: str) -> None:
    """A click on the workload's card, or on its row of the list when it is not placed."""
    if window.document.board.placement(workload_id) is not None:
        view, point = window.slide_view.viewport(), card_point(window, workload_id)
    else:
        items = window.workload_list.list
        row = next(
            r
            for r in range(items.count())
            if items.item(r).data(Qt.ItemDataRole.UserRole) == workload_id
        )
        view, point = items.viewport(), items.visualItemRect(items.item(row)).center()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point)
    assert window.selected == workload_id


def _line(window: MainWindow, name: str) -> QLineEdit:
    editor = window.inspector.form.editor(name)
    assert isinstance(editor, QLineEdit)
    return editor


def _retype(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    if text:
        qtbot.keyClicks(editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_typing_usage_in_the_window_is_one_undo_step_each(qtbot: QtBot, window: MainWindow) -> None:
    _select(qtbot, window, "web-shop")
    requests = _line(window, "requests_per_month")
    assert requests.text() == "6,000,000"
    assert requests.placeholderText() == "default: 5,000,000 for spiky traffic"

    # Emptied: back to the default, which the placeholder names.
    _retype(qtbot, requests, "")
    assert window.document.board.workload("web-shop").requests_per_month is None
    assert window.document.undo_stack.count() == 1

    # Typed without separators: shown as typed, and still replaced by an undo below.
    _retype(qtbot, requests, "12000000")
    assert window.document.board.workload("web-shop").requests_per_month == 12_000_000
    duration = _line(window, "avg_duration_ms")
    assert duration.text() == "" and duration.placeholderText() == "default: 200 ms"
    _retype(qtbot, duration, "85.5")
    hours = _line(window, "hours_per_month")
    _retype(qtbot, hours, "360")
    web = window.document.board.workload("web-shop")
    assert (web.requests_per_month, web.avg_duration_ms, web.hours_per_month) == (
        12_000_000,
        85.5,
        360,
    )
    assert window.document.undo_stack.count() == 4

    # Each undo takes back one field, and the form shows it again.
    window.actions["undo"].trigger()
    assert window.document.board.workload("web-shop").hours_per_month is None
    assert hours.text() == ""
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    assert window.document.board.workload("web-shop").requests_per_month is None
    assert requests.text() == ""
    window.actions["undo"].trigger()
    assert requests.text() == "6,000,000"


def test_a_bad_usage_value_shows_inline_and_changes_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    _select(qtbot, window, "webhooks")  # at most 10 s a run
    before = window.document.board
    duration = _line(window, "avg_duration_ms")
    _retype(qtbot, duration, "12000")
    assert window.inspector.form.error_text("avg_duration_ms").startswith(
        "avg_duration_ms (12000 ms) is longer than max_runtime_s allows (10 s)"
    )
    assert duration.text() == "12000"
    _retype(qtbot, _line(window, "hours_per_month"), "800")
    assert window.inspector.form.error_text("hours_per_month") == "must be at most 744"
    assert window.document.board is before and window.document.undo_stack.count() == 0
    _retype(qtbot, duration, "350")
    assert window.inspector.form.error_text("avg_duration_ms") == ""
    assert window.document.board.workload("webhooks").avg_duration_ms == 350


def test_the_placeholder_follows_the_traffic_and_the_run_time(
    qtbot: QtBot, window: MainWindow
) -> None:
    _select(qtbot, window, "web-shop")
    requests, runs = _line(window, "requests_per_month"), _line(window, "runs_per_month")
    traffic = window.inspector.form.editor("traffic")
    assert isinstance(traffic, QComboBox) and traffic.currentData() == "spiky"
    traffic.setFocus()
    qtbot.keyClick(traffic, Qt.Key.Key_Down)  # -> event_driven
    assert window.document.board.workload("web-shop").traffic == "event_driven"
    assert requests.placeholderText() == "default: 1,000,000 for event-driven traffic"
    assert runs.placeholderText() == "not used: a service is counted by hours and requests"

    # A nightly job: counted by its runs, whose default follows its traffic.
    _select(qtbot, window, "nightly-etl")
    runs = _line(window, "runs_per_month")
    assert runs.text() == "30"
    assert runs.placeholderText() == "default: 30 for idle traffic"
    assert _line(window, "requests_per_month").placeholderText() == (
        "not used: a job is counted by its runs"
    )
    _retype(qtbot, _line(window, "max_runtime_s"), "")  # now an always-on service
    assert window.document.board.workload("nightly-etl").max_runtime_s is None
    assert _line(window, "requests_per_month").placeholderText() == (
        "default: 100,000 for idle traffic"
    )
