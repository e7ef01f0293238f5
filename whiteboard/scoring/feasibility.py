"""Hard limits: can this workload run on this target at all, and if not, why not.

Each broken limit becomes one sentence that cites the catalog's limit and the workload's own
value, so the room sees the reason, not just a red cross.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from whiteboard.catalog import Catalog, Limit, ScoringRows, Target
from whiteboard.model import EditionId, TargetId, Workload
from whiteboard.scoring.profile import FEASIBILITY_READS, getter


@dataclass(frozen=True, slots=True, eq=False)
class TargetFacts:
    """The catalog facts the scoring reads, flattened once per catalog for speed.

    Compared and hashed by identity: memo keys hold them, and hashing every field would cost
    more than the lookups save.
    """

    id: TargetId
    name: str
    short_name: str
    billing: str
    #: What one unit of compute is called here, for the size sentences ("one task").
    unit_noun: str
    #: A whole physical host per workload (bare metal): rules about dedicated hosts apply.
    whole_host: bool
    #: Units are replaced at will (tasks, functions): local state does not survive.
    ephemeral: bool
    #: The target's row of every per-target scoring rule.
    rules: ScoringRows
    provider_layers: frozenset[str]
    provider_layer_count: int
    layer_count: int
    #: Name of the lowest layer the customer runs, e.g. "guest OS" (None if the provider runs all).
    first_customer_layer: str | None
    max_runtime_s: float | None
    #: The limit for runs invoked asynchronously or by an event source (jobs), when longer.
    max_async_runtime_s: float | None
    #: OS -> (vCPU, memory GiB, local storage GiB) of the largest unit; None: no limit.
    sizes: dict[str, tuple[float | None, float | None, float | None]]
    #: OSes whose units can have a volume attached for scratch beyond local storage.
    scratch_volume_os: frozenset[str]
    gpu: bool
    hardware_counters: bool
    hardware_virtualisation: bool
    privileged: bool
    licence_byol_per_core: bool
    licence_no_hypervisor: bool
    operating_systems: frozenset[str]
    long_lived_listeners: bool
    sync_request_timeout_s: float | None
    cold_starts: bool
    memory_mib_per_vcpu: float | None
    compliance_programs: frozenset[str]
    #: Compliance regime a workload may name -> (its name, the programme that attests it).
    regimes: dict[str, tuple[str, str]]
    #: False when no AWS page confirmed the target's compliance scope (the list is then empty).
    compliance_confirmed: bool
    #: (limit name, the catalog's value) of every limit no AWS page confirmed: never a hard
    #: limit, but a workload that would break it gets a reason saying it is unconfirmed.
    unconfirmed: tuple[tuple[str, object], ...]
    #: The catalog entry itself, which the cost estimate prices by its sizing rule and fees.
    target: Target


def target_facts(catalog: Catalog, edition: EditionId) -> dict[TargetId, TargetFacts]:
    """Flatten the targets of one edition, in slide order."""
    return {t.id: _facts(catalog, t) for t in catalog.edition_targets(edition)}


def _facts(catalog: Catalog, target: Target) -> TargetFacts:
    limits = target.limits
    layers = [layer for layer in catalog.layers if layer.id != "code"]
    customer = [layer.name for layer in layers if layer.id not in target.provider_layers]
    linux = (
        _number(_hard(limits.max_vcpu, None)),
        _number(_hard(limits.max_memory_gib, None)),
        _number(_hard(limits.max_ephemeral_storage_gib, None)),
    )
    windows_own = (
        _number(_hard(limits.windows_max_vcpu, None)),
        _number(_hard(limits.windows_max_memory_gib, None)),
        _number(_hard(limits.windows_max_ephemeral_storage_gib, None)),
    )
    windows = tuple(
        own if own is not None else general for own, general in zip(windows_own, linux, strict=True)
    )
    return TargetFacts(
        id=target.id,
        name=target.display_name,
        short_name=target.short_name,
        billing=target.traits.billing,
        unit_noun=target.traits.unit_noun,
        whole_host=target.traits.isolation == "physical_host",
        ephemeral=target.traits.ephemeral,
        rules=target.scoring,
        provider_layers=frozenset(target.provider_layers),
        provider_layer_count=len(target.provider_layers),
        layer_count=len(layers),
        first_customer_layer=_lower_first(customer[0]) if customer else None,
        max_runtime_s=_number(_hard(limits.max_runtime_s, None)),
        max_async_runtime_s=_number(_hard(limits.max_async_runtime_s, None)),
        sizes={"linux": linux, "windows": windows},  # type: ignore[dict-item]
        scratch_volume_os=frozenset(_hard(limits.scratch_volume_os, ("linux", "windows"))),  # type: ignore[arg-type]
        gpu=bool(_hard(limits.gpu, True)),
        hardware_counters=bool(_hard(limits.hardware_counters, True)),
        hardware_virtualisation=bool(_hard(limits.hardware_virtualisation, True)),
        privileged=bool(_hard(limits.privileged, True)),
        licence_byol_per_core=bool(_hard(limits.licence_byol_per_core, True)),
        licence_no_hypervisor=bool(_hard(limits.licence_no_hypervisor, True)),
        operating_systems=frozenset(_hard(limits.operating_systems, ("linux", "windows"))),  # type: ignore[arg-type]
        long_lived_listeners=bool(_hard(limits.long_lived_listeners, True)),
        sync_request_timeout_s=_number(_hard(limits.sync_request_timeout_s, None)),
        cold_starts=bool(limits.cold_starts.value),
        memory_mib_per_vcpu=_number(limits.memory_mib_per_vcpu.value),
        compliance_programs=frozenset(limits.compliance_programs.value or ()),  # type: ignore[arg-type]
        compliance_confirmed=limits.compliance_programs.confirmed,
        regimes={r.id: (r.name, r.programme) for r in catalog.compliance_regimes},
        unconfirmed=tuple(
            (name, limit.value) for name, limit in limits.items() if not limit.confirmed
        ),
        target=target,
    )


def _hard(limit: Limit, permissive: object) -> object:
    """The limit's value, or where no AWS page confirms it, the value that blocks nothing:
    an unconfirmed fact is shown with its mark but never makes a workload infeasible."""
    return limit.value if limit.confirmed else permissive


def _lower_first(name: str) -> str:
    """'Guest OS' -> 'guest OS', 'Virtualisation' -> 'virtualisation layer', for sentences."""
    text = name[:1].lower() + name[1:]
    return text if " " in text else f"{text} layer"


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


# -- Formatting --------------------------------------------------------------------------------


def number(value: float) -> str:
    """7200 -> '7,200'; 0.5 -> '0.5'; 16.0 -> '16'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def duration(seconds: float) -> str:
    """900 -> '900 s (15 min)'; 7200 -> '7,200 s (2 h)'; 30 -> '30 s'."""
    text = f"{number(seconds)} s"
    if seconds >= 3600 and seconds % 360 == 0:
        return f"{text} ({number(seconds / 3600)} h)"
    if seconds >= 60 and seconds % 6 == 0:
        return f"{text} ({number(seconds / 60)} min)"
    return text


