"""The workload form's pure logic (no Qt): which fields, how typed text becomes a value, and how
pydantic's errors become one sentence per field. Tested without a display.
"""

from __future__ import annotations

import math
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args, get_origin

from pydantic import ValidationError

from whiteboard.cost.prices import default_prices
from whiteboard.cost.usage import USAGE_WORDS, count, usage_of
from whiteboard.model import Board, Workload

FieldKind = Literal["text", "optional_text", "number", "optional_int", "bool", "choice", "list"]

LABELS = {
    "id": "Id",
    "name": "Name",
    "kind": "Kind",
    "group": "Group",
    "architecture": "Architecture",
    "stateful": "Keeps state on its compute",
    "max_runtime_s": "Max run time (s)",
    "port": "Port",
    "vcpu": "vCPU",
    "memory_gib": "Memory (GiB)",
    "ephemeral_storage_gib": "Scratch disk (GiB)",
    "gpu": "Needs a GPU",
    "hardware_counters": "Reads hardware counters",
    "hardware_virtualisation": "Runs its own hypervisor",
    "privileged": "Privileged / host access",
    "licence": "Licence",
    "interface": "Callers connect by",
    "hours_per_month": "Hours up a month",
    "runs_per_month": "Runs a month",
    "requests_per_month": "Requests a month",
    "avg_duration_ms": "Average request (ms)",
    "os": "OS",
    "traffic": "Traffic",
    "compliance": "Compliance",
    "ops_maturity": "Ops maturity",
    "depends_on": "Depends on",
}
PLACEHOLDERS = {
    "max_runtime_s": "empty = runs continuously",
    "compliance": "e.g. pci, hipaa",
    "depends_on": "workload ids, comma separated",
    "id": "from the name",
    "group": "application, wave or folder; empty = none",
    "port": "empty = the usual port for its kind",
}
#: How much a workload runs, which only the cost estimate reads. Empty means "the default for
#: its traffic": for a shown workload the placeholder says which (`placeholder`).
USAGE_FIELDS: tuple[str, ...] = tuple(USAGE_WORDS)
PLACEHOLDERS.update(dict.fromkeys(USAGE_FIELDS, "empty = the default for its traffic"))
#: 10,000,000 or 10 000 000 or 10_000_000, as the placeholders write counts (a comma with fewer
#: than three digits after it, such as 1,5, is not a thousands separator and stays refused).
_GROUPED = re.compile(r"\d{1,3}([,_ ])\d{3}(?:\1\d{3})*(?:\.\d+)?")


#: Words shown for a choice where the stored value alone would puzzle a reader.
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "licence": {
        "none": "No host requirement",
        "byol_per_core": "Own licence, counted per core or socket",
        "no_hypervisor": "Forbids any hypervisor",
    },
    "interface": {
        "none": "Nothing (batch job, worker)",
        "request_response": "Requests (HTTP / API)",
        "long_lived_connections": "Open connections (websockets, TCP)",
    },
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    kind: FieldKind
    help: str
    default: object = None
    choices: tuple[str, ...] = ()
    placeholder: str = ""
    #: What the form shows for each choice, in the same order (the value itself by default).
    choice_labels: tuple[str, ...] = ()


def _kind(annotation: object) -> tuple[FieldKind, tuple[str, ...]]:
    if annotation is bool:
        return "bool", ()
    if annotation is float:
        return "number", ()
    if get_origin(annotation) is Literal:
        return "choice", tuple(str(choice) for choice in get_args(annotation))
    if get_origin(annotation) in (types.UnionType, typing.Union):
        # `str | None` (the group) is text where blank means none; the others are numbers.
        return ("optional_text" if str in get_args(annotation) else "optional_int"), ()
    if get_origin(annotation) is tuple:
        return "list", ()
    return "text", ()


def _build_fields() -> tuple[FieldSpec, ...]:
    specs = []
    for name, info in Workload.model_fields.items():
        kind, choices = _kind(info.annotation)
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        specs.append(
            FieldSpec(
                name=name,
                label=LABELS.get(name, name.replace("_", " ").capitalize()),
                kind=kind,
                help=info.description or "",
                default="" if default is None and kind == "text" else default,
                choices=choices,
                placeholder=PLACEHOLDERS.get(name, ""),
                choice_labels=tuple(CHOICE_LABELS.get(name, {}).get(c, c) for c in choices),
            )
        )
    return tuple(specs)


FIELDS: tuple[FieldSpec, ...] = _build_fields()
SPECS: Mapping[str, FieldSpec] = {spec.name: spec for spec in FIELDS}


def parse(spec: FieldSpec, raw: str | bool) -> object:
    """Typed text -> the value handed to pydantic (which does the checking)."""
    if isinstance(raw, bool) or spec.kind in ("bool", "choice"):
        return raw
    text = raw.strip()
    if spec.kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    if spec.kind == "optional_text":
        return text or None
    if spec.kind == "optional_int":
        if spec.name in USAGE_FIELDS and _GROUPED.fullmatch(text):
            text = re.sub(r"[,_ ]", "", text)
        return text or None
    return text


