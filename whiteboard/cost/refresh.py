"""Rebuilding the price table from AWS Price List offer files (`whiteboard prices refresh`).

Four offer files hold what the table prices: AmazonEC2 (instances, Dedicated Hosts, the
Windows licence), AWSLambda, AmazonECS (Fargate) and AmazonEKS; `offers.py` reads them (and
says what their size costs). Each entry of the table is found by one rule below, a usage type
plus the attributes that single out its product; an entry no file covers keeps its figure and
is reported, never guessed. Percentages (fees, Savings Plans) are in no offer file.

Pure Python: no Qt, no network. Nothing is written here; the command writes the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from whiteboard.cost.offers import OFFER_CODES, Found, Offer, Rule, read_offer, usd_text
from whiteboard.cost.prices import PriceTableError
from whiteboard.cost.schema import PriceTable
from whiteboard.model.io import describe_validation_error
from whiteboard.model.text import quoted


@dataclass(frozen=True)
class Derived:
    """A figure the files give only as arithmetic on other products' figures."""

    parts: tuple[Rule, ...]
    combine: Callable[[Sequence[Found]], float]
    #: The entry's note in the table, and its short form in the report.
    note: str
    how: str


def _ec2(usagetype: str, os_name: str = "Linux") -> Rule:
    """On demand, shared tenancy, no pre-installed software, no licence brought."""
    return Rule(
        "AmazonEC2",
        usagetype,
        (
            ("operatingSystem", os_name),
            ("tenancy", "Shared"),
            ("preInstalledSw", "NA"),
            ("licenseModel", "No License required"),
            ("capacitystatus", "Used"),
        ),
    )


def instance_rule(instance_type: str) -> Rule:
    return _ec2(f"BoxUsage:{instance_type}")


def host_rule(family: str) -> Rule:
    return Rule(
        "AmazonEC2",
        f"HostUsage:{family}",
        (("productFamily", "Dedicated Host"), ("capacitystatus", "AllocatedHost")),
    )


#: The type whose Windows and Linux prices give the Windows licence per vCPU, as the table's
#: note on `ec2_windows_licence_vcpu_hour` derives it.
WINDOWS_REFERENCE_TYPE = "m7i.large"


def _windows_uplift(found: Sequence[Found]) -> float:
    linux, windows = found
    return (windows.usd - linux.usd) / windows.count("vcpu")


_EKS_HOURS = Rule("AmazonEKS", "AmazonEKS-Hours:perCluster")

#: Each price id the files hold, by the product (or products) it is read from.
PRICE_RULES: dict[str, Rule | Derived] = {
    "lambda_request": Rule("AWSLambda", "Request"),
    "lambda_gb_second_x86": Rule("AWSLambda", "Lambda-GB-Second"),
    "lambda_gb_second_arm": Rule("AWSLambda", "Lambda-GB-Second-ARM"),
    "lambda_storage_gb_second": Rule("AWSLambda", "Lambda-Storage-GB-Second"),
    "lambda_managed_request": Rule("AWSLambda", "Lambda-Managed-Instances-Request"),
    "fargate_vcpu_hour_linux_x86": Rule("AmazonECS", "Fargate-vCPU-Hours:perCPU"),
    "fargate_gb_hour_linux_x86": Rule("AmazonECS", "Fargate-GB-Hours"),
    "fargate_vcpu_hour_linux_arm": Rule("AmazonECS", "Fargate-ARM-vCPU-Hours:perCPU"),
    "fargate_gb_hour_linux_arm": Rule("AmazonECS", "Fargate-ARM-GB-Hours"),
    "fargate_vcpu_hour_windows": Rule("AmazonECS", "Fargate-Windows-vCPU-Hours:perCPU"),
    "fargate_gb_hour_windows": Rule("AmazonECS", "Fargate-Windows-GB-Hours"),
    "fargate_windows_licence_vcpu_hour": Rule("AmazonECS", "Fargate-Windows-OS-Hours:perCPU"),
    "fargate_storage_gb_hour": Rule("AmazonECS", "Fargate-EphemeralStorage-GB-Hours"),
    "eks_cluster_hour": _EKS_HOURS,
    "eks_cluster_hour_extended": Derived(
        (_EKS_HOURS, Rule("AmazonEKS", "AmazonEKS-Hours:extendedSupport")),
        lambda found: found[0].usd + found[1].usd,
        "Derived from the offer file: AmazonEKS-Hours:perCluster plus the "
        "AmazonEKS-Hours:extendedSupport surcharge.",
        "derived: perCluster + extendedSupport",
    ),
    "ec2_windows_licence_vcpu_hour": Derived(
        (
            instance_rule(WINDOWS_REFERENCE_TYPE),
            _ec2(f"BoxUsage:{WINDOWS_REFERENCE_TYPE}", "Windows"),
        ),
        _windows_uplift,
        "Derived from the offer file: the Windows minus the Linux on-demand price of "
        f"{WINDOWS_REFERENCE_TYPE}, per vCPU.",
        f"derived: Windows - Linux {WINDOWS_REFERENCE_TYPE}, per vCPU",
    ),
}


