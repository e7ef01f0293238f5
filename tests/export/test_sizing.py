"""Sizing: every size chosen is one AWS offers and covers the workload, or says why not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from whiteboard.export import sizing
from whiteboard.model import Workload

vcpus = st.floats(min_value=0.125, max_value=448, allow_nan=False)
memories = st.floats(min_value=0.125, max_value=24_576, allow_nan=False)


@given(vcpus, memories)
def test_fargate_sizes_are_valid_pairs_that_cover_the_need(vcpu: float, memory: float) -> None:
    size = sizing.fargate_task_size(Workload(id="w", name="W", vcpu=vcpu, memory_gib=memory))
    assert size.memory_mib in dict(sizing.FARGATE_SIZES)[size.cpu]
    if size.notes:
        assert (size.cpu, size.memory_mib) == (16384, 122880)
    else:
        assert size.cpu >= vcpu * 1024 and size.memory_mib >= memory * 1024


@given(vcpus, memories, st.booleans())
def test_instances_cover_the_need_or_explain(vcpu: float, memory: float, gpu: bool) -> None:
    workload = Workload(id="w", name="W", vcpu=vcpu, memory_gib=memory, gpu=gpu)
    for size in (sizing.metal_instance(workload), sizing.virtual_instance(workload)):
        fits = size.vcpu >= vcpu and size.memory_gib >= memory
        assert fits != bool(size.notes)
    assert ".metal" in sizing.metal_instance(workload).instance_type  # c5.metal, m7i.metal-48xl


def test_smallest_fitting_types_are_chosen() -> None:
    assert (
        sizing.virtual_instance(Workload(id="w", name="W", vcpu=2, memory_gib=4)).instance_type
        == "c7i.large"
    )
    assert (
        sizing.virtual_instance(Workload(id="w", name="W", vcpu=2, memory_gib=8)).instance_type
        == "m7i.large"
    )
    assert (
        sizing.metal_instance(Workload(id="w", name="W", vcpu=72, memory_gib=512)).instance_type
        == "i3.metal"
    )


def test_lambda_settings_stay_within_the_service_limits() -> None:
    big = sizing.lambda_size(
        Workload(
            id="w", name="W", vcpu=8, memory_gib=32, max_runtime_s=3600, ephemeral_storage_gib=50
        )
    )
    assert (big.memory_mb, big.timeout_s, big.storage_mb) == (10_240, 900, 10_240)
    assert len(big.notes) == 3
    small = sizing.lambda_size(
        Workload(
            id="w", name="W", vcpu=0.25, memory_gib=0.1, max_runtime_s=3, ephemeral_storage_gib=0
        )
    )
    assert (small.memory_mb, small.timeout_s, small.storage_mb) == (443, 3, 512)
    assert small.notes == ()
