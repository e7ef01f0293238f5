"""One declared set of profile fields feeds every memo: each rule reads only what it declares.

The scoring memoises on the fields each rule reads (`whiteboard/scoring/profile.py`). A rule that
reads a field its declaration leaves out would return a stale memoised score for a workload that
differs only in that field; these tests read the rules' code and fail on any such field.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from types import ModuleType

import pytest

from whiteboard.model import Workload
from whiteboard.model.workload import DERIVED_FIELDS
from whiteboard.scoring import feasibility, pillars
from whiteboard.scoring.profile import (
    DERIVED_READS,
    FEASIBILITY_READS,
    PILLAR_READS,
    PROFILE_FIELDS,
    profile,
)

WORKLOAD_NAMES = {"w", "workload"}
NOT_RULE_INPUTS = {"id", "name", "kind", "group", "depends_on", "port"}


def _fields_read(function: Callable[..., object], module: ModuleType) -> set[str]:
    """Workload fields `function` reads (through `w.` / `workload.`), following the module's
    own helper functions it calls by name."""
    seen: set[str] = set()
    fields: set[str] = set()
    todo = [function.__name__]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse(textwrap.dedent(inspect.getsource(getattr(module, name))))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in WORKLOAD_NAMES
            ):
                fields.update(DERIVED_READS.get(node.attr, (node.attr,)))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                called = getattr(module, node.func.id, None)
                if inspect.isfunction(called) and called.__module__ == module.__name__:
                    todo.append(node.func.id)
    return fields


@pytest.mark.parametrize("pillar", list(PILLAR_READS))
def test_each_pillar_rule_reads_only_its_declared_fields(pillar: str) -> None:
    read = _fields_read(pillars.PILLAR_RULES[pillar], pillars)  # type: ignore[index]
    undeclared = read - set(PILLAR_READS[pillar])
    assert not undeclared, f"{pillar} reads {sorted(undeclared)} without declaring them"


def test_the_estimates_read_only_their_declared_fields() -> None:
    """The cost pillar's memo keys on ESTIMATE_READS: every function of the cost package that
    reads the workload must read nothing else."""
    from whiteboard.cost import estimate, shapes, sizing, usage

    read: set[str] = set()
    for module in (estimate, shapes, sizing, usage):
        for _, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__:
                read |= _fields_read(function, module)
    assert {"requests_per_month", "licence", "gpu"} <= read
    assert read <= set(estimate.ESTIMATE_READS), sorted(read - set(estimate.ESTIMATE_READS))
    assert set(estimate.ESTIMATE_READS) <= set(PILLAR_READS["cost_optimization"])


def test_the_hard_limits_read_only_their_declared_fields() -> None:
    read = _fields_read(feasibility.violations, feasibility)
    assert read <= set(FEASIBILITY_READS), sorted(read - set(FEASIBILITY_READS))


def test_the_scan_sees_fields_read_in_helpers() -> None:
    # The performance rule reads memory and the OS only through its helper: the scan must
    # follow helpers, or a field read there would go unchecked.
    read = _fields_read(pillars.performance_efficiency, pillars)
    assert {"memory_gib", "os"} <= read
    assert "ephemeral_storage_gib" in _fields_read(pillars.operational_excellence, pillars)


def test_the_profile_is_every_field_a_rule_can_read() -> None:
    declared = set(FEASIBILITY_READS).union(*PILLAR_READS.values())
    assert declared == set(PROFILE_FIELDS)
    inputs = set(Workload.model_fields) - NOT_RULE_INPUTS
    assert set(PROFILE_FIELDS) == inputs, "a new workload field must be declared or excluded"
    assert not set(DERIVED_FIELDS) & set(PROFILE_FIELDS)


def test_two_workloads_of_one_profile_differ_only_outside_it() -> None:
    a = Workload(id="a", name="A", kind="api", depends_on=())
    b = Workload(id="b", name="B", kind="batch")
    assert profile(a) == profile(b)
    assert profile(a) != profile(a.model_copy(update={"interface": "none"}))
