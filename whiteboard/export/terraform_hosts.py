"""Container hosts you run (ECS on EC2): which tasks share an auto scaling group, and its size.

Tasks on hosts you run share one cluster and, where they can share hosts, one auto scaling
group per operating system with its capacity provider: containers pack onto the hosts, which
is the point of running them. A task that needs a GPU gets a group of GPU hosts of its own
(shared, every host would be a GPU host), and a privileged container a group of its own (it can
reach its host). Daemons run one copy on every host of their operating system, so each host
keeps room for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from whiteboard.cost import sizing

if TYPE_CHECKING:
    from whiteboard.export.terraform_stub import Stub

ON_HOSTS = "ecs_task_on_hosts"
SHARED_LINUX_HOSTS = "shared_linux_hosts"
SHARED_WINDOWS_HOSTS = "shared_windows_hosts"
SHARED_POOLS = frozenset({SHARED_LINUX_HOSTS, SHARED_WINDOWS_HOSTS})
#: The most hosts one group may grow to (a cost cap; the variable-free stub states it).
MAX_HOSTS = 100
#: Root volume of an ECS host: the images, the containers' writable layers and scratch.
LINUX_ROOT_GIB = 30
WINDOWS_ROOT_GIB = 100


def pool_of(stub: Stub) -> str | None:
    """The group of container hosts that places a task on hosts you run (daemons run on every
    host and belong to none)."""
    if stub.sizing != ON_HOSTS or stub.daemon:
        return None
    if stub.workload.gpu or stub.privileged:
        return stub.res
    return SHARED_WINDOWS_HOSTS if stub.windows else SHARED_LINUX_HOSTS


@dataclass(frozen=True, slots=True)
class Ec2HostPool:
    """One auto scaling group of container hosts and its capacity provider."""

    res: str
    stubs: tuple[Stub, ...]
    #: The daemons that run a copy on each of its hosts.
    daemons: tuple[Stub, ...]
    instance: sizing.InstanceSize
    windows: bool
    gpu: bool
    max_size: int

    @property
    def shared(self) -> bool:
        return self.res in SHARED_POOLS

    @property
    def min_size(self) -> int:
        """Hosts start as tasks need them; a group that only daemons use keeps one."""
        return 0 if self.stubs else 1

    @property
    def ami(self) -> str:
        """Which ECS-optimised AMI its hosts boot (main.tf reads each from SSM)."""
        if self.windows:
            return "windows_ecs"
        return "linux_ecs_gpu" if self.gpu else "linux_ecs"

    @property
    def root_gib(self) -> int:
        base = WINDOWS_ROOT_GIB if self.windows else LINUX_ROOT_GIB
        scratch = max((s.workload.ephemeral_storage_gib for s in self.stubs), default=0.0)
        return base + int(scratch + sum(d.workload.ephemeral_storage_gib for d in self.daemons))

    @property
    def label(self) -> str:
        """What the hosts are, for their description."""
        if self.shared:
            return f"shared {'Windows' if self.windows else 'Linux'} container hosts"
        need = "a GPU" if self.gpu else "a privileged container"
        return f"own hosts of {self.stubs[0].workload.id} ({need})"


def ec2_host_pools(stubs: Sequence[Stub]) -> list[Ec2HostPool]:
    """The groups of container hosts of these stubs, shared groups first, then own groups in
    board order. A group holds its largest task and the daemons of its operating system."""
    members: dict[str, list[Stub]] = {}
    for stub in stubs:
        if stub.host_pool is not None:
            members.setdefault(stub.host_pool, []).append(stub)
    daemons = [stub for stub in stubs if stub.daemon]
    for windows, shared in ((False, SHARED_LINUX_HOSTS), (True, SHARED_WINDOWS_HOSTS)):
        if any(d.windows == windows for d in daemons) and not any(
            members_windows(group) == windows for group in members.values()
        ):
            members[shared] = []  # daemons need at least one host of their system
    order = sorted(members, key=lambda res: res not in SHARED_POOLS)
    return [_pool(res, members[res], daemons) for res in order]


def members_windows(group: Sequence[Stub]) -> bool:
    return bool(group) and group[0].windows


def _pool(res: str, group: list[Stub], all_daemons: list[Stub]) -> Ec2HostPool:
    windows = res == SHARED_WINDOWS_HOSTS or members_windows(group)
    gpu = any(stub.workload.gpu for stub in group)
    daemons = tuple(d for d in all_daemons if d.windows == windows)
    instance = _host_instance(group, daemons)
    tasks = sum(stub.max_count if stub.autoscaled else stub.desired_count for stub in group)
    return Ec2HostPool(
        res=res,
        stubs=tuple(group),
        daemons=daemons,
        instance=instance,
        windows=windows,
        gpu=gpu,
        max_size=min(MAX_HOSTS, max(2, tasks)),
    )


def _host_instance(group: list[Stub], daemons: tuple[Stub, ...]) -> sizing.InstanceSize:
    """The cheapest host that holds the group's largest task beside one copy of each daemon
    (and what the ECS agent and the operating system keep)."""
    extra_vcpu = sum(d.workload.vcpu for d in daemons)
    extra_gib = sum(d.workload.memory_gib for d in daemons)
    if not group:
        base = daemons[0].workload
        return sizing.ecs_host_instance(
            base.model_copy(update={"vcpu": extra_vcpu, "memory_gib": extra_gib, "gpu": False})
        )
    largest = max(group, key=lambda s: (s.workload.vcpu, s.workload.memory_gib)).workload
    biggest_memory = max(s.workload.memory_gib for s in group)
    need = largest.model_copy(
        update={
            "vcpu": largest.vcpu + extra_vcpu,
            "memory_gib": max(largest.memory_gib, biggest_memory) + extra_gib,
            "gpu": any(s.workload.gpu for s in group),
        }
    )
    return sizing.ecs_host_instance(need)
