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


def test_counters_on_ec2_fit_with_a_stated_doubt() -> None:
    score = _score("ec2", hardware_counters=True)
    assert score.feasible
    (caveat,) = _caveats(score)
    assert "the processor's performance counters" in caveat
    factor = next(f for f in score.reasons["operational_excellence"] if f.label == caveat)
    assert factor.points == UNCONFIRMED_FIT
    assert score.doubt() is factor
    assert _score("bare_metal", hardware_counters=True).doubt() is None


def test_a_licence_that_forbids_hypervisors_on_managed_hosts_is_refused() -> None:
    """Confirmed since schema 3: AWS documents *.metal instances, not container platforms, for
    software licensed for non-virtualised hosts."""
    score = _score("managed_containers", licence="no_hypervisor")
    assert not score.feasible
    assert "forbids one" in score.violations[0]


def test_sizes_beyond_an_unconfirmed_maximum_are_doubted_not_refused() -> None:
    score = _score("lambda_managed", vcpu=24, memory_gib=48, max_runtime_s=60, traffic="spiky")
    assert score.feasible
    (caveat,) = _caveats(score)
    assert "24 vCPU (16 reported)" in caveat and "48 GiB of memory (32 GiB reported)" in caveat


def test_a_confirmed_limit_still_rules_out_and_a_fitting_workload_gets_no_doubt() -> None:
    always_on = _score("lambda_managed", max_runtime_s=None, interface="long_lived_connections")
    assert not always_on.feasible  # no listener: confirmed
    assert _caveats(_score("lambda_managed", max_runtime_s=60, ephemeral_storage_gib=1)) == []
    assert _caveats(_score("fargate", licence="no_hypervisor")) == []


def test_compliance_scope_that_is_unconfirmed_says_so() -> None:
    score = _score("managed_containers", compliance=("pci",))
    labels = [f.label for f in score.reasons["security"]]
    assert (
        "The PCI DSS scope of Managed hosts is not confirmed in AWS Services in Scope: check it "
        "before regulated data lands there"
    ) in labels