@dataclass(frozen=True)
class Update:
    """One entry the files priced: its old and new figure and what it was read from."""

    entry: str
    old: float
    new: float
    unit: str
    found: tuple[Found, ...] = field(repr=False)
    #: How the figure was read when it is not one plain price (a first tier, a derivation):
    #: for the table's note, and shorter for the report.
    note: str | None = None
    how: str = ""

    @property
    def offer(self) -> Offer:
        return self.found[0].offer

    def source_fields(self) -> dict[str, Any]:
        return {
            "source": self.offer.url,
            "checked_on": self.offer.published.isoformat(),
            "confirmed": True,
            "note": self.note,
        }


@dataclass(frozen=True)
class RefreshReport:
    checked_on: dt.date
    offers: tuple[Offer, ...]
    #: The figure moved.
    updated: tuple[Update, ...]
    #: The files hold the same figure; only the source and its day move.
    same: tuple[Update, ...]
    #: (entry, why): its service's file was read but no product matched; the entry is kept.
    not_found: tuple[tuple[str, str], ...]
    #: (entry, why): no file given holds it (a percentage, a service not given); kept.
    not_covered: tuple[tuple[str, str], ...]
    #: For a person to look at: sizes a file states differently, summaries quoting a figure
    #: that has just moved. Nothing of these is changed.
    to_check: tuple[str, ...]

    def lines(self) -> list[str]:
        """The report as printed: about one screen, long lists cut with a count."""
        out = [f"Read {len(self.offers)} offer file(s) on {self.checked_on}:"]
        out += [
            f"  {o.code} version {o.version}, published {o.published}: {o.shown}"
            for o in self.offers
        ]
        out.append(f"Updated ({len(self.updated)}):")
        width = max((len(u.entry) for u in self.updated), default=0)
        for u in self.updated:
            how = f" ({u.how})" if u.how else ""
            out.append(
                f"  {u.entry:<{width}}  {usd_text(u.old)} -> {usd_text(u.new)} "
                f"USD per {u.unit}{how}"
            )
        if self.same:
            out.append(f"Unchanged, now sourced from the offer files ({len(self.same)}):")
            out.append(f"  {_names(u.entry for u in self.same)}")
        for title, items in (
            ("Not found in the offer files, kept as they were", self.not_found),
            ("Not covered by the offer files given, kept as they were", self.not_covered),
        ):
            if items:
                out.append(f"{title} ({len(items)}):")
                by_reason: dict[str, list[str]] = {}
                for entry, why in items:
                    by_reason.setdefault(why, []).append(entry)
                out += [f"  {_names(names)}: {why}" for why, names in by_reason.items()]
        if self.to_check:
            out.append(f"Check by hand ({len(self.to_check)}):")
            out += [f"  {line}" for line in self.to_check[:8]]
            if len(self.to_check) > 8:
                out.append(f"  ... and {len(self.to_check) - 8} more")
        return out


