"""Planning a board's Terraform stubs: names, sizes, shapes, host groups and grants, in board
order (`plan_stubs`). Pure: no templates, no files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

from whiteboard.catalog import Target, default_catalog
from whiteboard.catalog.schema import Sizing
from whiteboard.cost import estimate as costing
from whiteboard.cost import sizing
from whiteboard.cost.prices import default_prices
from whiteboard.export import hcl
from whiteboard.export import terraform_hosts as hosts
from whiteboard.export import terraform_shapes as shapes
from whiteboard.export.terraform_stub import (
    _MAX_FUNCTION_ID,
    _MAX_IAM_ID,
    _MAX_TARGET_GROUP_ID,
    SHARED,
    SHARED_TASK_HOSTS,
    Grant,
    Stub,
    StubSet,
)
from whiteboard.model import Board, Workload, slugify


def _workload_identifier(workload_id: str) -> str:
    """Resource name of a workload. Names starting `shared` belong to the shared resources, and
    a double underscore joins two workloads (access.tf), so neither can clash with these."""
    name = hcl.identifier(workload_id)
    return f"w_{name}" if name == SHARED or name.startswith(f"{SHARED}_") else name


def _short_id(workload_id: str) -> str:
    if len(workload_id) <= _MAX_FUNCTION_ID:
        return workload_id
    return f"{workload_id[: _MAX_FUNCTION_ID - 9].rstrip('-_')}-{hcl.short_hash(workload_id)}"


def _role_address(kind: Target, res: str) -> str:
    return f"aws_iam_role.{res}_{kind.terraform.role}"


def _desired_count(workload: Workload) -> int:
    # Disposable units run two copies so one can fail; pets and idle work run one.
    return 2 if workload.architecture == "cattle" and workload.traffic != "idle" else 1


def _size_metal(stub: Stub) -> None:
    stub.instance = sizing.metal_instance(stub.workload)
    stub.notes.extend(stub.instance.notes)


def _size_virtual(stub: Stub) -> None:
    stub.instance = sizing.virtual_instance(stub.workload)
    stub.notes.extend(stub.instance.notes)


def _size_task_on_hosts(stub: Stub) -> None:
    # The same host type the estimate prices: room left for the ECS agent and the OS.
    stub.instance = sizing.ecs_host_instance(stub.workload)
    stub.size = sizing.ecs_task_size(stub.workload)
    stub.notes.extend(stub.instance.notes)
    stub.desired_count = _desired_count(stub.workload)


def _sized(size_of: Callable[[Workload], Any], *, copies: bool) -> Callable[[Stub], None]:
    """A sizer that takes the stub's size (and its notes) from `size_of`; tasks of a service
    (`copies`) also get their desired count."""

    def size(stub: Stub) -> None:
        stub.size = size_of(stub.workload)
        stub.notes.extend(stub.size.notes)
        if copies:
            stub.desired_count = _desired_count(stub.workload)

    return size


_size_task_on_managed_instances = _sized(sizing.managed_instances_task_size, copies=True)
_size_fargate = _sized(sizing.fargate_task_size, copies=True)
_size_function = _sized(sizing.lambda_size, copies=False)


#: The AWS provider has checked `memory_size` against the 10,240 MB of functions on Lambda's own
#: fleet, also for functions on capacity providers (hashicorp/terraform-provider-aws#46052).
_PROVIDER_CHECKED_MEMORY_MB = 10_240


def _size_function_on_managed_instances(stub: Stub) -> None:
    stub.size = sizing.managed_instances_function_size(stub.workload)
    stub.notes.extend(stub.size.notes)
    if stub.size.memory_mb > _PROVIDER_CHECKED_MEMORY_MB:
        stub.notes.append(
            f"gets {stub.size.memory_mb} MB; AWS provider versions that cap memory_size at "
            f"{_PROVIDER_CHECKED_MEMORY_MB} MB reject it (terraform-provider-aws issue 46052): "
            "use a provider that accepts it or a smaller size"
        )


def _place_on_hosts(stub: Stub) -> None:
    """Tasks on managed hosts share one capacity provider unless they need hosts of their own;
    tasks on hosts you run share an auto scaling group on the same terms (`terraform_hosts`)."""
    if stub.container and stub.managed_hosts:
        stub.capacity_provider = stub.res if stub.dedicated_hosts else SHARED_TASK_HOSTS
    stub.host_pool = hosts.pool_of(stub)


def _id_within(workload_id: str, limit: int) -> str:
    """The id cut to `limit` characters, a short hash keeping cut ids apart."""
    if len(workload_id) <= limit:
        return workload_id
    return f"{workload_id[: limit - 5].rstrip('-_')}-{hcl.short_hash(workload_id, 4)}"


def _shape(stub: Stub) -> None:
    """The stub's shape, port and the notes its shape needs on this target."""
    workload, kind = stub.workload, stub.kind
    stub.shape = shapes.shape_of(workload, kind)
    stub.port = shapes.port_of(workload)
    name = kind.display_name
    if shapes.is_daemon(workload) and stub.container and not stub.daemon:
        stub.notes.append(
            f"belongs on every host (a daemon), but {name} runs no daemon tasks: it runs here as "
            "one service; place it on Containers for one copy per host"
        )
    if stub.job and stub.container and workload.traffic == "event_driven":
        stub.notes.append(
            "is started by events; the stub starts it on a schedule: start it from an "
            "EventBridge rule with an ECS target instead"
        )
    if workload.runs_as_job and stub.role_kind == "instance":
        stub.notes.append(
            f"runs as a job, but an instance on {name} stays up all month: stop it between "
            "runs or place it where runs are paid per run"
        )
    if workload.stateful and stub.role_kind != "instance":
        stub.notes.append(
            f"keeps state on its own compute; {name} gives it no disk that outlives a task or "
            "an invocation: keep the state in a database, EFS or S3"
        )


