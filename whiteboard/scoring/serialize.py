"""BoardScore as plain JSON-ready data: the `whiteboard score --format json` contract.

Shape: {"board", "weights", "summary", "workloads": [{"id", "placed_on", "recommended",
"runner_up", "margin", "why", "targets": {target: {"feasible", "violations", "pillars",
"overall", "reasons": {pillar: ["+16 label", ...]}, "cost_usd_month", "cost_items": ["m7i.large,
730 h x USD 0.1008 = USD 73.58", ...], "cost_confirmed"}}}]}, with every target of the board's
edition (named by "edition" and listed in "targets") and all six pillars always present.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from whiteboard.cost.estimate import Estimate
from whiteboard.gcpause import collector_paused
from whiteboard.model import PILLAR_IDS
from whiteboard.scoring.results import (
    BoardCosts,
    BoardScore,
    BoardSummary,
    Factor,
    TargetScore,
    WorkloadScore,
)


def board_score_to_dict(score: BoardScore) -> dict[str, Any]:
    cache = _Texts()
    return {
        "board": score.board_name,
        "edition": score.edition,
        "targets": list(score.targets),
        "weights": {pillar: json_number(score.weights[pillar]) for pillar in PILLAR_IDS},
        "summary": summary_to_dict(score.summary),
        "workloads": [_workload(ws, cache) for ws in score.workloads.values()],
    }


class _Texts:
    """Conversions already made. Workloads of one shape share TargetScore objects and reason
    tuples (the engine memoises them), so each is converted once; the cache holds the objects
    themselves, which keeps their ids from being reused while it lives."""

    def __init__(self) -> None:
        self.targets: dict[int, tuple[TargetScore, dict[str, Any]]] = {}
        self.reasons: dict[int, tuple[tuple[Factor, ...], list[str]]] = {}

    def reason_list(self, factors: tuple[Factor, ...]) -> list[str]:
        found = self.reasons.get(id(factors))
        if found is None:
            found = self.reasons[id(factors)] = (factors, [str(f) for f in factors])
        return found[1]


def board_score_to_json(score: BoardScore) -> str:
    """The JSON text: one workload per line, so it stays greppable and diffable, and is
    written by the C encoder (an indented dump goes through pure Python, 20x slower)."""
    with collector_paused():
        data = board_score_to_dict(score)
        workloads = data.pop("workloads")
        head = json.dumps(data, ensure_ascii=False)[:-1]
        if not workloads:
            return head + ', "workloads": []}\n'
        lines = ",\n".join(json.dumps(w, ensure_ascii=False) for w in workloads)
    return f'{head}, "workloads": [\n{lines}\n]}}\n'


def summary_to_dict(summary: BoardSummary) -> dict[str, Any]:
    return {
        "placements_per_target": dict(summary.placements_per_target),
        "unplaced": summary.unplaced,
        "pillar_averages": {p: json_number(summary.pillar_averages[p]) for p in PILLAR_IDS},
        "infeasible_placements": [
            {"workload": wid, "target": target, "violation": why}
            for wid, target, why in summary.infeasible_placements
        ],
        "weakest_links": list(summary.weakest_links),
        "top_risks": list(summary.top_risks),
        "cycles": [list(cycle) for cycle in summary.cycles],
        **({"costs": costs_to_dict(summary.costs)} if summary.costs is not None else {}),
    }


def costs_to_dict(costs: BoardCosts) -> dict[str, Any]:
    """Monthly USD per target, as placed and as recommended (the placed workloads in both),
    and of the workloads not placed yet, in cents; the shared EKS control plane apart."""
    return {
        "current_usd_month": _cents(costs.current),
        "recommended_usd_month": _cents(costs.recommended),
        "unplaced_usd_month": _cents(costs.unplaced),
        "current_total_usd_month": round(costs.current_total, 2),
        "recommended_total_usd_month": round(costs.recommended_total, 2),
        "unplaced_total_usd_month": round(costs.unplaced_total, 2),
        "cluster_fee_usd_month": {
            "current": round(costs.current_fee, 2),
            "recommended": round(costs.recommended_fee, 2),
        },
        "confirmed": costs.confirmed,
        "unpriced_placements": costs.unpriced,
    }


def _cents(per_target: Mapping[str, float]) -> dict[str, float]:
    return {target: round(usd, 2) for target, usd in per_target.items()}


def _workload(ws: WorkloadScore, texts: _Texts) -> dict[str, Any]:
    return {
        "id": ws.workload_id,
        "placed_on": ws.placed_on,
        "recommended": ws.recommended,
        "runner_up": ws.runner_up,
        "margin": ws.margin,
        "why": ws.why,
        "targets": {t: _target(score, texts) for t, score in ws.targets.items()},
    }


def _target(ts: TargetScore, texts: _Texts) -> dict[str, Any]:
    found = texts.targets.get(id(ts))
    if found is None:
        reasons = ts.reasons
        found = texts.targets[id(ts)] = (
            ts,
            {
                "feasible": ts.feasible,
                "violations": list(ts.violations),
                "pillars": {p: json_number(ts.pillars[p]) for p in PILLAR_IDS},
                "overall": json_number(ts.overall),
                "reasons": {p: texts.reason_list(reasons[p]) for p in PILLAR_IDS},
                **_cost(ts.estimate),
            },
        )
    return found[1]


#: A target that cannot run the workload is not priced: the keys are there, with nothing in.
_NOT_PRICED: dict[str, Any] = {"cost_usd_month": None, "cost_items": [], "cost_confirmed": None}


def _cost(estimate: Estimate | None) -> dict[str, Any]:
    if estimate is None:
        return _NOT_PRICED
    return {
        "cost_usd_month": round(estimate.usd_month, 2),
        "cost_items": [str(item) for item in estimate.items],
        "cost_confirmed": estimate.confirmed,
    }


def json_number(value: float) -> int | float:
    """Whole numbers as ints (60, not 60.0), the rest as they are."""
    return int(value) if float(value).is_integer() else value
