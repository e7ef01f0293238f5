"""The migration chain runs on the raw dict before validation, one step per version."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from whiteboard.model import SCHEMA_VERSION, Board, BoardFileError, board_to_json, load_board
from whiteboard.model.io import EMPTY_DEFAULTS, board_from_raw
from whiteboard.model.migrations import MIGRATIONS, SchemaVersionError, migrate

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_there_is_a_fixture_for_every_schema_version() -> None:
    for version in range(1, SCHEMA_VERSION + 1):
        board = load_board(FIXTURES / f"board_v{version}.json")
        assert board.schema_version == SCHEMA_VERSION
        assert board.workloads, f"fixture v{version} should hold workloads"


def test_every_version_below_current_has_a_migration_step() -> None:
    assert set(MIGRATIONS) == set(range(1, SCHEMA_VERSION))


def test_chain_runs_each_step_in_order() -> None:
    calls: list[int] = []

    def v1_to_v2(raw: dict) -> dict:
        calls.append(1)
        title = raw.pop("name")
        return {**raw, "title": title}

    def v2_to_v3(raw: dict) -> dict:
        calls.append(2)
        return {**raw, "notes": raw.get("notes", "") + " (migrated)"}

    result = migrate(
        {"schema_version": 1, "name": "Old", "notes": "n"},
        migrations={1: v1_to_v2, 2: v2_to_v3},
        current=3,
    )
    assert calls == [1, 2]
    assert result == {"schema_version": 3, "title": "Old", "notes": "n (migrated)"}


def test_current_version_passes_through_untouched() -> None:
    raw = {"schema_version": SCHEMA_VERSION, "name": "x"}
    assert migrate(dict(raw)) == raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"schema_version": 9},
            f"made by a newer whiteboard (schema 9); this one reads up to {SCHEMA_VERSION}",
        ),
        ({"schema_version": "1"}, "should be a whole number"),
        ({"schema_version": True}, "should be a whole number"),
        ({"schema_version": 0}, "not a version whiteboard ever wrote"),
        ({}, "is missing"),
    ],
)
def test_bad_versions_are_explained(raw: dict, message: str) -> None:
    with pytest.raises(SchemaVersionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        migrate(raw)


def test_a_gap_in_the_chain_is_reported() -> None:
    with pytest.raises(SchemaVersionError, match="no migration from schema 1 to 2"):
        migrate({"schema_version": 1}, migrations={}, current=2)


def test_a_schema_1_board_loads_as_the_2018_edition_unchanged() -> None:
    """The committed fixture of the version before editions: the same workloads, placements,
    weights and notes, told as the 2018 story it was made with."""
    raw = json.loads((FIXTURES / "board_v1.json").read_text(encoding="utf-8"))
    board = load_board(FIXTURES / "board_v1.json")
    assert board.edition == "2018"
    assert board.placements == raw["placements"]
    assert [w.id for w in board.workloads] == [w["id"] for w in raw["workloads"]]
    assert board.weights == {k: float(v) for k, v in raw["weights"].items()}
    assert (board.name, board.notes) == (raw["name"], raw["notes"])
    # As saved: with the schema-2 flags a schema-1 reader looks for (written where true), and
    # the fields that hold null, false or an empty list left out.
    dumped = json.loads(board_to_json(board))
    for workload, original in zip(dumped["workloads"], raw["workloads"], strict=True):
        flags = {"hardware_access": False, "license_requires_physical": False}
        workload = {**flags, **EMPTY_DEFAULTS, **workload}
        assert {k: workload[k] for k in original} == {
            k: list(v) if isinstance(v, list) else v for k, v in original.items()
        }


def test_the_schema_2_fixture_tells_the_2026_edition_with_the_new_targets() -> None:
    board = load_board(FIXTURES / "board_v2.json")
    assert board.edition == "2026"
    assert {"managed_containers", "lambda_managed"} <= set(board.placements.values())


def test_a_new_board_starts_on_the_newest_edition() -> None:
    assert Board(name="New").edition == "2026"


def test_a_placement_outside_the_boards_edition_is_refused() -> None:
    raw = json.loads((FIXTURES / "board_v2.json").read_text(encoding="utf-8"))
    raw["edition"] = "2018"
    with pytest.raises(BoardFileError, match="is not part of the 2018 edition"):
        board_from_raw(raw, "board.json")


def test_schema_2_flags_migrate_conservatively() -> None:
    """The committed schema-2 fixture: each split flag maps onto both needs it covered, and
    the interface keeps functions exactly as blocked as the old always-on rule did."""
    board = load_board(FIXTURES / "board_v2.json")
    by_id = {w.id: w for w in board.workloads}
    assert by_id["orders-db"].licence == "no_hypervisor"
    assert by_id["web-shop"].licence == "none"
    lab = by_id["perf-lab"]
    assert (lab.hardware_counters, lab.hardware_virtualisation) == (True, True)
    assert not by_id["web-shop"].hardware_counters
    assert by_id["web-shop"].interface == "long_lived_connections"  # always on
    assert by_id["nightly-etl"].interface == "none"  # has a run time


def test_saves_still_write_the_schema_2_flags_for_other_tools() -> None:
    raw_v2 = json.loads((FIXTURES / "board_v2.json").read_text(encoding="utf-8"))
    saved = json.loads(board_to_json(load_board(FIXTURES / "board_v2.json")))
    for old, new in zip(raw_v2["workloads"], saved["workloads"], strict=True):
        # Written where true; a schema-2 reader takes a missing flag as false.
        assert new.get("hardware_access", False) is old.get("hardware_access", False)
        assert new.get("license_requires_physical", False) is old.get(
            "license_requires_physical", False
        )
    assert any("hardware_access" in w for w in saved["workloads"])
    assert not all("hardware_access" in w for w in saved["workloads"])
    # ...and reading the save back agrees with itself.
    assert (
        board_from_raw(saved, "saved.json").workloads
        == load_board(FIXTURES / "board_v2.json").workloads
    )


def test_a_derived_flag_that_disagrees_is_named() -> None:
    raw = json.loads((FIXTURES / "board_v3.json").read_text(encoding="utf-8"))
    raw["workloads"][0]["hardware_access"] = True
    with pytest.raises(
        BoardFileError, match=r"workloads\[0\]\.hardware_access: is true, but the fields it is"
    ):
        board_from_raw(raw, "board.json")


def test_a_schema_2_flag_that_is_not_a_boolean_is_reported_where_it_was() -> None:
    raw = json.loads((FIXTURES / "board_v2.json").read_text(encoding="utf-8"))
    raw["workloads"][0]["license_requires_physical"] = "yes"
    with pytest.raises(BoardFileError, match="license_requires_physical"):
        board_from_raw(raw, "board.json")


USAGE_FIELDS = ("hours_per_month", "runs_per_month", "requests_per_month", "avg_duration_ms")


def test_the_schema_3_fixture_migrates_with_no_usage_given() -> None:
    """Schema 4 adds how much a workload runs; a schema-3 board said nothing about it, so
    every usage field is null (the estimate's documented defaults apply) and the rest is kept
    (then schema 5 adds a null group)."""
    raw = json.loads((FIXTURES / "board_v3.json").read_text(encoding="utf-8"))
    assert raw["schema_version"] == 3
    migrated = migrate(json.loads((FIXTURES / "board_v3.json").read_text(encoding="utf-8")))
    assert migrated == {**raw, "schema_version": SCHEMA_VERSION}
    board = load_board(FIXTURES / "board_v3.json")
    assert board.schema_version == SCHEMA_VERSION
    assert [w.id for w in board.workloads] == [w["id"] for w in raw["workloads"]]
    assert board.placements == raw["placements"]
    for workload in board.workloads:
        assert {name: getattr(workload, name) for name in USAGE_FIELDS} == dict.fromkeys(
            USAGE_FIELDS
        )
    # Saved, its fields are the schema-3 ones (the usage and group are null, left out).
    saved = json.loads(board_to_json(board))
    assert saved["schema_version"] == SCHEMA_VERSION
    for new, old in zip(saved["workloads"], raw["workloads"], strict=True):
        assert new == _as_saved(old)


def test_the_schema_4_fixture_migrates_to_5_with_no_group_and_keeps_its_usage() -> None:
    """Schema 5 adds a workload's group; a schema-4 board had none, so every group is null,
    and the usage typed on a few workloads is kept."""
    raw = json.loads((FIXTURES / "board_v4.json").read_text(encoding="utf-8"))
    assert raw["schema_version"] == 4
    assert migrate(
        json.loads((FIXTURES / "board_v4.json").read_text(encoding="utf-8")), current=5
    ) == {**raw, "schema_version": 5}
    board = load_board(FIXTURES / "board_v4.json")
    assert board.schema_version == 6
    assert all(w.group is None for w in board.workloads)
    usage = {
        w.id: {name: getattr(w, name) for name in USAGE_FIELDS if getattr(w, name) is not None}
        for w in board.workloads
    }
    assert usage["nightly-etl"] == {"runs_per_month": 30}
    assert usage["web-shop"] == {"requests_per_month": 8_000_000, "avg_duration_ms": 120.0}
    assert usage["perf-lab"] == {"hours_per_month": 160.0}
    saved = json.loads(board_to_json(board))
    for new, old in zip(saved["workloads"], raw["workloads"], strict=True):
        assert new == _as_saved(old)  # the null group left out


def _as_saved(workload: dict) -> dict:
    """A workload as a file holds it: the fields at their null, false or empty default left
    out."""
    empty = EMPTY_DEFAULTS
    return {
        k: v
        for k, v in workload.items()
        if not (k in empty and type(v) is type(empty[k]) and v == empty[k])
    }


def test_the_schema_5_fixture_round_trips_its_groups() -> None:
    """The committed schema-5 board (the v4 fixture with groups on a few workloads, in the
    indented layout saves had before issue 18) loads; saved compact, it loads back equal and
    saves to the very same text."""
    text = (FIXTURES / "board_v5.json").read_text(encoding="utf-8")
    board = load_board(FIXTURES / "board_v5.json")
    assert board_from_raw(json.loads(text), "saved.json") == board
    saved = board_to_json(board)
    assert board_from_raw(json.loads(saved), "saved.json") == board
    assert board_to_json(board_from_raw(json.loads(saved), "saved.json")) == saved
    groups = {w.id: w.group for w in board.workloads if w.group is not None}
    assert groups == {"web-shop": "Shop", "catalog-api": "Shop", "nightly-etl": "Reporting"}
    # A whole count stays a whole number in the file.
    assert '"requests_per_month": 8000000,' in text and '"runs_per_month": 30,' in text
    assert '"requests_per_month":8000000,' in saved and '"runs_per_month":30,' in saved


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hours_per_month", 745, "less than or equal to 744"),
        ("hours_per_month", 0, "greater than 0"),
        ("runs_per_month", 1.5, "valid integer"),
        ("runs_per_month", "30", "should be a number, not the text '30'"),
        ("requests_per_month", -1, "greater than or equal to 0"),
        ("avg_duration_ms", True, "should be a number, not true"),
    ],
)
def test_a_bad_usage_value_in_a_file_is_named(field: str, value: object, message: str) -> None:
    raw = json.loads((FIXTURES / "board_v3.json").read_text(encoding="utf-8"))
    raw["schema_version"] = 4
    raw["workloads"][0][field] = value
    with pytest.raises(BoardFileError, match=rf"board\.json: workloads\[0\]\.{field}: "):
        board_from_raw(raw, "board.json")
    with pytest.raises(BoardFileError, match=re.escape(message)):
        board_from_raw(raw, "board.json")


def test_an_average_longer_than_the_longest_run_is_refused() -> None:
    raw = json.loads((FIXTURES / "board_v3.json").read_text(encoding="utf-8"))
    raw["schema_version"] = 4
    thumbnails = next(w for w in raw["workloads"] if w["id"] == "thumbnails")  # 30 s at most
    thumbnails["avg_duration_ms"] = 30_000
    assert board_from_raw(raw, "board.json").workload("thumbnails").avg_duration_ms == 30_000
    thumbnails["avg_duration_ms"] = 30_001
    with pytest.raises(BoardFileError, match="an average cannot exceed the longest"):
        board_from_raw(raw, "board.json")


def test_the_schema_5_fixture_migrates_to_6_with_no_port() -> None:
    """Schema 6 adds the port a workload listens on; a schema-5 board named none, so every
    port is null (the usual port for its kind) and nothing else changes."""
    raw = json.loads((FIXTURES / "board_v5.json").read_text(encoding="utf-8"))
    assert raw["schema_version"] == 5
    assert migrate(json.loads((FIXTURES / "board_v5.json").read_text(encoding="utf-8"))) == {
        **raw,
        "schema_version": 6,
    }
    board = load_board(FIXTURES / "board_v5.json")
    assert board.schema_version == 6
    assert all(w.port is None for w in board.workloads)


def test_the_schema_6_fixture_round_trips_its_ports() -> None:
    board = load_board(FIXTURES / "board_v6.json")
    ports = {w.id: w.port for w in board.workloads if w.port is not None}
    assert ports == {"web-shop": 8080, "orders-db": 5432}
    saved = board_to_json(board)
    assert board_to_json(board_from_raw(json.loads(saved), "saved.json")) == saved


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "greater than or equal to 1"),
        (65_536, "less than or equal to 65535"),
        (80.5, "valid integer"),
        ("80", "should be a number, not the text '80'"),
        (True, "should be a number, not true"),
    ],
)
def test_a_bad_port_in_a_file_is_named(value: object, message: str) -> None:
    raw = json.loads((FIXTURES / "board_v6.json").read_text(encoding="utf-8"))
    raw["workloads"][1]["port"] = value
    with pytest.raises(BoardFileError, match=r"board\.json: workloads\[1\]\.port: "):
        board_from_raw(raw, "board.json")
    with pytest.raises(BoardFileError, match=re.escape(message)):
        board_from_raw(raw, "board.json")
