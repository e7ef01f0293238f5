"""The form's pure logic: field specs, typed text -> values, errors per field (no display)."""

from __future__ import annotations

import pytest

from whiteboard.gui.placement import neighbour
from whiteboard.gui.workload_fields import FIELDS, SPECS, parse, validate_field, validate_new
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