# -- The checks --------------------------------------------------------------------------------


_MEMO: dict[tuple[object, ...], tuple[tuple[str, ...], ...]] = {}
MEMO_MAX = 100_000
_READ = getter(FEASIBILITY_READS)


def violations_per_target(
    workload: Workload, targets: tuple[TargetFacts, ...]
) -> tuple[tuple[str, ...], ...]:
    """`violations` on each target in the order given, memoised on the fields it reads
    (`profile.FEASIBILITY_READS`)."""
    key = (targets, *_READ(workload))
    found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) >= MEMO_MAX:
            _MEMO.clear()
        found = _MEMO[key] = tuple(violations(workload, t) for t in targets)
    return found


def violations(workload: Workload, target: TargetFacts) -> tuple[str, ...]:
    """One sentence per hard limit the workload breaks on the target; empty when it fits.

    Reads only the fields of `profile.FEASIBILITY_READS` (a test checks it)."""
    w = workload
    name = target.short_name
    found: list[str] = []
    # The operating system first: on a target that does not run it, sizes are beside the point.
    runs_os = w.os in target.operating_systems
    if not runs_os:
        supported = " and ".join(sorted(os.capitalize() for os in target.operating_systems))
        found.append(f"{name} runs {supported} only; this workload runs {w.os.capitalize()}.")
    _check_runtime(found, w, target)
    if runs_os:
        _check_sizes(found, w, target)
    if w.gpu and not target.gpu:
        found.append(f"{name} offers no GPUs; this workload needs one.")
    if w.hardware_counters and not target.hardware_counters:
        found.append(
            f"{name} gives no access to the processor's performance counters; this workload "
            "reads them."
        )
    if w.hardware_virtualisation and not target.hardware_virtualisation:
        found.append(
            f"{name} exposes no hardware virtualisation (Intel VT-x, AMD-V); this workload "
            "runs its own hypervisor or virtual machines."
        )
    if w.privileged and not target.privileged:
        found.append(
            f"{name} allows no privileged containers, daemon sets or host networking; "
            "this workload needs them."
        )
    if w.licence == "byol_per_core" and not target.licence_byol_per_core:
        found.append(
            f"{name} runs on shared hosts, where a licence counted per physical core or socket "
            "cannot be applied; this workload brings such a licence."
        )
    elif w.licence == "no_hypervisor" and not target.licence_no_hypervisor:
        found.append(
            f"{name} puts a hypervisor under the workload; this workload's licence or support "
            "forbids one."
        )
    return tuple(found)


