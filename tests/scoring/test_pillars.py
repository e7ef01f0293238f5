"""Pillar rules, one family at a time, on the demo board's own workloads."""

from __future__ import annotations

import pytest

from whiteboard.model import PILLAR_IDS, Board, Workload
from whiteboard.scoring import Scorer, costs, pillars
from whiteboard.scoring.feasibility import violations_per_target
from whiteboard.scoring.rules import BASE_SCORE

from .conftest import edited, lone


def _labels(scorer: Scorer, workload_id: str, target: str, pillar: str) -> list[str]:
    return [f.label for f in scorer.target(workload_id, target).reasons[pillar]]


def _score(scorer: Scorer, workload_id: str, target: str, pillar: str) -> float:
    return scorer.target(workload_id, target).pillars[pillar]


def test_every_pillar_is_present_within_range_and_explained(demo_scorer: Scorer) -> None:
    for wid in demo_scorer.board.workload_ids:
        for ts in demo_scorer.workload(wid).targets.values():
            assert tuple(ts.pillars) == PILLAR_IDS
            for pillar, value in ts.pillars.items():
                assert 0 <= value <= 100
                points = sum(f.points for f in ts.reasons[pillar])
                if 0 < BASE_SCORE + points < 100:
                    assert value == round(BASE_SCORE + points)


# -- operational excellence ---------------------------------------------------------------------


def test_provider_run_layers_raise_ops_left_to_right_for_cattle(demo_scorer: Scorer) -> None:
    ops = [
        _score(demo_scorer, "thumbnails", t, "operational_excellence")
        for t in ("bare_metal", "ec2", "containers", "fargate", "lambda")
    ]
    assert ops == sorted(ops)
    assert ops[0] < ops[-1]


def test_low_maturity_team_gains_most_from_provider_layers(demo_board: Board) -> None:
    low = Scorer(lone(demo_board.workload("thumbnails"), ops_maturity="low"))
    high = Scorer(lone(demo_board.workload("thumbnails"), ops_maturity="high"))

    def gain(scorer: Scorer) -> float:
        lam = scorer.target("thumbnails", "lambda").pillars["operational_excellence"]
        return lam - scorer.target("thumbnails", "ec2").pillars["operational_excellence"]

    assert gain(low) > gain(high) > 0


def test_pets_lean_left_on_ops(demo_scorer: Scorer) -> None:
    assert _score(demo_scorer, "erp-legacy", "ec2", "operational_excellence") > _score(
        demo_scorer, "erp-legacy", "containers", "operational_excellence"
    )
    assert any(
        "re-architected" in label
        for label in _labels(demo_scorer, "erp-legacy", "containers", "operational_excellence")
    )


# -- security -----------------------------------------------------------------------------------


def test_provider_patching_helps_security_once_and_in_scope_earns_nothing_extra(
    demo_scorer: Scorer,
) -> None:
    fargate = _score(demo_scorer, "payments", "fargate", "security")
    ec2 = _score(demo_scorer, "payments", "ec2", "security")
    assert fargate > ec2
    labels = _labels(demo_scorer, "payments", "fargate", "security")
    assert sum("patches" in label for label in labels) == 1
    # PCI DSS is in scope on both: being in scope is no reason to prefer either.
    assert not any("PCI" in label for label in labels)
    assert not any("PCI" in label for label in _labels(demo_scorer, "payments", "ec2", "security"))


def test_nothing_claims_the_provider_attests_every_layer(demo_scorer: Scorer) -> None:
    for wid in demo_scorer.board.workload_ids:
        for ts in demo_scorer.workload(wid).targets.values():
            assert not any("attests" in f.label for f in ts.reasons["security"])


def test_privileged_containers_on_shared_hosts_cost_security(demo_board: Board) -> None:
    plain = Scorer(lone(demo_board.workload("log-shipper"), privileged=False))
    privileged = Scorer(lone(demo_board.workload("log-shipper")))
    assert _score(privileged, "log-shipper", "containers", "security") < _score(
        plain, "log-shipper", "containers", "security"
    )
    assert _score(privileged, "log-shipper", "ec2", "security") == _score(
        plain, "log-shipper", "ec2", "security"
    )


