"""The advice an AWS architect checked, case by case, on `assets/boards/architect-cases.json`.

Each test is one rule family on a realistic workload written from current AWS documentation:
the recommendation, the hard limit that rules a target out (with its sentence), and the reason
the one-line why gives. The board ships with the app, so the room can open the same cases.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from whiteboard.cost.estimate import Alternative, Estimate
from whiteboard.model import Board, load_board
from whiteboard.scoring import Scorer
from whiteboard.scoring.results import TargetScore, WorkloadScore

CASES = Path(__file__).parents[2] / "assets" / "boards" / "architect-cases.json"


@pytest.fixture(scope="module")
def board() -> Board:
    return load_board(CASES)


@pytest.fixture(scope="module")
def scorer(board: Board) -> Scorer:
    return Scorer(board)


def _feasible(ws: WorkloadScore) -> list[str]:
    return [t for t, ts in ws.targets.items() if ts.feasible]


def _labels(ts: TargetScore, pillar: str | None = None) -> list[str]:
    pillars = [pillar] if pillar else list(ts.reasons)
    return [f.label for p in pillars for f in ts.reasons[p]]


def test_every_case_is_on_the_2026_edition_and_scores(scorer: Scorer) -> None:
    assert scorer.board.edition == "2026"
    assert len(scorer.board.workloads) == 18
    for wid in scorer.board.workload_ids:
        assert scorer.workload(wid).recommended is not None, wid


# -- Windows on Fargate -------------------------------------------------------------------------


def test_a_windows_batch_job_at_8_vcpu_cannot_be_a_fargate_task(scorer: Scorer) -> None:
    ws = scorer.workload("windows-batch")
    fargate = ws.targets["fargate"]
    assert not fargate.feasible
    assert fargate.violations == (
        "Fargate gives one task on Windows at most 4 vCPU; this workload needs 8.",
        "Fargate gives one task on Windows at most 30 GiB of memory; this workload needs 32 GiB.",
        "Fargate gives one task on Windows at most 20 GiB of local storage; this workload "
        "needs 50 GiB.",
    )
    assert ws.recommended in {"ec2", "containers"}


def _alternative(estimate: Estimate | None, name: str) -> Alternative | None:
    assert estimate is not None
    return next((a for a in estimate.alternatives if a.name.startswith(name)), None)


def _items(ts: TargetScore) -> list[str]:
    assert ts.estimate is not None
    return [item.label for item in ts.estimate.items]


def test_windows_within_fargates_windows_sizes_fits(board: Board) -> None:
    small = board.workload("windows-batch").model_copy(
        update={"vcpu": 4, "memory_gib": 16, "ephemeral_storage_gib": 20}
    )
    scorer = Scorer(Board(name="w", edition="2026", workloads=(small,)))
    assert scorer.target("windows-batch", "fargate").feasible
    # ...but no Spot for Windows tasks, while the same Linux job gets Fargate Spot.
    windows = scorer.target("windows-batch", "fargate").estimate
    assert windows is not None and not _alternative(windows, "Spot")
    linux = small.model_copy(update={"os": "linux"})
    scorer = Scorer(Board(name="l", edition="2026", workloads=(linux,)))
    spot = _alternative(scorer.target("windows-batch", "fargate").estimate, "Spot")
    assert spot is not None and spot.confirmed
    assert "70% off the compute at its deepest discount" in spot.how


# -- licences ---------------------------------------------------------------------------------


def test_sql_server_byol_goes_to_a_dedicated_host_not_only_bare_metal(scorer: Scorer) -> None:
    ws = scorer.workload("sql-server")
    assert _feasible(ws) == ["bare_metal", "ec2"]
    assert ws.recommended == "ec2"
    ec2 = _labels(ws.targets["ec2"], "cost_optimization")
    assert any("Dedicated Host counts the licence" in label for label in ec2)
    metal = _labels(ws.targets["bare_metal"], "cost_optimization")
    assert any("counts every one of its cores" in label for label in metal)
    assert not any(label.startswith("A per-physical-core licence") for label in metal)


def test_an_appliance_that_forbids_hypervisors_runs_on_bare_metal_only(scorer: Scorer) -> None:
    ws = scorer.workload("isv-appliance")
    assert _feasible(ws) == ["bare_metal"]
    assert ws.why.startswith("Only Bare metal can run it.")
    assert "forbids one" in ws.targets["ec2"].violations[0]


# -- connections vs requests --------------------------------------------------------------------


def test_a_websocket_gateway_stays_off_functions(scorer: Scorer) -> None:
    ws = scorer.workload("ws-gateway")
    for target in ("lambda", "lambda_managed"):
        assert not ws.targets[target].feasible
        assert "keeps connections open" in ws.targets[target].violations[0]
    assert ws.recommended in {"fargate", "managed_containers", "containers"}


def test_a_stateless_http_api_is_a_lambda_candidate(scorer: Scorer) -> None:
    ws = scorer.workload("http-api")
    assert ws.targets["lambda"].feasible
    assert ws.recommended == "lambda"
    # Spiky requests cost least per request: its cost reason says so in dollars.
    cost = _labels(ws.targets["lambda"], "cost_optimization")[0]
    assert re.fullmatch(r"USD [\d,.]+ a month on demand: the least of the targets .*", cost)


def test_an_always_on_poller_is_a_process_not_a_function(scorer: Scorer) -> None:
    lam = scorer.target("queue-poller", "lambda")
    assert "a process that runs continuously" in lam.violations[0]


def test_a_sync_request_longer_than_api_gateway_waits_is_flagged(scorer: Scorer) -> None:
    labels = _labels(scorer.target("slow-report-api", "lambda"), "reliability")
    assert any("API Gateway stops waiting after 29 s" in label for label in labels)
    fargate = _labels(scorer.target("slow-report-api", "fargate"), "reliability")
    assert not any("API Gateway" in label for label in fargate)


# -- storage, counters, memory ------------------------------------------------------------------


def test_250_gib_of_scratch_fits_fargate_on_an_ebs_volume(scorer: Scorer) -> None:
    ws = scorer.workload("genomics")
    fargate = ws.targets["fargate"]
    assert fargate.feasible
    assert any("ECS-managed EBS volume" in label for label in _labels(fargate))
    assert not ws.targets["lambda"].feasible


def test_windows_scratch_beyond_20_gib_cannot_use_a_fargate_volume(board: Board) -> None:
    job = board.workload("genomics").model_copy(
        update={"os": "windows", "vcpu": 4, "memory_gib": 16}
    )
    scorer = Scorer(Board(name="w", edition="2026", workloads=(job,)))
    fargate = scorer.target("genomics", "fargate")
    assert fargate.violations == (
        "Fargate gives one task on Windows at most 20 GiB of local storage; this workload "
        "needs 250 GiB.",
    )


def test_an_hpc_job_needing_counters_runs_on_metal_hosts_and_container_clusters(
    scorer: Scorer,
) -> None:
    ws = scorer.workload("hpc-tuning")
    assert {"bare_metal", "containers", "managed_containers"} <= set(_feasible(ws))
    assert any("performance counters" in v for v in ws.targets["fargate"].violations)
    assert any("*.metal hosts" in label for label in _labels(ws.targets["containers"]))


def test_a_500_gib_in_memory_database_lands_on_memory_optimised_ec2(scorer: Scorer) -> None:
    ws = scorer.workload("in-memory-db")
    assert ws.recommended == "ec2"
    assert any("Memory-optimised" in label for label in _labels(ws.targets["ec2"]))
    assert any("at most 120 GiB of memory" in v for v in ws.targets["fargate"].violations)


# -- jobs, billing and the one-line why ---------------------------------------------------------


def test_a_6_hour_etl_is_billed_per_run_and_not_offered_lambda(scorer: Scorer) -> None:
    ws = scorer.workload("nightly-etl")
    assert ws.recommended == "fargate"
    assert "patches" not in ws.why
    # Billed only while each run lasts, on every target that starts capacity for the run.
    for target in ("ec2", "fargate"):
        items = _items(ws.targets[target])
        assert any(" runs x 6 h x " in item for item in items), (target, items)
    lam = ws.targets["lambda"].violations[0]
    assert "900 s (15 min) per invocation; this job runs 21,600 s (6 h)" in lam


def test_no_why_rests_on_the_generic_patching_bonus(scorer: Scorer) -> None:
    for wid in scorer.board.workload_ids:
        assert "patches the operating system" not in scorer.workload(wid).why, wid


def test_an_always_on_idle_task_is_not_credited_for_idle_time(scorer: Scorer) -> None:
    ws = scorer.workload("queue-poller")
    fargate = ws.targets["fargate"]
    # Always on: every hour of the month is billed, idle or not, and it is not the cheapest.
    assert all(" 730 h x " in item for item in _items(fargate))
    cost = _labels(fargate, "cost_optimization")[0]
    assert "the least of the targets" not in cost
    assert fargate.estimate.usd_month > ws.targets["ec2"].estimate.usd_month  # type: ignore[union-attr]


def test_a_cpu_heavy_function_pays_for_memory_it_does_not_use(scorer: Scorer) -> None:
    ws = scorer.workload("image-transcode")
    lam = ws.targets["lambda"].estimate
    assert lam is not None
    # 4 vCPU come only with about 7 GB of memory, billed by the GB-second.
    assert any("7,076 MB of memory" in sentence for sentence in lam.assumptions), lam.assumptions
    assert lam.usd_month > 2 * ws.targets["ec2"].estimate.usd_month  # type: ignore[union-attr]


def test_retryable_runs_can_use_spot_and_steady_services_savings_plans(scorer: Scorer) -> None:
    render = scorer.target("render-farm", "ec2").estimate
    spot = _alternative(render, "Spot")
    # EC2's Spot discount is not confirmed: offered, but marked so.
    assert spot is not None and not spot.confirmed
    assert render.usd_month > spot.usd_month  # type: ignore[union-attr]
    # A job is not steady use: no Savings Plan for it, while the steady API gets one.
    assert _alternative(render, "1-year Compute Savings Plan") is None
    api = scorer.target("card-payments", "ec2").estimate
    plan = _alternative(api, "1-year Compute Savings Plan")
    assert plan is not None and plan.usd_month < api.usd_month  # type: ignore[union-attr]
    assert _alternative(scorer.target("in-memory-db", "ec2").estimate, "Spot") is None


def test_sox_is_attested_through_soc_1_not_reported_missing(scorer: Scorer) -> None:
    ws = scorer.workload("sox-reports")
    for target in ("ec2", "fargate", "lambda"):
        assert not any("SOX" in label for label in _labels(ws.targets[target], "security")), target
    # Only a target whose SOC scope is unconfirmed says so.
    assert any("SOX scope" in label for label in _labels(ws.targets["managed_containers"]))


def test_regulated_data_avoids_unconfirmed_scope(scorer: Scorer) -> None:
    ws = scorer.workload("card-payments")
    assert ws.recommended not in {"managed_containers", "lambda_managed"}
    assert ws.targets["lambda_managed"].doubt() is not None


def test_a_small_pet_gets_a_real_runner_up_not_a_straw_man(scorer: Scorer) -> None:
    ws = scorer.workload("intranet-app")
    assert ws.recommended == "ec2"
    assert ws.runner_up != "bare_metal"
    assert "whole physical host" not in ws.why


def test_a_daemon_set_pays_no_cluster_fee(scorer: Scorer) -> None:
    for target in ("containers", "managed_containers"):
        items = _items(scorer.target("log-shipper", target))
        assert not any("control plane" in item or "cluster" in item for item in items)


def test_sessions_with_a_run_time_still_need_an_open_connection(board: Board) -> None:
    sessions = board.workload("ws-gateway").model_copy(update={"max_runtime_s": 600})
    scorer = Scorer(Board(name="s", edition="2026", workloads=(sessions,)))
    lam = scorer.target("ws-gateway", "lambda")
    assert lam.violations == (
        "Lambda holds no connection open between invocations; this workload keeps connections "
        "open (websockets, TCP sessions or leases).",
    )


def test_a_target_without_the_os_says_so_first_and_not_in_sizes(scorer: Scorer) -> None:
    lam = scorer.target("windows-batch", "lambda")
    assert lam.violations[0] == "Lambda runs Linux only; this workload runs Windows."
    assert not any("on Windows at most" in v for v in lam.violations)


def test_job_billing_fits_how_often_the_runs_come(scorer: Scorer) -> None:
    # Rare runs start an instance each time; Lambda MI keeps its three instances on all month.
    assert any(" runs x " in item for item in _items(scorer.target("nightly-etl", "ec2")))
    short = scorer.board.workload("nightly-etl").model_copy(update={"max_runtime_s": 3600})
    waiting = _items(
        Scorer(Board(name="s", edition="2026", workloads=(short,))).target(
            "nightly-etl", "lambda_managed"
        )
    )
    assert waiting[0].startswith("3 x ") and " 730 h x " in waiting[0]
