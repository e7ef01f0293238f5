"""Whatever bytes a board file holds, loading gives a Board or a BoardFileError — nothing else.

Inputs start from valid files and are broken on purpose: random bytes, truncations, byte flips,
and field mutations (wrong types, unknown enum words, negative and huge numbers, deleted
required fields, dangling references, 10,000-deep nesting, files over 20 MB). Every error must
be one readable line that starts with the file name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tests.reliability.strategies import boards
from whiteboard.model import Board, BoardFileError, board_to_json, load_board
from whiteboard.model.io import MAX_FILE_BYTES, board_from_bytes
from whiteboard.paths import DEMO_BOARD

SOURCE = "fuzz.json"
#: A well-formed message is short enough to read in a status bar or a terminal.
MAX_MESSAGE_CHARS = 1000
DEEP = 10_000

_FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_or_error(data: bytes) -> Board | BoardFileError:
    """The only two outcomes allowed; any other exception fails the test where it is raised."""
    try:
        return board_from_bytes(data, SOURCE)
    except BoardFileError as error:
        message = str(error)
        assert message.startswith(f"{SOURCE}: "), message
        assert "\n" not in message and "\r" not in message, repr(message)
        assert len(message) <= MAX_MESSAGE_CHARS, f"{len(message)} characters: {message[:200]}…"
        return error


def _demo_bytes() -> bytes:
    return DEMO_BOARD.read_bytes()


# -- whole-file damage -------------------------------------------------------------------------


@_FUZZ
@given(data=st.binary(max_size=4096))
@example(data=b"")
@example(data=b"\xef\xbb\xbf")
@example(data=b"null")
@example(data=b"[]")
@example(data=b'"board"')
@example(data=b"{}")
@example(data=b'{"schema_version": true}')
@example(data=b'{"schema_version": 1e999}')
@example(data=b"\xff\xfe{\x00}\x00")
@example(data=b"[" * DEEP + b"]" * DEEP)
@example(data=b'{"schema_version": 1, "name": ' + b"9" * 5000 + b"}")
def test_random_bytes_give_a_board_file_error(data: bytes) -> None:
    outcome = load_or_error(data)
    assert isinstance(outcome, BoardFileError)


@_FUZZ
@given(board=boards(max_workloads=4), cut=st.floats(min_value=0, max_value=1))
def test_a_truncated_file_is_reported_never_half_loaded(board: Board, cut: float) -> None:
    data = board_to_json(board).encode("utf-8")
    end = int(len(data.rstrip()) * cut)
    assume(end < len(data.rstrip()))
    outcome = load_or_error(data[:end])
    assert isinstance(outcome, BoardFileError)


@_FUZZ
@given(
    flips=st.lists(
        st.tuples(st.floats(min_value=0, max_value=1), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_flipped_bytes_give_a_board_or_a_board_file_error(
    flips: list[tuple[float, int]],
) -> None:
    data = bytearray(_demo_bytes())
    for where, byte in flips:
        data[min(int(where * len(data)), len(data) - 1)] = byte
    load_or_error(bytes(data))


# -- field mutations ---------------------------------------------------------------------------

#: Stand-ins replaced in the JSON text by what json.dumps cannot write (or writes too slowly).
_DEEP_LIST = "@@deep-list@@"
_DEEP_OBJECT = "@@deep-object@@"
_HUGE_INT = "@@huge-int@@"
_SPLICES = {
    _DEEP_LIST: "[" * DEEP + "]" * DEEP,
    _DEEP_OBJECT: '{"a":' * DEEP + "0" + "}" * DEEP,
    _HUGE_INT: "9" * 5000,
}

WRONG_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    -(10**6),
    10**30,
    2**63,
    -1e308,
    1e308,
    float("inf"),
    float("-inf"),
    float("nan"),
    0.5,
    "",
    " ",
    "unknown-word",
    "EC2",
    "Lambda",
    "PET",
    "x" * 5000,
    "a\nb",
    "\ud800",
    '${file("/etc/passwd")}',
    [],
    [1, 2],
    ["ec2", "ec2"],
    {},
    {"a": 1},
    [[[[[[[[[["deep"]]]]]]]]]],
    _DEEP_LIST,
    _DEEP_OBJECT,
    _HUGE_INT,
)


def _slots(raw: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Every place a mutation can hit: (container path..., key) to a value in the raw dict."""
    slots: list[tuple[Any, ...]] = [(key,) for key in raw]
    workloads = raw.get("workloads")
    for index, workload in enumerate(workloads if isinstance(workloads, list) else []):
        slots.append(("workloads", index))
        if not isinstance(workload, dict):
            continue
        slots.extend(("workloads", index, key) for key in workload)
        for key in ("depends_on", "compliance"):
            items = workload.get(key)
            if isinstance(items, list):
                slots.extend(("workloads", index, key, n) for n in range(len(items)))
    for key in ("placements", "weights"):
        mapping = raw.get(key)
        if isinstance(mapping, dict):
            slots.extend((key, inner) for inner in mapping)
    return slots