def _check_sizes(found: list[str], w: Workload, target: TargetFacts) -> None:
    name, unit = target.short_name, target.unit_noun
    vcpu, memory, storage = target.sizes[w.os]
    _check_size(found, name, unit, "vCPU", vcpu, w.vcpu, "", w.os)
    _check_size(found, name, unit, "memory", memory, w.memory_gib, " GiB", w.os)
    if w.os not in target.scratch_volume_os:
        _check_size(
            found, name, unit, "local storage", storage, w.ephemeral_storage_gib, " GiB", w.os
        )


def _check_runtime(found: list[str], w: Workload, target: TargetFacts) -> None:
    name = target.short_name
    runtime = w.max_runtime_s
    if w.interface == "long_lived_connections" and not target.long_lived_listeners:
        # However long each session lasts, nothing holds it open between invocations.
        found.append(
            f"{name} holds no connection open between invocations; this workload keeps "
            "connections open (websockets, TCP sessions or leases)."
        )
        return
    if runtime is None and not target.long_lived_listeners:
        if w.interface == "none":
            found.append(
                f"{name} runs code only when invoked; this workload is a process that runs "
                "continuously."
            )
    elif runtime is not None:
        limit = target.max_runtime_s
        if w.interface == "none" and target.max_async_runtime_s is not None:
            limit = target.max_async_runtime_s
        if limit is not None and runtime > limit:
            what = (
                "one request takes up to" if w.interface == "request_response" else "this job runs"
            )
            found.append(
                f"{name} runs at most {duration(limit)} per invocation; {what} {duration(runtime)}."
            )


def _check_size(
    found: list[str],
    name: str,
    noun: str,
    what: str,
    limit: float | None,
    need: float,
    unit: str,
    os: str,
) -> None:
    if limit is not None and need > limit:
        size = "vCPU" if what == "vCPU" else f"of {what}"
        on = " on Windows" if os == "windows" else ""
        found.append(
            f"{name} gives {noun}{on} at most {number(limit)}{unit} {size}; "
            f"this workload needs {number(need)}{unit}."
        )


