"""Sizing: every size chosen is one AWS offers and covers the workload, or says why not."""

from __future__ import annotations

import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whiteboard.cost import sizing
from whiteboard.model import Workload

vcpus = st.floats(min_value=0.125, max_value=448, allow_nan=False)
memories = st.floats(min_value=0.125, max_value=24_576, allow_nan=False)


@given(vcpus, memories)
def test_fargate_sizes_are_valid_pairs_that_cover_the_need(vcpu: float, memory: float) -> None:
    size = sizing.fargate_task_size(Workload(id="w", name="W", vcpu=vcpu, memory_gib=memory))
    assert size.memory_mib in dict(sizing.FARGATE_SIZES)[size.cpu]
    if size.notes:
        # Too big: the most CPU, with the least valid memory covering the need (or the most).
        memories = dict(sizing.FARGATE_SIZES)[16384]
        covering = [m for m in memories if m >= memory * 1024]
        assert (size.cpu, size.memory_mib) == (16384, covering[0] if covering else memories[-1])
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


# -- managed hosts: tasks on ECS Managed Instances, functions on Lambda Managed Instances ---------

runtimes = st.one_of(st.none(), st.integers(min_value=1, max_value=7 * 24 * 3600))


@given(vcpus, memories)
def test_tasks_on_managed_hosts_get_what_they_ask_without_fargate_pairs(
    vcpu: float, memory: float
) -> None:
    size = sizing.managed_instances_task_size(
        Workload(id="w", name="W", vcpu=vcpu, memory_gib=memory, ephemeral_storage_gib=500)
    )
    assert size.storage_gib is None  # the capacity provider sizes each host's tasks volume
    assert size.cpu >= vcpu * 1024 and size.memory_mib >= memory * 1024
    assert size.cpu < max(vcpu * 1024 + 1, 129) and size.memory_mib < max(memory * 1024 + 1, 257)
    assert size.notes == ()  # the model's limits are the largest managed host's


def test_managed_task_sizes_are_exact_and_have_ecs_minimums() -> None:
    size = sizing.managed_instances_task_size(Workload(id="w", name="W", vcpu=3, memory_gib=9))
    assert (size.cpu, size.memory_mib, size.storage_gib) == (3072, 9216, None)
    tiny = sizing.managed_instances_task_size(Workload(id="w", name="W", vcpu=0.05, memory_gib=0.1))
    assert (tiny.cpu, tiny.memory_mib) == (128, 256)


@given(st.lists(st.tuples(vcpus, memories, st.booleans()), min_size=1, max_size=5))
def test_managed_hosts_hold_the_largest_task(tasks: list[tuple[float, float, bool]]) -> None:
    workloads = [
        Workload(id=f"w{i}", name="W", vcpu=v, memory_gib=m, gpu=g)
        for i, (v, m, g) in enumerate(tasks)
    ]
    hosts = sizing.managed_instances_hosts(workloads)
    for workload in workloads:
        size = sizing.managed_instances_task_size(workload)
        assert hosts.vcpu_min * 1024 >= size.cpu
        assert hosts.memory_min_mib >= size.memory_mib + sizing.MANAGED_HOST_RESERVED_MIB
    assert hosts.vcpu_min <= hosts.vcpu_max and hosts.memory_min_mib <= hosts.memory_max_mib
    assert hosts.gpu == any(w.gpu for w in workloads)
    assert hosts.storage_gib >= sizing.MANAGED_HOST_BASE_STORAGE_GIB


def test_managed_hosts_leave_room_for_two_tasks_and_their_scratch() -> None:
    hosts = sizing.managed_instances_hosts(
        [
            Workload(id="a", name="A", vcpu=2, memory_gib=4, ephemeral_storage_gib=10),
            Workload(id="b", name="B", vcpu=1, memory_gib=100, ephemeral_storage_gib=50),
        ]
    )
    # The 100 GiB task needs a memory-optimised host: 16 vCPU at 8 GiB per vCPU.
    assert (hosts.vcpu_min, hosts.vcpu_max) == (2, 16)
    assert (hosts.memory_min_mib, hosts.memory_max_mib) == (102_400 + 512, 131_072)
    assert hosts.storage_gib == 30 + 50
    assert not hosts.gpu


@given(vcpus, memories, runtimes)
def test_managed_functions_get_whole_vcpus_at_an_offered_ratio(
    vcpu: float, memory: float, runtime: int | None
) -> None:
    size = sizing.managed_instances_function_size(
        Workload(
            id="w",
            name="W",
            vcpu=vcpu,
            memory_gib=memory,
            max_runtime_s=runtime,
            ephemeral_storage_gib=0,
        )
    )
    assert size.memory_gib_per_vcpu in (2, 4, 8)
    assert size.memory_mb == size.vcpu * size.memory_gib_per_vcpu * 1024
    assert size.memory_mb >= 2048 and size.vcpu >= 1
    # The 16 vCPU / 32 GiB maximum is unconfirmed: never a cap, only a note.
    assert size.vcpu >= vcpu and size.memory_mb >= memory * 1024
    too_big = size.vcpu > 16 or size.memory_mb > 32 * 1024
    assert too_big == any("not documented" in note for note in size.notes)
    assert 1 <= size.timeout_s <= 900
    if runtime is not None and runtime <= 900:
        assert size.timeout_s == runtime
    else:
        assert size.timeout_s == 900
        assert any("900 s" in note for note in size.notes)


