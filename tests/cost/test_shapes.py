"""Memoised estimates are the estimates: a workload one field away from another never gets the
other's figure, line items, assumptions or alternatives (see `whiteboard/cost/shapes.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from whiteboard.catalog import default_catalog
from whiteboard.cost import estimate as estimating
from whiteboard.cost.estimate import ESTIMATE_READS, Estimate, estimate
from whiteboard.cost.prices import default_prices
from whiteboard.cost.usage import usage_of
from whiteboard.model import Workload, load_board

BOARDS = Path(__file__).parents[2] / "assets" / "boards"

#: Values of every field an estimate reads, chosen across the thresholds its rules know:
#: instance and task sizes, Fargate's 20 GB and Lambda's 512 MB of free storage, runs of a
#: minute or less, usage given or defaulted.
VARIANTS: dict[str, tuple[object, ...]] = {
    "architecture": ("pet", "cattle"),
    "stateful": (True, False),
    "max_runtime_s": (None, 10, 60, 900, 7200),
    "interface": ("none", "request_response", "long_lived_connections"),
    "hours_per_month": (None, 12, 730),
    "runs_per_month": (None, 0, 4, 3000),
    "requests_per_month": (None, 0, 5_000_000),
    "avg_duration_ms": (None, 50, 200),
    "vcpu": (0.25, 1, 2, 3, 16, 96),
    "memory_gib": (0.5, 2, 3, 8, 120, 512),
    "ephemeral_storage_gib": (0, 0.5, 1, 20, 21, 250),
    "gpu": (True, False),
    "licence": ("none", "byol_per_core", "no_hypervisor"),
    "os": ("linux", "windows"),
    "traffic": ("steady", "spiky", "event_driven", "idle"),
}


def _as_read(e: Estimate) -> tuple[object, ...]:
    return (
        e.target,
        round(e.usd_month, 9),
        tuple(str(item) for item in e.items),
        e.assumptions,
        tuple(str(a) for a in e.alternatives),
        e.confirmed,
    )


def _fresh(w: Workload, target_id: str) -> Estimate:
    """The estimate worked out without any memo."""
    table = default_prices()
    target = default_catalog().target(target_id)
    return estimating._priced(w, usage_of(w, table.hours_per_month), target, table)


def _bases() -> list[Workload]:
    demo = load_board(BOARDS / "demo.json").workloads
    cases = load_board(BOARDS / "architect-cases.json").workloads
    return [*demo[:6], *cases[::3]]


def test_the_variants_cover_every_field_an_estimate_reads() -> None:
    assert set(VARIANTS) == set(ESTIMATE_READS)


@pytest.mark.parametrize("field", list(VARIANTS))
def test_memoised_estimates_match_fresh_ones_one_field_away(field: str) -> None:
    targets = [t.id for t in default_catalog().targets]
    table = default_prices()
    for base in _bases():
        for value in VARIANTS[field]:
            variant = base.model_copy(update={field: value})
            for target_id in targets:
                memoised = estimate(variant, default_catalog().target(target_id), table)
                assert _as_read(memoised) == _as_read(_fresh(variant, target_id)), (
                    base.id,
                    field,
                    value,
                    target_id,
                )


def test_each_shape_reads_only_the_fields_its_memo_is_keyed_on() -> None:
    """A shape memoised on fewer fields than it reads (itself or through the sizing functions
    it calls) would hand one workload another's estimate."""
    import ast
    import inspect
    import textwrap

    from tests.scoring.test_profile import _fields_read
    from whiteboard.cost import shapes, sizing

    for rule, shape in shapes._SHAPES.items():
        read = _fields_read(shape, shapes)
        tree = ast.parse(textwrap.dedent(inspect.getsource(shape)))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "sizing"
            ):
                read |= _fields_read(getattr(sizing, node.attr), sizing)
        assert read <= set(shapes.SHAPE_READS[rule]), (
            rule,
            sorted(read - set(shapes.SHAPE_READS[rule])),
        )