def _parent(raw: dict[str, Any], slot: tuple[Any, ...]) -> Any:
    container: Any = raw
    for part in slot[:-1]:
        container = container[part]
    return container


def _set(raw: dict[str, Any], slot: tuple[Any, ...], value: Any) -> None:
    _parent(raw, slot)[slot[-1]] = value


def _delete(raw: dict[str, Any], slot: tuple[Any, ...]) -> None:
    del _parent(raw, slot)[slot[-1]]


def _rename(raw: dict[str, Any], slot: tuple[Any, ...], new_key: str) -> None:
    parent = _parent(raw, slot)
    if isinstance(parent, dict):
        parent[new_key] = parent.pop(slot[-1])
    else:
        parent[slot[-1]] = new_key  # a list item: the "key" is the reference itself


def _dumps(raw: dict[str, Any]) -> bytes:
    text = json.dumps(raw)
    for stand_in, replacement in _SPLICES.items():
        text = text.replace(json.dumps(stand_in), replacement)
    return text.encode("utf-8")


Mutation = Callable[[dict[str, Any]], None]


@st.composite
def mutations(draw: st.DrawFn, raw: dict[str, Any]) -> Mutation:
    slot = draw(st.sampled_from(_slots(raw)))
    kind = draw(st.sampled_from(("set", "delete", "rename", "unknown-key", "dangling")))
    if kind == "set":
        value = draw(st.sampled_from(WRONG_VALUES) | st.integers() | st.floats() | st.text())
        return lambda target: _set(target, slot, value)
    if kind == "delete":
        return lambda target: _delete(target, slot)
    if kind == "rename":
        new_key = draw(st.sampled_from(("unknown_field", "Name", "id ", "", "ghost-workload")))
        return lambda target: _rename(target, slot, new_key)
    if kind == "unknown-key":
        return lambda target: target.__setitem__("colour", "blue")

    def dangling(target: dict[str, Any]) -> None:
        workloads = target.get("workloads")
        if isinstance(workloads, list) and workloads and isinstance(workloads[0], dict):
            workloads[0]["depends_on"] = [*(workloads[0].get("depends_on") or []), "no-such"]
        target["placements"] = {"also-missing": "ec2"}

    return dangling


@_FUZZ
@given(data=st.data(), board=boards(max_workloads=4), count=st.integers(1, 4))
def test_mutated_fields_give_a_board_or_a_board_file_error(
    data: st.DataObject, board: Board, count: int
) -> None:
    raw = json.loads(board_to_json(board))
    for _ in range(count):
        if not _slots(raw):
            break
        try:
            data.draw(mutations(raw))(raw)
        except (KeyError, IndexError, TypeError, AttributeError):
            break  # an earlier mutation removed or replaced what this one aimed at
    load_or_error(_dumps(raw))


@pytest.mark.parametrize("value", WRONG_VALUES, ids=lambda v: repr(v)[:30])
@pytest.mark.parametrize(
    "field", ["vcpu", "architecture", "traffic", "stateful", "max_runtime_s", "depends_on"]
)
def test_a_wrong_workload_field_names_its_path(field: str, value: Any) -> None:
    raw = json.loads(_demo_bytes())
    raw["workloads"][1][field] = value
    outcome = load_or_error(_dumps(raw))
    if isinstance(outcome, Board):
        # pydantic's lax mode takes a few near-misses (true for 1.0 vCPU); they load as equal.
        loaded = getattr(outcome.workloads[1], field)
        assert loaded == (tuple(value) if isinstance(value, list) else value)
    elif not any(whole in outcome.problem for whole in ("nested too deeply", "digits")):
        assert outcome.where is not None
        assert outcome.where.startswith(f"workloads[1].{field}"), str(outcome)