def test_managed_functions_take_the_fewest_vcpus_then_the_least_memory() -> None:
    def shape(vcpu: float, memory: float) -> tuple[int, int, int]:
        size = sizing.managed_instances_function_size(
            Workload(id="w", name="W", vcpu=vcpu, memory_gib=memory, max_runtime_s=60)
        )
        return size.memory_mb, size.vcpu, size.memory_gib_per_vcpu

    assert shape(0.25, 0.5) == (2048, 1, 2)  # the minimum: 1 vCPU, 2 GiB
    assert shape(1, 3) == (4096, 1, 4)
    assert shape(2, 10) == (16384, 2, 8)  # not 5 vCPU at 2 GiB each
    assert shape(4, 4) == (8192, 4, 2)
    assert shape(16, 32) == (32768, 16, 2)


def test_managed_function_notes_say_why() -> None:
    service = sizing.managed_instances_function_size(
        Workload(id="w", name="W", max_runtime_s=None, ephemeral_storage_gib=0)
    )
    assert service.timeout_s == 900
    assert service.notes == (
        "is an always-on service; on managed instances a function still runs per invocation, "
        "each at most 900 s",
    )
    batch = sizing.managed_instances_function_size(
        Workload(
            id="w", name="W", vcpu=20, memory_gib=64, max_runtime_s=3600, ephemeral_storage_gib=50
        )
    )
    assert (batch.memory_mb, batch.vcpu, batch.timeout_s) == (20 * 4 * 1024, 20, 900)
    assert len(batch.notes) == 3
    assert "not documented" in batch.notes[0] and "3600 s" in batch.notes[1]
    assert "50 GiB of scratch" in batch.notes[2]


def test_limits_are_looked_up_by_sizing_rule_not_by_target_id() -> None:
    from whiteboard.catalog import default_catalog

    for target in default_catalog().targets:
        assert sizing._limits_for_sizing(target.terraform.sizing) is target.limits
    with pytest.raises(LookupError, match="0 targets"):
        sizing._limits_for_sizing("quantum_annealer")


def test_the_largest_sizes_are_the_catalogs() -> None:
    """The stub tables reach exactly as far as the catalog's documented largest sizes, so a
    workload the model accepts for EC2 or bare metal gets a real type, not a review note."""
    from whiteboard.catalog import default_catalog

    catalog = default_catalog()
    for target, size in (("ec2", sizing.virtual_instance), ("bare_metal", sizing.metal_instance)):
        limits = catalog.target(target).limits
        need = Workload(
            id="w", name="W", vcpu=limits.max_vcpu.value, memory_gib=limits.max_memory_gib.value
        )
        assert not size(need).notes, target


def test_windows_tasks_are_sized_within_windows_limits() -> None:
    """Fargate's Windows sizes (catalog): 1 to 4 vCPU, at most 30 GB, a fixed 20 GiB of storage
    and no EBS volume; a stub never asks AWS for a Windows task it would refuse."""
    small = sizing.fargate_task_size(Workload(id="w", name="W", os="windows", vcpu=0.25))
    assert (small.cpu, small.storage_gib, small.notes) == (1024, None, ())
    big = sizing.fargate_task_size(
        Workload(id="w", name="W", os="windows", vcpu=8, memory_gib=32, ephemeral_storage_gib=50)
    )
    assert big.cpu == 4096 and big.memory_mib <= 30 * 1024
    assert big.storage_gib is None
    assert any("more than a Windows Fargate task has (at most 4 vCPU" in note for note in big.notes)
    assert any("fixed 20 GiB and take no EBS volume" in note for note in big.notes)


def test_linux_scratch_beyond_the_task_goes_on_an_ebs_volume() -> None:
    size = sizing.fargate_task_size(Workload(id="w", name="W", ephemeral_storage_gib=250))
    assert size.storage_gib == 200
    assert any("attach an ECS-managed EBS volume for the rest" in note for note in size.notes)


def test_each_memoised_sizing_reads_only_the_fields_it_is_keyed_on() -> None:
    """A sizing function memoised on fewer fields than it reads would hand one workload the
    size of another: its code must read only what its memo key holds."""
    from tests.scoring.test_profile import _fields_read

    memoised = [
        function
        for _, function in inspect.getmembers(sizing, inspect.isfunction)
        if hasattr(function, "reads")
    ]
    assert len(memoised) >= 6
    for function in memoised:
        read = _fields_read(function.__wrapped__, sizing)
        assert read <= set(function.reads), (function.__name__, sorted(read - set(function.reads)))
