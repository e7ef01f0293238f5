"""Pillar rules, one family at a time, on the demo board's own workloads."""

from __future__ import annotations

from whiteboard.model import PILLAR_IDS, Board
from whiteboard.scoring import Scorer
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


def test_provider_patching_and_compliance_scope_help_security(demo_scorer: Scorer) -> None:
    fargate = _score(demo_scorer, "payments", "fargate", "security")
    ec2 = _score(demo_scorer, "payments", "ec2", "security")
    assert fargate > ec2
    labels = _labels(demo_scorer, "payments", "fargate", "security")
    assert any("PCI DSS scope" in label for label in labels)
    assert any("patches" in label for label in labels)


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


def test_hardware_access_scores_on_bare_metal(demo_scorer: Scorer) -> None:
    assert _score(demo_scorer, "perf-lab", "bare_metal", "performance_efficiency") > _score(
        demo_scorer, "perf-lab", "ec2", "performance_efficiency"
    )


def test_cold_starts_cost_latency_sensitive_traffic_on_lambda(demo_board: Board) -> None:
    bursty = Scorer(lone(demo_board.workload("thumbnails"), traffic="spiky"))
    events = Scorer(lone(demo_board.workload("thumbnails")))
    cold = [
        f
        for f in bursty.target("thumbnails", "lambda").reasons["performance_efficiency"]
        if "Cold starts" in f.label
    ]
    mild = [
        f
        for f in events.target("thumbnails", "lambda").reasons["performance_efficiency"]
        if "Cold starts" in f.label
    ]
    assert cold[0].points < mild[0].points < 0


# -- cost optimisation --------------------------------------------------------------------------


def test_pay_per_use_favours_event_driven_traffic(demo_scorer: Scorer) -> None:
    assert _score(demo_scorer, "thumbnails", "lambda", "cost_optimization") > _score(
        demo_scorer, "thumbnails", "ec2", "cost_optimization"
    )


def test_steady_heavy_load_favours_instances_over_functions(demo_board: Board) -> None:
    scorer = Scorer(lone(demo_board.workload("thumbnails"), traffic="steady", vcpu=6))
    assert _score(scorer, "thumbnails", "ec2", "cost_optimization") > _score(
        scorer, "thumbnails", "lambda", "cost_optimization"
    )


def test_the_eks_control_plane_fee_counts(demo_scorer: Scorer) -> None:
    fee = [
        f
        for f in demo_scorer.target("catalog-api", "containers").reasons["cost_optimization"]
        if "control plane" in f.label
    ]
    assert fee and fee[0].points < 0
    assert "USD 0.10 per cluster-hour" in fee[0].label


# -- sustainability -----------------------------------------------------------------------------


def test_utilisation_drives_sustainability(demo_scorer: Scorer) -> None:
    assert _score(demo_scorer, "reports", "lambda", "sustainability") > _score(
        demo_scorer, "reports", "bare_metal", "sustainability"
    )