def display_value(spec: FieldSpec, value: object) -> str:
    if value is None:
        return ""
    if spec.kind == "list":
        return ", ".join(str(v) for v in value)  # type: ignore[attr-defined]
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if spec.name in USAGE_FIELDS and whole:
        return f"{int(value):,}"  # type: ignore[call-overload]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def shows(spec: FieldSpec, text: str, value: object) -> bool:
    """The editor's text stands for `value`: as displayed, or as typed ("12000000" for
    12,000,000, "4.0" for 4), so an undo may replace it without losing anyone's typing."""
    if text == display_value(spec, value):
        return True
    if spec.kind not in ("number", "optional_int"):
        return False
    typed = parse(spec, text)
    if typed is None or value is None:
        return typed is value
    try:
        return float(typed) == float(value)  # type: ignore[arg-type]
    except ValueError:
        return False


def placeholder(spec: FieldSpec, workload: Workload | None) -> str:
    """The hint an empty field shows: for a usage field of a shown workload, the value the
    estimate takes instead (`whiteboard.cost.usage`), or that the field does not apply."""
    if spec.name not in USAGE_FIELDS or workload is None:
        return spec.placeholder
    usage = usage_of(
        workload.model_copy(update={spec.name: None}), default_prices().hours_per_month
    )
    traffic = f"for {workload.traffic.replace('_', '-')} traffic"
    if usage.job:
        if spec.name == "runs_per_month":
            return f"default: {count(usage.runs)} {traffic}"
        return "not used: a job is counted by its runs"
    if spec.name == "runs_per_month":
        return "not used: a service is counted by hours and requests"
    if spec.name == "hours_per_month":
        return f"default: all month ({count(usage.service_hours)} h)"
    if spec.name == "requests_per_month":
        return f"default: {count(usage.requests)} {traffic}"
    return f"default: {count(usage.avg_duration_ms)} ms"


def _sentence(error: Mapping[str, typing.Any]) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "string_pattern_mismatch":
        return "use lower-case letters, digits, '-' or '_' (e.g. web-shop)"
    if error["type"] == "string_too_short":
        return "must not be empty"
    if error["type"] == "float_parsing":
        return f"{error['input']!r} is not a number"
    if error["type"] == "int_parsing":
        return f"{error['input']!r} is not a whole number"
    if error["type"] == "int_from_float":
        return "must be a whole number of seconds"
    bound = _BOUNDS.get(error["type"])
    if bound is not None and _not_finite(error["input"]):
        return f"{error['input']!r} is not a finite number"
    if bound is not None:
        words, key = bound
        limit = (error.get("ctx") or {}).get(key)
        if isinstance(limit, int | float):
            return f"must be {words} {count(limit)}"
    return message[0].lower() + message[1:] if message else "is not valid"


def _not_finite(value: object) -> bool:
    """Typed 'nan', 'inf' or '1e999': pydantic reads them as floats, which then fail a bound."""
    try:
        return isinstance(value, str) and not math.isfinite(float(value))
    except ValueError:
        return False


#: pydantic's bound errors, as a sentence: (words, the ctx key of the limit).
_BOUNDS = {
    "less_than_equal": ("at most", "le"),
    "greater_than": ("greater than", "gt"),
    "greater_than_equal": ("at least", "ge"),
}


def errors_by_field(error: ValidationError, fallback: str) -> dict[str, str]:
    """One sentence per field (the first problem of each); errors without a field go to
    `fallback`."""
    found: dict[str, str] = {}
    for item in error.errors(include_url=False):
        loc = item["loc"]
        name = str(loc[0]) if loc and str(loc[0]) in SPECS else fallback
        found.setdefault(name, _sentence(item))
    return found


def _board_errors(
    board: Board, workload_id: object, depends_on: object, is_new: bool
) -> dict[str, str]:
    """Problems only the board can see: a taken id, dependencies on workloads it lacks."""
    errors: dict[str, str] = {}
    if is_new and isinstance(workload_id, str) and board.has_workload(workload_id):
        errors["id"] = f"'{workload_id}' is already used by another workload"
    if isinstance(depends_on, list | tuple):
        unknown = [d for d in depends_on if isinstance(d, str) and not board.has_workload(d)]
        if unknown:
            errors["depends_on"] = f"no workload with id {', '.join(repr(u) for u in unknown)}"
    return errors


def validate_field(
    workload: Workload, board: Board, name: str, raw: str | bool
) -> tuple[Workload | None, str | None]:
    """Apply one field's typed value: (the new workload, None) or (None, the error sentence)."""
    data = workload.model_dump()
    data[name] = parse(SPECS[name], raw)
    try:
        edited = Workload.model_validate(data)
    except ValidationError as error:
        errors = errors_by_field(error, name)
        return None, errors.get(name) or next(iter(errors.values()))
    problem = _board_errors(board, edited.id, edited.depends_on, is_new=False).get(name)
    return (None, problem) if problem else (edited, None)


def validate_new(
    board: Board, raw: Mapping[str, str | bool]
) -> tuple[Workload | None, dict[str, str]]:
    """A new workload from every field's text, or the errors per field."""
    data = {name: parse(SPECS[name], value) for name, value in raw.items()}
    errors = _board_errors(board, data.get("id"), data.get("depends_on"), is_new=True)
    try:
        workload = Workload.model_validate(data)
    except ValidationError as error:
        return None, {**errors, **errors_by_field(error, "depends_on")}
    return (None, errors) if errors else (workload, {})
