"""Hard limits: can this workload run on this target at all, and if not, why not.

Each broken limit becomes one sentence that cites the catalog's limit and the workload's own
value, so the room sees the reason, not just a red cross.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from whiteboard.catalog import Catalog, Limit, ScoringRows, Target
from whiteboard.model import EditionId, TargetId, Workload


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
    max_vcpu: float | None
    max_memory_gib: float | None
    max_ephemeral_storage_gib: float | None
    gpu: bool
    hardware_access: bool
    privileged: bool
    license_physical_hosts: bool
    operating_systems: frozenset[str]
    long_lived_listeners: bool
    cold_starts: bool
    control_plane_fee_usd_per_hour: float
    compliance_programs: frozenset[str]
    #: False when no AWS page confirmed the target's compliance scope (the list is then empty).
    compliance_confirmed: bool
    #: (limit name, the catalog's value) of every limit no AWS page confirmed: never a hard
    #: limit, but a workload that would break it gets a reason saying it is unconfirmed.
    unconfirmed: tuple[tuple[str, object], ...]


def target_facts(catalog: Catalog, edition: EditionId) -> dict[TargetId, TargetFacts]:
    """Flatten the targets of one edition, in slide order."""
    return {t.id: _facts(catalog, t) for t in catalog.edition_targets(edition)}


def _facts(catalog: Catalog, target: Target) -> TargetFacts:
    limits = target.limits
    layers = [layer for layer in catalog.layers if layer.id != "code"]
    customer = [layer.name for layer in layers if layer.id not in target.provider_layers]
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
        max_vcpu=_number(_hard(limits.max_vcpu, None)),
        max_memory_gib=_number(_hard(limits.max_memory_gib, None)),
        max_ephemeral_storage_gib=_number(_hard(limits.max_ephemeral_storage_gib, None)),
        gpu=bool(_hard(limits.gpu, True)),
        hardware_access=bool(_hard(limits.hardware_access, True)),
        privileged=bool(_hard(limits.privileged, True)),
        license_physical_hosts=bool(_hard(limits.license_physical_hosts, True)),
        operating_systems=frozenset(_hard(limits.operating_systems, ("linux", "windows"))),
        long_lived_listeners=bool(_hard(limits.long_lived_listeners, True)),
        cold_starts=bool(limits.cold_starts.value),
        control_plane_fee_usd_per_hour=float(limits.control_plane_fee_usd_per_hour.value or 0),
        compliance_programs=frozenset(limits.compliance_programs.value or ()),  # type: ignore[arg-type]
        compliance_confirmed=limits.compliance_programs.confirmed,
        unconfirmed=tuple(
            (name, limit.value) for name, limit in limits.items() if not limit.confirmed
        ),
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


def violations_per_target(
    workload: Workload, targets: tuple[TargetFacts, ...]
) -> tuple[tuple[str, ...], ...]:
    """`violations` on each target in the order given, memoised on the fields it reads."""
    w = workload
    key = (
        targets,
        w.max_runtime_s,
        w.vcpu,
        w.memory_gib,
        w.ephemeral_storage_gib,
        w.gpu,
        w.hardware_access,
        w.privileged,
        w.license_requires_physical,
        w.os,
    )
    found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) >= MEMO_MAX:
            _MEMO.clear()
        found = _MEMO[key] = tuple(violations(workload, t) for t in targets)
    return found


def violations(workload: Workload, target: TargetFacts) -> tuple[str, ...]:
    """One sentence per hard limit the workload breaks on the target; empty when it fits.

    Every workload field read here must be in the memo key of `violations_per_target`.
    """
    name = target.short_name
    found: list[str] = []
    runtime = workload.max_runtime_s
    if runtime is None and not target.long_lived_listeners:
        found.append(
            f"{name} runs code only per invocation, with no always-on listener; "
            "this workload is an always-on service."
        )
    elif runtime is not None and runtime > (target.max_runtime_s or runtime):
        found.append(
            f"{name} runs at most {duration(target.max_runtime_s)} per invocation; "
            f"this job runs {duration(runtime)}."
        )
    unit = target.unit_noun
    _check_size(found, name, unit, "vCPU", target.max_vcpu, workload.vcpu, "")
    _check_size(found, name, unit, "memory", target.max_memory_gib, workload.memory_gib, " GiB")
    storage = workload.ephemeral_storage_gib
    _check_size(
        found, name, unit, "local storage", target.max_ephemeral_storage_gib, storage, " GiB"
    )
    if workload.gpu and not target.gpu:
        found.append(f"{name} offers no GPUs; this workload needs one.")
    if workload.hardware_access and not target.hardware_access:
        found.append(
            f"{name} puts a hypervisor between the workload and the processor; this workload "
            "needs hardware features (performance counters, hardware virtualisation)."
        )
    if workload.privileged and not target.privileged:
        found.append(
            f"{name} allows no privileged containers, daemon sets or host networking; "
            "this workload needs them."
        )
    if workload.license_requires_physical and not target.license_physical_hosts:
        found.append(
            f"{name} runs on virtualised capacity; this workload's licence demands physical hosts."
        )
    if workload.os not in target.operating_systems:
        supported = " and ".join(sorted(os.capitalize() for os in target.operating_systems))
        needs = workload.os.capitalize()
        found.append(f"{name} runs {supported} only; this workload runs {needs}.")
    return tuple(found)


def _check_size(
    found: list[str],
    name: str,
    noun: str,
    what: str,
    limit: float | None,
    need: float,
    unit: str,
) -> None:
    if limit is not None and need > limit:
        size = "vCPU" if what == "vCPU" else f"of {what}"
        found.append(
            f"{name} gives {noun} at most {number(limit)}{unit} {size}; "
            f"this workload needs {number(need)}{unit}."
        )


#: Workload need -> the words for it, per limit name a catalog fact may leave unconfirmed.
_UNCONFIRMED_NEEDS = {
    "gpu": ("gpu", "GPUs"),
    "hardware_access": ("hardware_access", "direct hardware access"),
    "privileged": ("privileged", "privileged containers"),
    "license_physical_hosts": ("license_requires_physical", "physical hosts for its licence"),
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
            field, words = _UNCONFIRMED_NEEDS[name]
            if getattr(workload, field) and not value:
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
    getter, thresholds = fields
    if getter is None:
        return ()
    return tuple(
        bool(value) if limit is None else (value if value and value > limit else None)  # type: ignore[operator]
        for value, limit in zip(getter(workload), thresholds)  # noqa: B905 (same length)
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
    names = sorted(thresholds)
    getter = attrgetter(*names) if len(names) > 1 else (lambda w, n=names[0]: (getattr(w, n),))
    return getter, tuple(thresholds[name] for name in names)  # type: ignore[return-value]
