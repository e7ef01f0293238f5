"""Loading and saving board files: JSON, UTF-8, sorted keys, atomic writes, clear errors.

Save writes only what load reads back: at most MAX_WORKLOADS workloads and MAX_FILE_BYTES.

Loading never executes anything: the bytes go through `json.loads`, the schema migrations and
pydantic validation, nothing else.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from whiteboard.gcpause import collector_paused
from whiteboard.model.atomic import write_atomic
from whiteboard.model.board import Board
from whiteboard.model.migrations import SchemaVersionError, migrate
from whiteboard.model.text import visible
from whiteboard.model.workload import DERIVED_FIELDS, FROM_FILE, Workload

#: The largest board file `load_board` reads: a bound on what a hostile file costs.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: JSON objects one board file may hold: a workload is one, and a 20 MB file of real workloads
#: holds well under 100,000 of them.
MAX_JSON_OBJECTS = 1_000_000
#: The most workloads `save_board` writes. More than any earlier version could save and reopen
#: (it wrote every field: some 550 bytes a workload at least, so ~38,100 in 20 MB), so no
#: board that ever reopened is refused; and what the compact format fits in MAX_FILE_BYTES:
#: 40,000 workloads of a typical estate take ~14 MB, ~19.5 MB with every name at its longest
#: (200 characters; tests/model/test_board_size.py). A board bigger still (long ids, groups and
#: dependency lists on every workload) is refused by its size, also before anything is written.
MAX_WORKLOADS = 40_000


class BoardFileError(Exception):
    """A board file could not be read. `str()` is one line: file, field path, problem."""

    def __init__(self, source: str, problem: str, where: str | None = None) -> None:
        self.source = _one_line(source, MAX_SOURCE_CHARS)
        self.where = None if where is None else _one_line(where, MAX_WHERE_CHARS)
        self.problem = _one_line(problem, MAX_PROBLEM_CHARS)
        super().__init__(
            ": ".join(part for part in (self.source, self.where, self.problem) if part)
        )


MAX_SOURCE_CHARS = 300
MAX_WHERE_CHARS = 200
MAX_PROBLEM_CHARS = 300


def _one_line(text: str, limit: int) -> str:
    """`text` fit for one line: control and invisible characters (line breaks, terminal escapes,
    bidi overrides) written as escapes, and cut to `limit` characters with an ellipsis. Field
    paths and problems quote the file's own keys and values, which can hold anything."""
    text = visible(text[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_bounded(path: str | os.PathLike[str], limit: int, what: str = "board files") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; BoardFileError otherwise.

    The file is opened without blocking (a FIFO would wait for a writer forever) and checked
    for being a regular file before anything is read; at most `limit` + 1 bytes are read, so a
    device such as /dev/zero, or a file that grows while it is read, cannot exhaust memory.
    """
    file = Path(path)
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise BoardFileError(str(file), "no such file") from None
    except IsADirectoryError:
        raise BoardFileError(str(file), "is a folder, not a file") from None
    except PermissionError:
        raise BoardFileError(str(file), "permission denied") from None
    except OSError as error:
        raise BoardFileError(str(file), error.strerror or str(error)) from None
    name = file.name or str(file)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise BoardFileError(name, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise BoardFileError(name, "is not a regular file (a device, pipe or socket)")
        if info.st_size > limit:
            raise BoardFileError(
                name, f"is {_size(info.st_size)}; {what} are at most {_size(limit)}"
            )
        chunks, taken = [], 0
        while taken <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - taken))
            if not chunk:
                break
            chunks.append(chunk)
            taken += len(chunk)
    except OSError as error:
        raise BoardFileError(name, error.strerror or str(error)) from None
    finally:
        os.close(fd)
    if taken > limit:
        raise BoardFileError(
            name, f"grew past {_size(limit)} while being read; {what} are at most that"
        )
    return b"".join(chunks)


def _size(count: int) -> str:
    """1 MB and up in MB with at most one decimal, smaller sizes in bytes."""
    if count < 1024 * 1024:
        return f"{count:,} bytes"
    return f"{round(count / 1024 / 1024, 1):g} MB"


def load_board(path: str | os.PathLike[str]) -> Board:
    """Read and validate a board file; any problem raises BoardFileError naming file and field."""
    file = Path(path)
    data = read_bounded(file, MAX_FILE_BYTES)
    return board_from_bytes(data, file.name or str(file))


def board_from_bytes(data: bytes, source: str = "board") -> Board:
    """Parse, migrate and validate the bytes of a board file.

    With the cyclic collector paused: parsing and validating allocate a few objects per
    field of every workload and free none of them, so each collection walks a growing heap for
    nothing (a third of the load of 73,000 workloads)."""
    if len(data) > MAX_FILE_BYTES:
        raise BoardFileError(
            source, f"is larger than {_size(MAX_FILE_BYTES)}; board files are at most that"
        )
    with collector_paused():
        return board_from_raw(parse_json_object(data, source), source)


def board_from_raw(raw: dict[str, Any], source: str = "board") -> Board:
    """Migrate a parsed board file (of any schema version) and validate it."""
    try:
        raw = migrate(raw)
    except SchemaVersionError as error:
        raise BoardFileError(source, str(error)) from None
    return board_from_dict(raw, source)


def board_from_dict(raw: dict[str, Any], source: str = "board") -> Board:
    """Validate a parsed board file, with a file's strict types (no "4" for 4)."""
    raw = _without_derived_flags(raw, source)
    try:
        return Board.model_validate(raw, context={FROM_FILE: True})
    except ValidationError as error:
        where, problem = describe_validation_error(error)
        raise BoardFileError(source, problem, where) from None


def _without_derived_flags(raw: dict[str, Any], source: str) -> dict[str, Any]:
    """Files carry the schema-2 flags for older readers (`DERIVED_FIELDS`); each is dropped
    here once it agrees with the fields it is derived from, and a disagreeing one is named.
    The caller's dicts are left as they were."""
    workloads = raw.get("workloads")
    if not isinstance(workloads, list):
        return raw
    cleaned, changed = [], False
    for index, workload in enumerate(workloads):
        if isinstance(workload, dict) and not DERIVED_FIELDS.keys().isdisjoint(workload):
            workload, changed = dict(workload), True
            for name, derive in DERIVED_FIELDS.items():
                if name in workload:
                    _check_derived(workload, name, derive(workload), source, index)
                    del workload[name]
        cleaned.append(workload)
    return {**raw, "workloads": cleaned} if changed else raw


def _check_derived(
    workload: dict[str, Any], name: str, derived: bool, source: str, index: int
) -> None:
    given = workload[name]
    if given is not derived:
        said = str(given).lower() if isinstance(given, bool) else repr(given)[:40]
        raise BoardFileError(
            source,
            f"is {said}, but the fields it is derived from say {str(derived).lower()}; remove it "
            "(it is written for older tools)",
            f"workloads[{index}].{name}",
        )


def parse_json_object(data: bytes, source: str) -> dict[str, Any]:
    """A JSON object from untrusted bytes: UTF-8, no repeated keys, bounded nesting and object
    count; BoardFileError naming `source` otherwise."""
    if not data.strip():
        raise BoardFileError(source, "is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BoardFileError(
            source, f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    objects = _ObjectReader()
    try:
        raw = json.loads(text, object_pairs_hook=objects)
    except _TooManyObjects:
        raise BoardFileError(
            source, f"holds more than {MAX_JSON_OBJECTS:,} JSON objects; no board has that many"
        ) from None
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            problem = f"the JSON ends too early (line {error.lineno}); is the file truncated?"
        else:
            problem = f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        raise BoardFileError(source, problem) from None
    except RecursionError:
        raise BoardFileError(source, "is nested too deeply to be a board file") from None
    except ValueError:
        # Not a JSONDecodeError: an integer literal longer than Python converts (4,300 digits).
        raise BoardFileError(source, "holds a number with too many digits to read") from None
    if not isinstance(raw, dict):
        raise BoardFileError(source, f"should hold a JSON object, not a {_json_type(raw)}")
    if objects.repeated:
        where, key = _first_duplicate(raw)
        raise BoardFileError(
            source, f"holds the key {key!r} twice; which one is meant is unclear", where or None
        )
    return raw


class _RepeatedKeys(dict):  # type: ignore[type-arg]
    """A JSON object in which a key appeared more than once (the first such key is kept)."""

    repeated: str = ""


class _TooManyObjects(Exception):
    pass


class _ObjectReader:
    """json's object hook: refuses repeated keys and caps how many objects a file may hold.

    JSON allows repeated keys and `json.loads` keeps the last, so
    `{"workloads": [...], "workloads": []}` would silently read as an empty board: an object
    with a repeated key comes back marked, and the loader names it. The cap bounds memory: 20 MB
    of `{},{},...` would otherwise become ten million dicts.
    """

    def __init__(self) -> None:
        self.count = 0
        self.repeated = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        self.count += 1
        if self.count > MAX_JSON_OBJECTS:
            raise _TooManyObjects
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        marked = _RepeatedKeys(result)
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                marked.repeated = key
                break
            seen.add(key)
        self.repeated = True
        return marked


def _first_duplicate(raw: object) -> tuple[str, str]:
    """(field path, key) of the first object, in document order, that repeats a key; called
    only when the parse saw one."""
    stack: list[tuple[tuple[int | str, ...], object]] = [((), raw)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, _RepeatedKeys):
            return format_location(loc), value.repeated
        if isinstance(value, dict):
            children = [((*loc, key), child) for key, child in value.items()]
        elif isinstance(value, list):
            children = [((*loc, index), child) for index, child in enumerate(value)]
        else:
            continue
        stack.extend(reversed([c for c in children if isinstance(c[1], dict | list)]))
    raise AssertionError("a repeated key was seen but not found")


def _json_type(value: object) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null"
    )


def format_location(loc: tuple[int | str, ...]) -> str:
    """('workloads', 0, 'vcpu') -> 'workloads[0].vcpu'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def describe_validation_error(error: ValidationError) -> tuple[str | None, str]:
    """The first problem of a pydantic error as (field path, sentence), plus a count of the rest."""
    errors = error.errors(include_url=False)
    first = errors[0]
    # A bad dict key is reported at the key itself: drop pydantic's "[key]" marker.
    loc = tuple(part for part in first["loc"] if not _is_union_tag(part) and part != "[key]")
    message = first["msg"].removeprefix("Value error, ")
    context = first.get("ctx") or {}
    if first["type"] == "board_reference" and {"where", "problem"} <= context.keys():
        # Cross-field errors of Board carry their own path (the loc is only the model's root).
        loc, message = (), str(context["problem"])
        custom_where: str | None = str(context["where"])
    else:
        custom_where = None
    if first["type"] == "literal_error":
        message = f"{message}, not {first['input']!r}"
    elif first["type"] == "extra_forbidden":
        message = "is not a field whiteboard knows"
    elif first["type"] == "missing":
        message = "is required but missing"
    elif first["type"] == "string_pattern_mismatch":
        message = (
            f"should be a slug (lower-case letters, digits, '-' or '_'), not {first['input']!r}"
        )
    if len(errors) > 1:
        # Collections stop at their first bad item, so the count is a floor.
        more = len(errors) - 1
        message += f" (and at least {more} more problem{'s' if more > 1 else ''})"
    return (custom_where or format_location(loc) or None), message


def _is_union_tag(part: int | str) -> bool:
    return isinstance(part, str) and part in {"int", "none", "float", "str", "bool"}


def board_to_json(board: Board) -> str:
    """The file text: compact JSON with sorted keys, UTF-8 kept readable, final newline; one
    top-level field, one placement or weight, and one whole workload per line, so two saves
    diff line by line.

    A workload field that holds null, false or an empty list, its default, is left out (as the
    schema-2 flags are where false): some 40% of a typical line. Every other field is
    written even at its default, so a line says the workload's size and shape to any reader,
    and a file means the same if a default ever changes. Each line goes through json's C
    encoder: an indented `json.dumps` runs the pure-Python one, which made saving 10,000
    workloads take most of a second."""
    data = board.model_dump(mode="json")
    fields = []
    for key in sorted(data):
        value = data[key]
        if key == "workloads" and value:
            text = _lines("[", map(_dump, map(_file_workload, value)), "]")
        elif isinstance(value, dict) and value:
            text = _lines("{", (f"{_dump(k)}:{_dump(value[k])}" for k in sorted(value)), "}")
        else:
            text = _dump(value)
        fields.append(f"{_dump(key)}:{text}")
    return _lines("{", fields, "}") + "\n"


def _lines(opening: str, items: Iterable[str], closing: str) -> str:
    return f"{opening}\n" + ",\n".join(items) + f"\n{closing}"


def _file_workload(workload: dict[str, Any]) -> dict[str, Any]:
    """A dumped workload as a file holds it: empty defaults left out, the schema-2 flags for
    older readers written where they are true (such a reader takes a missing flag as false)."""
    kept = {
        name: value
        for name, value in workload.items()
        if name not in EMPTY_DEFAULTS or value != EMPTY_DEFAULTS[name]
    }
    for name, derive in DERIVED_FIELDS.items():
        if derive(workload):
            kept[name] = True
    return kept


def _empty_defaults() -> dict[str, object]:
    """Workload field -> its default as JSON, for the fields whose default is null, false or an
    empty list: what a file may leave out and `load_board` fills back in."""
    empty: dict[str, object] = {}
    for name, field in Workload.model_fields.items():
        if field.is_required():
            continue
        default = field.get_default(call_default_factory=True)
        if default is None or default is False or default == ():
            empty[name] = [] if default == () else default
    return empty


EMPTY_DEFAULTS = _empty_defaults()


def _dump(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class BoardTooLargeError(OSError):
    """A board `save_board` refuses, before writing anything, because `load_board` would refuse
    the file. An OSError (EFBIG, "file too large") so that the window and every command report
    it as they report a failed write: `strerror` is the sentence."""


def board_file_bytes(board: Board, path: str | os.PathLike[str] = "board") -> bytes:
    """The bytes `save_board` writes; BoardTooLargeError if the board has more than
    MAX_WORKLOADS workloads or its file would be over MAX_FILE_BYTES. (Its JSON objects, one a
    workload and three more, stay far under MAX_JSON_OBJECTS.)"""
    count = len(board.workloads)
    if count > MAX_WORKLOADS:
        raise BoardTooLargeError(
            errno.EFBIG,
            f"the board has {count:,} workloads, more than the {MAX_WORKLOADS:,} a board file "
            "holds; split it into smaller boards",
            os.fspath(path),
        )
    data = board_to_json(board).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        size, limit = _size(len(data)), _size(MAX_FILE_BYTES)
        if size == limit:
            size, limit = f"{len(data):,} bytes", f"{MAX_FILE_BYTES:,} bytes"
        raise BoardTooLargeError(
            errno.EFBIG,
            f"its file would be {size}, more than the {limit} a board file may be; split the "
            "board or shorten its longest names, groups and dependency lists",
            os.fspath(path),
        )
    return data


def save_board(board: Board, path: str | os.PathLike[str]) -> None:
    """Save atomically: a failed save leaves the old file as it was, and a board whose file
    `load_board` would refuse (BoardTooLargeError) is refused before anything is written."""
    write_atomic(path, board_file_bytes(board, path))