#: Limit name -> (the workload field, whether the workload needs it, the words for it), per
#: yes/no fact a catalog may leave unconfirmed.
_UNCONFIRMED_NEEDS: dict[str, tuple[str, Callable[[object], bool], str]] = {
    "gpu": ("gpu", bool, "GPUs"),
    "hardware_counters": ("hardware_counters", bool, "the processor's performance counters"),
    "hardware_virtualisation": (
        "hardware_virtualisation",
        bool,
        "hardware virtualisation",
    ),
    "privileged": ("privileged", bool, "privileged containers"),
    "licence_byol_per_core": (
        "licence",
        lambda v: v == "byol_per_core",
        "a place for a licence counted per core",
    ),
    "licence_no_hypervisor": (
        "licence",
        lambda v: v == "no_hypervisor",
        "hosts without a hypervisor",
    ),
}
_UNCONFIRMED_SIZES = {
    "max_vcpu": ("vcpu", "{need} vCPU ({limit} reported)"),
    "max_memory_gib": ("memory_gib", "{need} GiB of memory ({limit} GiB reported)"),
    "max_ephemeral_storage_gib": (
        "ephemeral_storage_gib",
        "{need} GiB of local storage ({limit} GiB reported)",
    ),
    "max_runtime_s": ("max_runtime_s", "runs of {need} s ({limit} s reported)"),
}


def unconfirmed_needs(workload: Workload, target: TargetFacts) -> list[str]:
    """What the workload needs that the target may not give, by facts no AWS page confirmed
    (so not hard limits): e.g. ['physical hosts for its licence', '20 vCPU (16 reported)']."""
    found: list[str] = []
    for name, value in target.unconfirmed:
        if name in _UNCONFIRMED_NEEDS:
            field, needs, words = _UNCONFIRMED_NEEDS[name]
            if needs(getattr(workload, field)) and not value:
                found.append(words)
        elif name in _UNCONFIRMED_SIZES and isinstance(value, int | float):
            field, words = _UNCONFIRMED_SIZES[name]
            need = getattr(workload, field)
            if need is not None and need > value:
                found.append(words.format(need=number(need), limit=number(value)))
    return found


_UnconfirmedFields = tuple[
    Callable[[Workload], tuple[object, ...]] | None, tuple[float | None, ...]
]
_UNCONFIRMED_FIELDS: dict[tuple[TargetFacts, ...], _UnconfirmedFields] = {}


def unconfirmed_key(workload: Workload, targets: tuple[TargetFacts, ...]) -> tuple[object, ...]:
    """The part of a workload `unconfirmed_needs` reads on these targets, as a memo key: empty
    where no target has an unconfirmed fact (the 2018 edition), and a size only once it is over
    the smallest unconfirmed limit, so estates still share their scores."""
    fields = _UNCONFIRMED_FIELDS.get(targets)
    if fields is None:
        fields = _UNCONFIRMED_FIELDS[targets] = _fields_read(targets)
    read, thresholds = fields
    if read is None:
        return ()
    return tuple(
        value if limit is None else (value if value and value > limit else None)  # type: ignore[operator]
        for value, limit in zip(read(workload), thresholds)  # noqa: B905 (same length)
    )


def _fields_read(targets: tuple[TargetFacts, ...]) -> _UnconfirmedFields:
    """A getter of the workload fields the targets' unconfirmed facts concern, and per field the
    smallest unconfirmed limit (None for a yes/no need)."""
    thresholds: dict[str, float | None] = {}
    for target in targets:
        for name, value in target.unconfirmed:
            if name in _UNCONFIRMED_NEEDS:
                thresholds[_UNCONFIRMED_NEEDS[name][0]] = None
            elif name in _UNCONFIRMED_SIZES and isinstance(value, int | float):
                field = _UNCONFIRMED_SIZES[name][0]
                thresholds[field] = min(float(value), thresholds.get(field) or float(value))
    if not thresholds:
        return None, ()
    names = tuple(sorted(thresholds))
    return getter(names), tuple(thresholds[name] for name in names)