@pytest.mark.parametrize(
    ("break_it", "where"),
    [
        (lambda raw: raw.pop("name"), "name"),
        (lambda raw: raw["workloads"][0].pop("id"), "workloads[0].id"),
        (
            lambda raw: raw["workloads"][2].__setitem__("id", raw["workloads"][0]["id"]),
            "workloads[2].id",
        ),
        (
            lambda raw: raw["workloads"][0].__setitem__("depends_on", ["ghost"]),
            "workloads[0].depends_on",
        ),
        (lambda raw: raw["placements"].__setitem__("ghost", "ec2"), "placements.ghost"),
        (lambda raw: raw["weights"].__setitem__("security", -1), "weights"),
        (lambda raw: raw["weights"].__setitem__("happiness", 1), "weights.happiness"),
        (lambda raw: raw["workloads"][0].__setitem__("os", "macos"), "workloads[0].os"),
    ],
)
def test_each_kind_of_damage_names_the_field(
    break_it: Callable[[dict[str, Any]], object], where: str
) -> None:
    raw = json.loads(_demo_bytes())
    break_it(raw)
    outcome = load_or_error(_dumps(raw))
    assert isinstance(outcome, BoardFileError)
    assert outcome.where == where, str(outcome)


def test_a_placement_on_an_unknown_target_is_an_error() -> None:
    raw = json.loads(_demo_bytes())
    placed = next(iter(raw["placements"]))
    raw["placements"][placed] = "mainframe"
    outcome = load_or_error(_dumps(raw))
    assert isinstance(outcome, BoardFileError)
    assert outcome.where == f"placements.{placed}"
    assert "'mainframe'" in outcome.problem


# -- the extremes ------------------------------------------------------------------------------


@pytest.mark.parametrize("splice", [_DEEP_LIST, _DEEP_OBJECT])
@pytest.mark.parametrize("field", ["name", "notes", "workloads", "placements", "weights", "extra"])
def test_ten_thousand_levels_of_nesting_anywhere_are_reported(splice: str, field: str) -> None:
    raw = json.loads(_demo_bytes())
    raw[field] = splice
    outcome = load_or_error(_dumps(raw))
    assert isinstance(outcome, BoardFileError)
    assert "nested too deeply" in outcome.problem


def test_a_number_too_long_to_convert_is_reported() -> None:
    """Python refuses int literals over 4,300 digits with a bare ValueError, no JSONDecodeError."""
    raw = json.loads(_demo_bytes())
    raw["workloads"][0]["vcpu"] = _HUGE_INT
    outcome = load_or_error(_dumps(raw))
    assert isinstance(outcome, BoardFileError)
    assert "number" in outcome.problem


def test_an_unknown_key_with_a_line_break_still_gives_one_line() -> None:
    raw = json.loads(_demo_bytes())
    raw["placements"]["evil\nline\r\x1b[31m"] = "ec2"
    outcome = load_or_error(_dumps(raw))
    assert isinstance(outcome, BoardFileError)
    assert "\x1b" not in str(outcome)


def test_a_huge_wrong_value_gives_a_short_message() -> None:
    raw = json.loads(_demo_bytes())
    placed = next(iter(raw["placements"]))
    raw["placements"][placed] = "x" * 1_000_000
    outcome = load_or_error(_dumps(raw))
    assert isinstance(outcome, BoardFileError)
    assert outcome.where == f"placements.{placed}"


def test_a_file_over_20_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    raw = json.loads(_demo_bytes())
    raw["notes"] = "n" * (MAX_FILE_BYTES + 1)
    path = tmp_path / "huge.json"
    path.write_bytes(_dumps(raw))
    with pytest.raises(BoardFileError, match=r"^huge\.json: .*20 MB"):
        load_board(path)
    assert isinstance(load_or_error(path.read_bytes()), BoardFileError)


def test_a_file_of_exactly_20_mb_is_not_refused_for_its_size(tmp_path: Path) -> None:
    data = _demo_bytes()
    path = tmp_path / "padded.json"
    path.write_bytes(data + b" " * (MAX_FILE_BYTES - len(data)))
    assert load_board(path) == board_from_bytes(data)
    path.write_bytes(data + b" " * (MAX_FILE_BYTES + 1 - len(data)))
    with pytest.raises(BoardFileError, match="20 MB"):
        load_board(path)