# -- reliability --------------------------------------------------------------------------------


def test_stateful_pet_on_ephemeral_compute_hurts_reliability(demo_scorer: Scorer) -> None:
    ec2 = _score(demo_scorer, "erp-legacy", "ec2", "reliability")
    fargate = _score(demo_scorer, "erp-legacy", "fargate", "reliability")
    assert fargate < ec2 - 20
    assert any(
        "ephemeral" in label
        for label in _labels(demo_scorer, "erp-legacy", "fargate", "reliability")
    )


def test_cattle_service_inherits_the_risk_of_a_pet_dependency(demo_board: Board) -> None:
    risky = Scorer(demo_board)
    safe = Scorer(edited(demo_board, "orders-db", architecture="cattle"))
    labels = _labels(risky, "catalog-api", "fargate", "reliability")
    assert any(label.startswith("Depends on orders-db, a pet") for label in labels)
    assert _score(risky, "catalog-api", "fargate", "reliability") < _score(
        safe, "catalog-api", "fargate", "reliability"
    )


def test_risk_travels_down_the_chain(demo_scorer: Scorer) -> None:
    labels = _labels(demo_scorer, "web-shop", "fargate", "reliability")
    assert any("Further down its dependencies: orders-db" in label for label in labels)


# -- performance efficiency ---------------------------------------------------------------------


def test_gpu_and_big_memory_favour_instances(demo_scorer: Scorer) -> None:
    labels = _labels(demo_scorer, "ml-training", "ec2", "performance_efficiency")
    assert any("GPU" in label for label in labels)
    assert _score(demo_scorer, "ml-training", "ec2", "performance_efficiency") > BASE_SCORE


def test_counters_on_a_container_platform_need_metal_hosts(demo_board: Board) -> None:
    lab = lone(
        demo_board.workload("perf-lab"), hardware_virtualisation=False, architecture="cattle"
    )
    scorer = Scorer(lab)
    assert scorer.target("perf-lab", "containers").feasible
    labels = _labels(scorer, "perf-lab", "containers", "operational_excellence")
    assert any("*.metal hosts" in label for label in labels)
    assert not scorer.target("perf-lab", "fargate").feasible


def test_no_bonus_for_a_missing_hypervisor_or_memory_that_is_not_big(demo_board: Board) -> None:
    """Nitro's overhead is negligible, and 64 GiB fits ordinary instances."""
    job = lone(demo_board.workload("nightly-etl"), vcpu=64, memory_gib=64)
    scorer = Scorer(job)
    for target in ("bare_metal", "ec2"):
        labels = _labels(scorer, "nightly-etl", target, "performance_efficiency")
        assert not any("hypervisor" in label or "TiB" in label for label in labels)
    big = Scorer(lone(demo_board.workload("nightly-etl"), vcpu=64, memory_gib=500))
    assert any(
        "Memory-optimised" in label
        for label in _labels(big, "nightly-etl", "ec2", "performance_efficiency")
    )


def test_cold_starts_hurt_idle_requests_most_and_jobs_barely(demo_board: Board) -> None:
    def cold(traffic: str, interface: str) -> float:
        w = lone(demo_board.workload("thumbnails"), traffic=traffic, interface=interface)
        reasons = Scorer(w).target("thumbnails", "lambda").reasons["performance_efficiency"]
        found = [f for f in reasons if f.label.startswith("Cold starts")]
        return found[0].points if found else 0.0

    api = "request_response"
    assert cold("idle", api) < cold("spiky", api) < cold("event_driven", api) < cold("steady", api)
    assert cold("steady", api) < 0
    assert cold("idle", "none") > cold("steady", api) - 1
    scorer = Scorer(lone(demo_board.workload("thumbnails"), traffic="idle", interface=api))
    label = next(
        f.label
        for f in scorer.target("thumbnails", "lambda").reasons["performance_efficiency"]
        if f.label.startswith("Cold starts")
    )
    assert "SnapStart" in label and "provisioned concurrency" in label


# -- cost optimisation --------------------------------------------------------------------------


def test_pay_per_use_favours_event_driven_traffic(demo_scorer: Scorer) -> None:
    assert _score(demo_scorer, "thumbnails", "lambda", "cost_optimization") > _score(
        demo_scorer, "thumbnails", "ec2", "cost_optimization"
    )


