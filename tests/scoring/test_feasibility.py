"""Hard limits: each broken limit is a sentence with the limit and the workload's value."""

from __future__ import annotations

import pytest

from whiteboard.catalog import default_catalog
from whiteboard.model import Board
from whiteboard.scoring import Scorer
from whiteboard.scoring.feasibility import duration, number, target_facts, violations

from .conftest import lone


@pytest.fixture(scope="module")
def facts():
    return target_facts(default_catalog(), "2026")


def test_nightly_etl_breaks_lambdas_runtime_with_both_numbers(demo_scorer: Scorer) -> None:
    lam = demo_scorer.target("nightly-etl", "lambda")
    assert not lam.feasible
    assert lam.violations[0] == (
        "Lambda runs at most 900 s (15 min) per invocation; this job runs 7,200 s (2 h)."
    )


def test_always_on_service_cannot_be_a_function(demo_scorer: Scorer) -> None:
    lam = demo_scorer.target("web-shop", "lambda")
    assert not lam.feasible
    assert "always-on" in lam.violations[0]
    assert demo_scorer.target("web-shop", "fargate").feasible


def test_daemon_set_cannot_run_on_fargate_or_lambda(demo_scorer: Scorer) -> None:
    for target in ("fargate", "lambda"):
        ts = demo_scorer.target("log-shipper", target)
        assert not ts.feasible
        assert any("privileged" in v for v in ts.violations)
    assert demo_scorer.target("log-shipper", "containers").feasible


@pytest.mark.parametrize(
    ("workload_id", "phrase"),
    [("orders-db", "licence demands physical hosts"), ("perf-lab", "hardware features")],
)
def test_only_bare_metal_can_run(demo_scorer: Scorer, workload_id: str, phrase: str) -> None:
    ws = demo_scorer.workload(workload_id)
    feasible = [t for t, ts in ws.targets.items() if ts.feasible]
    assert feasible == ["bare_metal"]
    assert phrase in ws.targets["ec2"].violations[0]


def test_windows_and_gpu_limits_name_the_target(demo_scorer: Scorer) -> None:
    erp = demo_scorer.target("erp-legacy", "lambda")
    assert "Lambda runs Linux only; this workload runs Windows." in erp.violations
    training = demo_scorer.target("ml-training", "fargate")
    assert "Fargate offers no GPUs; this workload needs one." in training.violations


def test_size_limits_quote_limit_and_need(demo_board: Board, facts) -> None:
    big = lone(demo_board.workload("ml-training"), gpu=False, vcpu=32, memory_gib=244)
    found = violations(big.workloads[0], facts["fargate"])
    assert "Fargate gives one task at most 16 vCPU; this workload needs 32." in found
    assert "Fargate gives one task at most 120 GiB of memory; this workload needs 244 GiB." in (
        found
    )


def test_a_workload_within_every_limit_has_no_violation(demo_board: Board, facts) -> None:
    thumbnails = demo_board.workload("thumbnails")
    assert all(violations(thumbnails, facts[t]) == () for t in facts)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(900, "900 s (15 min)"), (7200, "7,200 s (2 h)"), (30, "30 s"), (61, "61 s")],
)
def test_duration_reads_in_the_unit_people_use(seconds: int, text: str) -> None:
    assert duration(seconds) == text


def test_number_drops_needless_decimals() -> None:
    assert (number(16.0), number(0.5), number(12345), number(2.25)) == (
        "16",
        "0.5",
        "12,345",
        "2.25",
    )