def _names(names: Iterable[str], limit: int = 8) -> str:
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def refresh(
    table: PriceTable, offer_paths: Iterable[str | Path], checked_on: dt.date
) -> tuple[PriceTable, RefreshReport]:
    """The table with every figure the offer files hold re-read from them, and what changed.

    An entry found takes the file's on-demand price, the file's versioned URL as its source,
    the file's publication day as its `checked_on`, and becomes confirmed. The `checked_on`
    argument is the day of the refresh: a file published after it is refused. PriceTableError
    (one sentence naming the file) for bad input; nothing is written here.
    """
    offers = _read_all(offer_paths, table, checked_on)
    data = table.model_dump(mode="json")
    found: list[Update] = []
    not_found: list[tuple[str, str]] = []
    not_covered: list[tuple[str, str]] = []
    to_check: list[str] = []

    def look_up(entry: str, spec: Rule | Derived, old: float, unit: str) -> Update | None:
        outcome = _resolve(offers, entry, spec, old, unit)
        if isinstance(outcome, Update):
            found.append(outcome)
            return outcome
        if outcome:
            (not_found if outcome[0] == "not found" else not_covered).append((entry, outcome[1]))
        return None

    for price_id, price in table.prices.items():
        spec = PRICE_RULES.get(price_id)
        if price.unit == "%":
            not_covered.append((price_id, "a percentage, in no offer file"))
        elif spec is None:
            not_covered.append((price_id, "no rule reads it from an offer file"))
        elif update := look_up(price_id, spec, price.usd, price.unit):
            data["prices"][price_id].update(update.source_fields(), usd=update.new)
            if update.new != update.old and re.search(r"\d\.\d", price.summary):
                to_check.append(f"{price_id}: its summary quotes a figure: {quoted(price.summary)}")
    for index, instance in enumerate(table.instances):
        if update := look_up(
            instance.type, instance_rule(instance.type), instance.usd_per_hour, "hour"
        ):
            data["instances"][index].update(update.source_fields(), usd_per_hour=update.new)
            stated = {"vcpu": str(instance.vcpu), "memory": f"{instance.memory_gib:g} GiB"}
            to_check += _size_differences(update, stated)
    for index, host in enumerate(table.dedicated_hosts):
        name = f"{host.family} Dedicated Host"
        if update := look_up(name, host_rule(host.family), host.usd_per_hour, "host-hour"):
            data["dedicated_hosts"][index].update(update.source_fields(), usd_per_hour=update.new)
            to_check += _size_differences(
                update, {"vcpu": str(host.vcpu), "physicalCores": str(host.cores)}
            )
    try:
        refreshed = PriceTable.model_validate(data)
    except ValidationError as error:
        where, problem = describe_validation_error(error)
        raise PriceTableError(f"the refreshed table would be invalid: {where}: {problem}") from None
    report = RefreshReport(
        checked_on,
        tuple(offers.values()),
        tuple(u for u in found if u.new != u.old),
        tuple(u for u in found if u.new == u.old),
        tuple(not_found),
        tuple(not_covered),
        tuple(to_check),
    )
    return refreshed, report


def _resolve(
    offers: Mapping[str, Offer], entry: str, spec: Rule | Derived, old: float, unit: str
) -> Update | tuple[str, str]:
    """The entry's update, or ("not found" | "not covered", why)."""
    rules = spec.parts if isinstance(spec, Derived) else (spec,)
    missing = sorted({rule.offer for rule in rules if rule.offer not in offers})
    if missing:
        return "not covered", f"no {' or '.join(missing)} offer file was given"
    parts = []
    for rule in rules:
        hit = offers[rule.offer].find(rule, entry)
        if hit is None:
            return "not found", rule.describe()
        parts.append(hit)
    if isinstance(spec, Derived):
        # Offer prices have 10 decimals; the arithmetic must not add float noise to them.
        usd = float(f"{spec.combine(parts):.10g}")
        return Update(entry, old, usd, unit, tuple(parts), spec.note, spec.how)
    (hit,) = parts
    if hit.tiers == 1:
        return Update(entry, old, hit.usd, unit, (hit,))
    note = f"The first of {hit.tiers} tiers in the offer file: {hit.first_tier}."
    how = f"first of {hit.tiers} tiers: {hit.first_tier}"
    return Update(entry, old, hit.usd, unit, (hit,), note, how)


def _size_differences(update: Update, stated: Mapping[str, str]) -> list[str]:
    """A line when the offer file states a size other than the table's (which is kept)."""
    attributes = update.found[0].attributes
    differ = [
        f"{key} {attributes[key]!r} (the table: {value!r})"
        for key, value in stated.items()
        if str(attributes.get(key, value)).replace(",", "") != value
    ]
    return [f"{update.entry}: the offer file says {', '.join(differ)}"] if differ else []


def _wanted(table: PriceTable) -> dict[str, set[str]]:
    """The usage types each offer file is searched for (all else in it is skipped)."""
    rules = [instance_rule(i.type) for i in table.instances]
    rules += [host_rule(h.family) for h in table.dedicated_hosts]
    for spec in PRICE_RULES.values():
        rules += spec.parts if isinstance(spec, Derived) else (spec,)
    wanted: dict[str, set[str]] = {code: set() for code in OFFER_CODES}
    for rule in rules:
        wanted[rule.offer].add(rule.usagetype)
    return wanted


def _read_all(
    paths: Iterable[str | Path], table: PriceTable, checked_on: dt.date
) -> dict[str, Offer]:
    wanted = _wanted(table)
    offers: dict[str, Offer] = {}
    for path in map(Path, paths):
        offer = read_offer(path, wanted, table.region)
        if offer.code in offers:
            raise PriceTableError(
                f"{offer.shown}: is a second {offer.code} offer file (the first is "
                f"{offers[offer.code].shown}); give one file per service"
            )
        if offer.published > checked_on + dt.timedelta(days=1):
            raise PriceTableError(
                f"{offer.shown}: is published on {offer.published}, after {checked_on}, the "
                "day of the refresh; check the file and the clock"
            )
        offers[offer.code] = offer
    if not offers:
        raise PriceTableError("no offer file was given")
    return offers