#: The catalog's `terraform.sizing` word -> how a stub of that kind is sized.
SIZERS = {
    "metal_instance": _size_metal,
    "virtual_instance": _size_virtual,
    "ecs_task_on_hosts": _size_task_on_hosts,
    "ecs_task_on_managed_instances": _size_task_on_managed_instances,
    "fargate_task": _size_fargate,
    "function": _size_function,
    "function_on_managed_instances": _size_function_on_managed_instances,
}
assert set(SIZERS) == set(get_args(Sizing)), "every sizing rule of the catalog needs a sizer"


def _size(stub: Stub) -> None:
    SIZERS[stub.sizing](stub)
    workload, kind = stub.workload, stub.kind
    if workload.privileged and not stub.kind_privileged:
        stub.notes.append(
            f"asks for privileged containers, which are not available on {kind.display_name}"
        )
    if workload.os not in kind.operating_systems:
        systems = " and ".join(os.capitalize() for os in kind.operating_systems)
        stub.notes.append(
            f"runs on {workload.os.capitalize()}; only {systems} runs on {kind.display_name}"
        )
    scope = kind.limits.compliance_programs
    if workload.compliance and not scope.confirmed:
        regimes = ", ".join(regime.upper() for regime in workload.compliance)
        stub.notes.append(
            f"needs {regimes}; whether {kind.display_name} is in scope was not confirmed on "
            "AWS's services-in-scope page: check it with your auditor first"
        )


def plan_stubs(board: Board) -> StubSet:
    """Decide names, sizes and grants for the placed workloads, in board order."""
    placed = [w for w in board.workloads if board.placement(w.id) is not None]
    names = hcl.unique_names({w.id: _workload_identifier(w.id) for w in placed})
    stubs: list[Stub] = []
    by_id: dict[str, Stub] = {}
    catalog = default_catalog()
    prices = default_prices()
    for workload in placed:
        target = board.placements[workload.id]
        kind = catalog.target(target)
        res = names[workload.id]
        stub = Stub(
            workload=workload,
            target=target,
            kind=kind,
            res=res,
            short_id=_short_id(workload.id),
            role=_role_address(kind, res),
            subnet_index=len(stubs),
            iam_id=_id_within(workload.id, _MAX_IAM_ID),
            target_group_id=_id_within(workload.id, _MAX_TARGET_GROUP_ID),
        )
        _size(stub)
        _shape(stub)
        _place_on_hosts(stub)
        stub.cost = costing.estimate(workload, kind, prices)
        stubs.append(stub)
        by_id[workload.id] = stub
    grants: list[Grant] = []
    skipped_edges: list[tuple[Workload, Workload]] = []
    edge_keys = [
        (caller.workload.id, dep) for caller in stubs for dep in caller.workload.depends_on
    ]
    edge_names = hcl.unique_names(
        {(c, d): f"{by_id[c].res}__{by_id[d].res}" for c, d in edge_keys if d in by_id}
    )
    for caller_id, dep in edge_keys:
        caller = by_id[caller_id]
        if dep not in by_id:
            skipped_edges.append((caller.workload, board.workload(dep)))
            continue
        grants.append(Grant(edge_names[(caller_id, dep)], caller, by_id[dep]))
    for grant in grants:
        callee = grant.callee
        if grant.network and not callee.daemon:
            callee.named = callee.has_service or callee.role_kind == "instance"
    skipped = [w for w in board.workloads if board.placement(w.id) is None]
    prefix = slugify(board.name, fallback="whiteboard")[:20].strip("-_")
    if not prefix or not prefix[0].isalpha():
        prefix = "wb"
    pools = hosts.ec2_host_pools(stubs)
    for pool in pools:
        for stub in pool.stubs:
            stub.instance = pool.instance  # the hosts it runs on are its group's
    return StubSet(board, stubs, grants, skipped, skipped_edges, prefix, pools)