def test_steady_heavy_load_favours_instances_over_functions(demo_board: Board) -> None:
    api = lone(demo_board.workload("catalog-api"), traffic="steady", vcpu=6, memory_gib=12)
    scorer = Scorer(api)
    assert _score(scorer, "catalog-api", "ec2", "cost_optimization") > _score(
        scorer, "catalog-api", "lambda", "cost_optimization"
    )


def test_the_eks_cluster_fee_is_not_charged_to_each_workload(demo_scorer: Scorer) -> None:
    """USD 0.10 per cluster-hour is EKS's, once per cluster, and ECS has none: no workload's
    estimate carries it (the daemon-set log shipper included); the board total counts it
    once for the target."""
    for wid in demo_scorer.board.workload_ids:
        for ts in demo_scorer.workload(wid).targets.values():
            assert (ts.estimate is None) == (not ts.feasible)  # only what can run is priced
            if ts.estimate is not None:
                assert not any("control plane" in item.label for item in ts.estimate.items)
    costs = demo_scorer.summary().costs
    assert costs is not None
    assert costs.cluster_fee == pytest.approx(0.10 * 730) and costs.cluster_fee_current
    placed = [
        demo_scorer.target(wid, "containers").estimate.usd_month  # type: ignore[union-attr]
        for wid, target in demo_scorer.board.placements.items()
        if target == "containers"
    ]
    assert costs.current["containers"] == pytest.approx(sum(placed))
    assert costs.current_total == pytest.approx(sum(costs.current.values()) + 73.0)


def test_workloads_sharing_estimates_keep_their_own_cost_reasons(demo_board: Board) -> None:
    """A pet and its cattle twin buy the same thing (one shared estimate per target, one
    memoised cost column), but only the pet is told to budget for re-architecting it: the
    row added to its column must not reach the twin's."""
    api = demo_board.workload("catalog-api").model_copy(update={"stateful": True})  # no Spot
    twin = api.model_copy(update={"id": "catalog-api-twin", "architecture": "pet"})
    board = Board(
        name="Twins",
        workloads=tuple(
            Workload.model_validate(w.model_copy(update={"depends_on": ()}).model_dump())
            for w in (api, twin)
        ),
    )
    scorer = Scorer(board)
    for target in ("containers", "fargate"):  # the targets that charge a pet's re-architecting
        cattle = scorer.target("catalog-api", target).reasons["cost_optimization"]
        pet = scorer.target("catalog-api-twin", target).reasons["cost_optimization"]
        assert len(pet) == len(cattle) + 1, (target, pet, cattle)
        assert (
            scorer.target("catalog-api", target).estimate
            is scorer.target("catalog-api-twin", target).estimate
        )


def test_the_cost_column_memo_tells_a_pet_and_a_byol_licence_apart(
    demo_board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cost column is memoised on the estimates: workloads given the very same estimates
    share it, unless one is a pet or brings per-core licences (rows the estimate leaves out)."""
    targets = Scorer(demo_board)._targets
    api = demo_board.workload("catalog-api")
    shared = costs.runnable_estimates(api, targets, violations_per_target(api, targets))
    monkeypatch.setattr(pillars, "runnable_estimates", lambda *_: shared)
    column = pillars.cost_optimization
    cattle = column(api, targets)
    assert column(api.model_copy(update={"id": "other"}), targets) is cattle
    pet = column(api.model_copy(update={"architecture": "pet"}), targets)
    byol = column(api.model_copy(update={"licence": "byol_per_core"}), targets)
    assert pet.costs == byol.costs == cattle.costs == shared  # the same Estimate objects
    assert sum(map(len, pet.reasons)) > sum(map(len, cattle.reasons))
    assert sum(map(len, byol.reasons)) > sum(map(len, cattle.reasons))


# -- sustainability -----------------------------------------------------------------------------


def test_utilisation_drives_sustainability(demo_scorer: Scorer) -> None:
    assert _score(demo_scorer, "reports", "lambda", "sustainability") > _score(
        demo_scorer, "reports", "bare_metal", "sustainability"
    )
