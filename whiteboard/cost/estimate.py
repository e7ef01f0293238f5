"""What a workload costs a month on a target, in USD, with the line items that make it.

Each target is priced by its sizing rule (the catalog's `terraform.sizing`, which also sizes
its Terraform stub), so the estimate prices the very instance type, task size or function
memory the stub would ask for. Every line item shows its arithmetic ("m7i.large, 730 h x USD
0.1008"), so anyone in the room can check it against AWS's pricing pages, and carries whether
its price is confirmed. Spot and a Savings Plan are alternatives beside the on-demand figure,
never mixed into it. Fees paid once per cluster (an EKS control plane) are not any one
workload's: the board summary (`BoardSummary.costs` in `whiteboard/scoring/summary.py`) adds
one, shared by the container targets.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from operator import attrgetter
from typing import Final

from whiteboard.catalog import Target
from whiteboard.cost import sizing
from whiteboard.cost.figures import Alternative, Estimate, LineItem, rate, usd
from whiteboard.cost.schema import Price, PriceTable
from whiteboard.cost.shapes import (
    BILLED_BY_TIME,
    SHAPE_READS,
    fallback_notes,
    priced_without_gpu,
    shape_of,
    spot_applies,
)
from whiteboard.cost.usage import (
    Usage,
    run_length,
    usage_of,
    usage_of_service,
    usage_sentence,
)
from whiteboard.cost.usage import count as _count
from whiteboard.model import Workload

#: Billing rules of the AWS pricing pages, each checked 2026-12-02. The stored copies of those
#: pages fill in their text client-side, so these are not confirmed from a copy; they shape
#: the arithmetic of an estimate, never a limit on where a workload can run.
#: Instances, tasks and hosts are billed per second with a one-minute minimum per run
#: (https://aws.amazon.com/ec2/pricing/on-demand/, https://aws.amazon.com/fargate/pricing/).
MINIMUM_BILLED_S: Final = 60.0
#: Lambda includes this much /tmp; more is billed per GB-second
#: (https://aws.amazon.com/lambda/pricing/).
LAMBDA_FREE_STORAGE_MB: Final = 512
#: Fargate includes this much ephemeral storage per task; more is billed per GB-hour
#: (https://aws.amazon.com/fargate/pricing/).
FARGATE_FREE_STORAGE_GB: Final = 20
#: Lambda Managed Instances starts this many instances, one per Availability Zone, and keeps
#: them running (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-
#: scaling.html, checked 2026-12-02).
LAMBDA_MANAGED_MIN_INSTANCES: Final = 3
#: What the instance-based figures leave out, said on each of them.
NO_EBS_WORDS: Final = "EBS volumes (its root and data disks) are not in the figure"
BYOL_WORDS: Final = "Its licences are brought (BYOL): not in the figure"
#: The instance family Lambda Managed Instances picks for each memory-per-vCPU ratio.
_ROLE_BY_GIB_PER_VCPU: Final = {2: "compute", 4: "general", 8: "memory"}


# -- the pieces every rule uses -----------------------------------------------------------------


class _Bill:
    """Line items being added up for one estimate."""

    def __init__(self, table: PriceTable) -> None:
        self.table = table
        self.items: list[LineItem] = []
        self.assumptions: list[str] = []
        #: USD of the items a Savings Plan or Spot discounts (compute, not requests or fees).
        self.discountable = 0.0

    def add(self, label: str, amount: float, *prices: Price | bool, compute: bool = True) -> None:
        confirmed = all(p if isinstance(p, bool) else p.confirmed for p in prices)
        self.items.append(LineItem(label, amount, confirmed))
        if compute:
            self.discountable += amount

    def price(self, price_id: str) -> Price:
        return self.table.price(price_id)

    @property
    def total(self) -> float:
        return sum(item.usd for item in self.items)


def _hours(usage: Usage) -> float:
    """Hours a unit is billed in the month: the service's hours, or every run (at least a
    minute each) of a job started for the run and released after it."""
    if usage.job:
        return usage.runs * max(MINIMUM_BILLED_S, usage.run_seconds) / 3600
    return usage.service_hours


def _hours_text(usage: Usage) -> str:
    if usage.job:
        run = max(MINIMUM_BILLED_S, usage.run_seconds)
        return f"{_count(usage.runs)} {_plural(usage.runs, 'run')} x {run_length(run)}"
    return f"{_count(usage.service_hours)} h"


def _plural(count: float, word: str) -> str:
    return word if count == 1 else f"{word}s"


def _kept_usage(bill: _Bill, w: Workload, usage: Usage) -> Usage:
    """A pet's host is kept between its runs (hand-cared, not rebuilt for each one): billed
    all month, as a service would be."""
    if not (usage.job and w.architecture == "pet"):
        return usage
    bill.assumptions.append("A pet keeps its host between runs, so the host is billed all month")
    return usage_of_service(bill.table.hours_per_month)


def _instance_line(bill: _Bill, usage: Usage, size: sizing.InstanceSize, confirmed: bool) -> None:
    hours = _hours(usage)
    bill.add(
        f"{size.instance_type}, {_hours_text(usage)} x {rate(size.usd_per_hour)}",
        hours * size.usd_per_hour,
        confirmed,
    )


def _windows_licence(bill: _Bill, w: Workload, usage: Usage, vcpu: float, share: float = 1) -> None:
    """Licence-included Windows per vCPU-hour; not a discount's to cut (Savings Plans and Spot
    apply to the compute only), and not charged where the licences are brought (BYOL)."""
    if w.os != "windows" or w.licence == "byol_per_core":
        return
    price = bill.price("ec2_windows_licence_vcpu_hour")
    hours = _hours(usage)
    part = f" x {_count(round(share * 100, 1))}%" if share != 1 else ""
    bill.add(
        f"Windows Server licence, {_count(vcpu)} vCPU x {_hours_text(usage)} x "
        f"{rate(price.usd)}{part}",
        vcpu * hours * price.usd * share,
        price,
        compute=False,
    )


def _fallback_notes(bill: _Bill, notes: tuple[str, ...], where: str) -> None:
    """The sizing's note when the workload is bigger than anything here: priced at the
    largest size, which the view already shows cannot run it."""
    bill.assumptions.extend(f"It {note}: {where}" for note in fallback_notes(notes))


def _no_gpu(bill: _Bill, w: Workload, target: Target) -> None:
    if priced_without_gpu(w, target):
        bill.assumptions.append(f"Priced without the GPU it needs: {target.short_name} has none")


# -- one function per sizing rule ---------------------------------------------------------------


def _metal(bill: _Bill, w: Workload, usage: Usage, target: Target) -> None:
    _whole_instance(
        bill, w, usage, sizing.metal_instance(w), "A whole {} host", "smallest bare-metal size"
    )


def _virtual(bill: _Bill, w: Workload, usage: Usage, target: Target) -> None:
    if w.licence == "byol_per_core":
        _dedicated_host(bill, w)
        return
    _whole_instance(
        bill,
        w,
        usage,
        sizing.virtual_instance(w),
        "One {}",
        "cheapest listed type",
        "; add instances for redundancy",
    )


def _whole_instance(
    bill: _Bill,
    w: Workload,
    usage: Usage,
    size: sizing.InstanceSize,
    what: str,
    chosen: str,
    advice: str = "",
) -> None:
    """One instance (or metal host) billed whole for the hours it runs, with its licence."""
    usage = _kept_usage(bill, w, usage)
    _instance_line(bill, usage, size, sizing.price_confirmed(size.instance_type))
    _windows_licence(bill, w, usage, size.vcpu)
    bill.assumptions.append(
        f"{what.format(size.instance_type)} ({size.vcpu} vCPU, {size.memory_gib:g} GiB): the "
        f"{chosen} that holds it{advice}"
    )
    if w.licence == "byol_per_core":
        bill.assumptions.append(BYOL_WORDS)
    bill.assumptions.append(NO_EBS_WORDS)
    _fallback_notes(bill, size.notes, "priced at the largest")


def _dedicated_host(bill: _Bill, w: Workload) -> None:
    """A per-core licence needs a Dedicated Host, allocated for the whole month."""
    host = sizing.dedicated_host(bill.table.dedicated_hosts, w)
    hours = bill.table.hours_per_month
    bill.add(
        f"Dedicated Host {host.family}, {_count(hours)} h x {rate(host.usd_per_hour)}",
        hours * host.usd_per_hour,
        host.confirmed,
    )
    bill.assumptions.append(
        f"Its per-core licence is brought to a Dedicated Host of the {host.family} family "
        f"({host.cores} physical cores, {host.vcpu} vCPU), allocated all month; licensing is by "
        "the host's cores, and the licences themselves are yours"
    )


def _packed(bill: _Bill, w: Workload, usage: Usage, target: Target) -> float:
    """Containers on hosts: the task's share of a host of the cheapest type that holds it.
    Returns the USD of the hosts, on which a management fee may be charged."""
    host = sizing.ecs_host_instance(w)
    share = sizing.host_share(w, host)
    hours = _hours(usage)
    amount = hours * host.usd_per_hour * share
    part = "A whole" if share == 1 else f"{_count(round(share * 100, 1))}% of a"
    bill.add(
        f"{part} {host.instance_type} host, {_hours_text(usage)} x {rate(host.usd_per_hour)}",
        amount,
        sizing.price_confirmed(host.instance_type),
    )
    _windows_licence(bill, w, usage, host.vcpu, share)
    bill.assumptions.append(
        f"Packed with other tasks on {host.instance_type} hosts kept "
        f"{sizing.PACKING_EFFICIENCY:.0%} full on average, so it pays for its share and the "
        "room packing leaves"
    )
    bill.assumptions.append(NO_EBS_WORDS)
    if target.cost.cluster_fee:
        fee = bill.price(target.cost.cluster_fee)
        bill.assumptions.append(
            f"On EKS, the cluster's control plane ({rate(fee.usd)} an hour) is shared by its "
            "workloads: the board total counts it once; ECS charges none"
        )
    return amount


def _managed_hosts(bill: _Bill, w: Workload, usage: Usage, target: Target) -> None:
    hosts = _packed(bill, w, usage, target)
    _management_fee(bill, target, hosts)


def _management_fee(bill: _Bill, target: Target, instances_usd: float) -> None:
    """A fee on the instances' on-demand price: charged on top of them, and not compute a
    Savings Plan or Spot discounts (AWS bills it as the service's own line, not EC2 usage)."""
    if not target.cost.management_fee:
        return
    fee = bill.price(target.cost.management_fee)
    bill.add(
        f"Management fee, {_count(fee.usd)}% of {usd(instances_usd)}",
        instances_usd * fee.usd / 100,
        fee,
        compute=False,
    )


def _fargate(bill: _Bill, w: Workload, usage: Usage, target: Target) -> None:
    _no_gpu(bill, w, target)
    size = sizing.fargate_task_size(w)
    vcpu, memory_gb = size.cpu / 1024, size.memory_mib / 1024
    hours, hours_text = _hours(usage), _hours_text(usage)
    kind = "windows" if w.os == "windows" else "linux_x86"
    cpu_price = bill.price(f"fargate_vcpu_hour_{kind}")
    memory_price = bill.price(f"fargate_gb_hour_{kind}")
    bill.add(
        f"{_count(vcpu)} vCPU x {hours_text} x {rate(cpu_price.usd)}",
        vcpu * hours * cpu_price.usd,
        cpu_price,
    )
    bill.add(
        f"{_count(memory_gb)} GB x {hours_text} x {rate(memory_price.usd)}",
        memory_gb * hours * memory_price.usd,
        memory_price,
    )
    if w.os == "windows":
        licence = bill.price("fargate_windows_licence_vcpu_hour")
        bill.add(
            f"Windows licence, {_count(vcpu)} vCPU x {hours_text} x {rate(licence.usd)}",
            vcpu * hours * licence.usd,
            licence,
            compute=False,
        )
    storage = size.storage_gib or 0
    if storage > FARGATE_FREE_STORAGE_GB:
        price = bill.price("fargate_storage_gb_hour")
        extra = storage - FARGATE_FREE_STORAGE_GB
        bill.add(
            f"{_count(extra)} GB of storage beyond the {FARGATE_FREE_STORAGE_GB} GB included, "
            f"{hours_text} x {rate(price.usd)}",
            extra * hours * price.usd,
            price,
            compute=False,
        )
    bill.assumptions.append(
        f"One task of {_count(vcpu)} vCPU and {_count(memory_gb)} GB: the smallest Fargate size "
        "that holds it"
    )
    _fallback_notes(bill, size.notes, "priced at the largest size")


def _function(bill: _Bill, w: Workload, usage: Usage, target: Target) -> None:
    _no_gpu(bill, w, target)
    size = sizing.lambda_size(w)
    memory_gb = size.memory_mb / 1024
    calls, seconds = usage.invocations, usage.invocation_seconds
    if not usage.job and w.interface != "request_response" and usage.service_hours:
        bill.assumptions.append("Each message it handles is one invocation")
    requests = bill.price("lambda_request")
    bill.add(
        f"{_count(calls)} {'invocations' if usage.job else 'requests'} x "
        f"{rate(requests.usd * 1_000_000)} per million",
        calls * requests.usd,
        requests,
        compute=False,
    )
    duration = bill.price("lambda_gb_second_x86")
    gb_seconds = calls * seconds * memory_gb
    bill.add(
        f"{_count(round(gb_seconds))} GB-s ({_count(calls)} x {_count(seconds * 1000)} ms x "
        f"{_count(round(memory_gb, 3))} GB) x {rate(duration.usd)}",
        gb_seconds * duration.usd,
        duration,
    )
    extra_mb = size.storage_mb - LAMBDA_FREE_STORAGE_MB
    if extra_mb > 0:
        price = bill.price("lambda_storage_gb_second")
        storage_gb_s = calls * seconds * extra_mb / 1024
        bill.add(
            f"{_count(round(storage_gb_s))} GB-s of /tmp beyond 512 MB x {rate(price.usd)}",
            storage_gb_s * price.usd,
            price,
            compute=False,
        )
    bill.assumptions.append(
        f"{_count(size.memory_mb)} MB of memory, which brings about "
        f"{_count(round(size.memory_mb / sizing.LAMBDA_MB_PER_VCPU, 2))} vCPU; no free tier"
    )
    _fallback_notes(bill, size.notes, "priced at the largest")


def _function_on_instances(bill: _Bill, w: Workload, usage: Usage, target: Target) -> None:
    _no_gpu(bill, w, target)
    size = sizing.managed_instances_function_size(w)
    role = _ROLE_BY_GIB_PER_VCPU[size.memory_gib_per_vcpu]
    table = sizing.instance_rows(role)
    instance = next((row for row in table if row[1] >= size.vcpu), table[-1])
    name, vcpu, memory, price = instance
    hours = bill.table.hours_per_month
    count = LAMBDA_MANAGED_MIN_INSTANCES
    instances_usd = count * hours * price
    bill.add(
        f"{count} x {name}, {_count(hours)} h x {rate(price)}",
        instances_usd,
        sizing.price_confirmed(name),
    )
    _management_fee(bill, target, instances_usd)
    requests = bill.price("lambda_managed_request")
    calls = usage.invocations
    bill.add(
        f"{_count(calls)} requests x {rate(requests.usd * 1_000_000)} per million",
        calls * requests.usd,
        requests,
        compute=False,
    )
    bill.assumptions.append(
        f"Lambda keeps {count} {name} instances ({vcpu} vCPU, {memory:g} GiB) running all "
        "month, one per Availability Zone; their execution environments serve many requests "
        "at once, so more traffic fills them before it adds instances"
    )


_RULES: dict[str, Callable[[_Bill, Workload, Usage, Target], None]] = {
    "metal_instance": _metal,
    "virtual_instance": _virtual,
    "ecs_task_on_hosts": _packed,
    "ecs_task_on_managed_instances": _managed_hosts,
    "fargate_task": _fargate,
    "function": _function,
    "function_on_managed_instances": _function_on_instances,
}


# -- alternatives -------------------------------------------------------------------------------


def _alternatives(bill: _Bill, w: Workload, usage: Usage, target: Target) -> list[Alternative]:
    found: list[Alternative] = []
    total = bill.total
    plan_id = target.cost.savings_plan
    if plan_id and not usage.job and bill.discountable:
        plan = bill.price(plan_id)
        saved = bill.discountable * plan.usd / 100
        found.append(
            Alternative(
                "1-year Compute Savings Plan",
                total - saved,
                f"{_count(plan.usd)}% off {usd(bill.discountable)} of steady compute",
                plan.confirmed,
            )
        )
    spot = target.limits.spot_discount_pct
    if spot_applies(w, target) and bill.discountable:
        pct = float(spot.value)  # type: ignore[arg-type]
        found.append(
            Alternative(
                "Spot",
                total - bill.discountable * pct / 100,
                f"{_count(pct)}% off the compute at its deepest discount, capacity reclaimed at "
                "two minutes' notice",
                spot.confirmed,
            )
        )
    return found


# -- the estimate -------------------------------------------------------------------------------


def estimate(w: Workload, target: Target, table: PriceTable) -> Estimate:
    """The workload on the target for one month, on demand, with its line items.

    Memoised per price table on the workload's usage and sized shape (`shapes.shape_of`):
    workloads that buy the same thing share one estimate."""
    return estimates(w, (target,), table)[0]  # type: ignore[return-value]


def estimates(
    w: Workload,
    targets: Sequence[Target],
    table: PriceTable,
    skip: Sequence[object] | None = None,
) -> tuple[Estimate | None, ...]:
    """`estimate` on each of the targets, in the order given; None for each target whose
    `skip` entry is true (one that cannot run the workload).

    The scoring calls this once per workload on a board of thousands, so the usage is worked
    out once, and targets whose shapes read the same fields (the four instance targets) share
    one memo key."""
    usage = usage_of(w, table.hours_per_month)
    found: list[Estimate | None] = [None] * len(targets)
    for read, by_time, lanes in _plan(table, targets):
        fields = read(w)
        key = (usage.billed_id if by_time else usage, fields)
        for index, lane in lanes:
            if skip is not None and skip[index]:
                continue
            known = lane.by_fields.get(key)
            if known is None:
                known = lane.priced(w, usage, key, fields)
            found[index] = known
    return tuple(found)


#: Entries a memo keeps before it starts afresh.
MEMO_MAX: Final = 100_000


class _Lane:
    """One target under one price table, with its three memos: on the fields its shape reads
    with the usage (a lookup in C for most workloads), on those fields alone (the shape they
    size to), and on the shape with the usage (workloads of different fields that size alike,
    `shapes.shape_of`)."""

    __slots__ = ("by_fields", "by_shape", "shapes", "table", "target")

    def __init__(self, target: Target, table: PriceTable) -> None:
        self.target, self.table = target, table
        self.by_fields: dict[Hashable, Estimate] = {}
        self.shapes: dict[Hashable, int] = {}
        self.by_shape: dict[tuple[object, int], Estimate] = {}

    def priced(
        self, w: Workload, usage: Usage, key: tuple[object, Hashable], fields: Hashable
    ) -> Estimate:
        """The estimate of a workload `by_fields` does not know yet (`key`: its entry there)."""
        if len(self.by_fields) >= MEMO_MAX:
            self.by_fields.clear()
            self.shapes.clear()
            self.by_shape.clear()
        shape = self.shapes.get(fields)
        if shape is None:
            shape = self.shapes[fields] = _shape_id(shape_of(w, self.target))
        by_shape = (key[0], shape)
        known = self.by_shape.get(by_shape)
        if known is None:
            known = self.by_shape[by_shape] = _priced(w, usage, self.target, self.table)
        self.by_fields[key] = known
        return known


#: Shape -> its number: the lanes key their estimates on it, which hashes at once where a
#: shape (nested tuples) is hashed item by item. Never cleared, so a number means one shape.
_SHAPE_IDS: dict[Hashable, int] = {}


def _shape_id(shape: Hashable) -> int:
    return _SHAPE_IDS.setdefault(shape, len(_SHAPE_IDS))


#: One group of a plan: the fields its targets' shapes read, whether their estimates read only
#: the billed time of the usage, and (position in the targets given, lane) of each target.
_Group = tuple[Callable[[Workload], Hashable], bool, tuple[tuple[int, _Lane], ...]]
#: (id(table), the targets' ids) -> the table, the targets and their plan; holding them keeps
#: the ids from being reused while the entry lives.
_PLANS: dict[tuple[int, tuple[int, ...]], tuple[PriceTable, tuple[_Group, ...]]] = {}


def _plan(table: PriceTable, targets: Sequence[Target]) -> tuple[_Group, ...]:
    key = (id(table), tuple(map(id, targets)))
    found = _PLANS.get(key)
    if found is None or found[0] is not table:
        groups: dict[tuple[tuple[str, ...], bool], list[tuple[int, _Lane]]] = {}
        for index, target in enumerate(targets):
            rule = target.terraform.sizing
            reads = (SHAPE_READS[rule], rule in BILLED_BY_TIME)
            groups.setdefault(reads, []).append((index, _lane(table, target)))
        plan = tuple(
            (attrgetter(*reads), by_time, tuple(lanes))
            for (reads, by_time), lanes in groups.items()
        )
        found = _PLANS[key] = (table, plan)
    return found[1]


_BY_TARGET: dict[tuple[int, int], tuple[PriceTable, Target, _Lane]] = {}


def _lane(table: PriceTable, target: Target) -> _Lane:
    """The one lane of a target under a table, whichever tuple of targets asks for it."""
    found = _BY_TARGET.get((id(table), id(target)))
    if found is None or found[0] is not table or found[1] is not target:
        found = _BY_TARGET[(id(table), id(target))] = (table, target, _Lane(target, table))
    return found[2]


def _priced(w: Workload, usage: Usage, target: Target, table: PriceTable) -> Estimate:
    bill = _Bill(table)
    _RULES[target.terraform.sizing](bill, w, usage, target)
    by_requests = target.terraform.sizing not in BILLED_BY_TIME
    bill.assumptions.insert(0, usage_sentence(usage, requests=by_requests))
    return Estimate(
        target=target.id,
        usd_month=bill.total,
        items=tuple(bill.items),
        assumptions=tuple(bill.assumptions),
        alternatives=tuple(_alternatives(bill, w, usage, target)),
    )


#: The workload fields any estimate reads: memo keys of the scoring are built from these.
ESTIMATE_READS: Final = (
    "architecture",
    "stateful",
    "max_runtime_s",
    "interface",
    "hours_per_month",
    "runs_per_month",
    "requests_per_month",
    "avg_duration_ms",
    "vcpu",
    "memory_gib",
    "ephemeral_storage_gib",
    "gpu",
    "licence",
    "os",
    "traffic",
)
