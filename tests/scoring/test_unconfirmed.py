"""A fact no AWS page confirmed is never a hard limit, but a workload that would break it gets a
reason saying so, and the Terraform README flags it for review."""

from __future__ import annotations

from whiteboard.model import Board, Workload
from whiteboard.scoring import Scorer
from whiteboard.scoring.rules import UNCONFIRMED_FIT, UNCONFIRMED_PREFIX


def _score(target: str, **fields: object):
    workload = Workload(id="w", name="W", **fields)  # type: ignore[arg-type]
    board = Board(name="One", workloads=(workload,), placements={"w": target})
    return Scorer(board).workload("w").targets[target]


def _caveats(score) -> list[str]:
    return [
        f.label
        for factors in score.reasons.values()
        for f in factors
        if f.label.startswith(UNCONFIRMED_PREFIX)
    ]


def test_a_licence_for_physical_hosts_on_managed_hosts_fits_with_a_stated_doubt() -> None:
    score = _score("managed_containers", license_requires_physical=True)
    assert score.feasible
    (caveat,) = _caveats(score)
    assert "physical hosts for its licence" in caveat
    factor = next(f for f in score.reasons["operational_excellence"] if f.label == caveat)
    assert factor.points == UNCONFIRMED_FIT
    assert score.doubt() is factor
    assert _score("bare_metal", license_requires_physical=True).doubt() is None


def test_sizes_beyond_an_unconfirmed_maximum_are_doubted_not_refused() -> None:
    score = _score("lambda_managed", vcpu=24, memory_gib=48, max_runtime_s=60, traffic="spiky")
    assert score.feasible
    (caveat,) = _caveats(score)
    assert "24 vCPU (16 reported)" in caveat and "48 GiB of memory (32 GiB reported)" in caveat


def test_a_confirmed_limit_still_rules_out_and_a_fitting_workload_gets_no_doubt() -> None:
    assert not _score("lambda_managed", max_runtime_s=None).feasible  # no listener: confirmed
    assert _caveats(_score("lambda_managed", max_runtime_s=60, ephemeral_storage_gib=1)) == []
    assert _caveats(_score("fargate", license_requires_physical=True)) == []


def test_compliance_scope_that_is_unconfirmed_says_so() -> None:
    score = _score("managed_containers", compliance=("pci",))
    labels = [f.label for f in score.reasons["security"]]
    assert "PCI DSS scope of Managed hosts is not confirmed yet: plan to evidence it" in labels
