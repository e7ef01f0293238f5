"""Reading AWS Price List Bulk API offer files: the products a rule asks for and their
on-demand prices.

An offer file (`offers/v1.0/aws/<offerCode>/current/<region>/index.json`) has `formatVersion`,
`offerCode`, `version`, `publicationDate`, `products` by SKU (each with `productFamily` and
`attributes`: `usagetype`, `instanceType`, `operatingSystem`, ...) and `terms.OnDemand[sku]
[offerTermCode].priceDimensions[rateCode]`, whose `pricePerUnit.USD` is a string; a tiered
price has one dimension per tier (`beginRange`, `endRange`). Reserved terms are never read.

Size: the regional AmazonEC2 file is several GB. With `ijson` installed each file is streamed
and only the products some rule asks for are kept; without it `json.load` reads a whole file
into memory, which for EC2 takes many GB of RAM (the other offer files are small).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from whiteboard.cost.prices import PriceTableError
from whiteboard.model.text import clipped, visible

OFFERS_URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws"
#: The services the table prices, by the `offerCode` their offer file names.
OFFER_CODES = ("AmazonEC2", "AWSLambda", "AmazonECS", "AmazonEKS")
#: A usage type's region prefix (`USE1-`, `APN1-`); us-east-1's EC2 and Lambda types have none.
#: `Global-` (Lambda's free tier) is not one, so `Global-Request` never passes for `Request`.
REGION_PREFIX = re.compile(r"^[A-Z]{2,4}\d-")


@dataclass(frozen=True)
class Rule:
    """Which product of an offer file holds a figure: its usage type (without the region
    prefix) and the attributes that tell it from its siblings of the same usage type."""

    offer: str
    usagetype: str
    attributes: tuple[tuple[str, str], ...] = ()

    def matches(self, attributes: Mapping[str, Any]) -> bool:
        return usage_type(attributes) == self.usagetype and all(
            attributes.get(key) == value for key, value in self.attributes
        )

    def describe(self) -> str:
        """Why a product was not taken, alike for every entry of one kind (so they group)."""
        shown = ", ".join(f"{key} {value}" for key, value in self.attributes)
        return f"no on-demand product in {self.offer} of its usage type" + (
            f" with {shown}" if shown else ""
        )


def usage_type(attributes: Mapping[str, Any]) -> str:
    value = attributes.get("usagetype")
    return REGION_PREFIX.sub("", value, count=1) if isinstance(value, str) else ""


@dataclass(frozen=True)
class Found:
    """The on-demand price of the one product a rule matched."""

    usd: float
    sku: str
    attributes: Mapping[str, Any]
    offer: Offer
    #: How many tiers the price has and the first one's range, when it has more than one.
    tiers: int = 1
    first_tier: str = ""

    def count(self, attribute: str) -> int:
        """A whole-number attribute (`vcpu`, `physicalCores`); PriceTableError if it is not."""
        text = str(self.attributes.get(attribute, ""))
        if not text.isdigit() or int(text) == 0:
            raise PriceTableError(
                f"{self.offer.shown}: product {self.sku} has {attribute} {text!r}, "
                "not a whole number"
            )
        return int(text)


@dataclass(frozen=True)
class Offer:
    """One offer file, reduced to the products some rule asked for and their on-demand terms."""

    path: Path
    code: str
    version: str
    published: dt.date
    region: str
    products: dict[str, dict[str, Any]] = field(repr=False)
    on_demand: dict[str, Any] = field(repr=False)

    @property
    def shown(self) -> str:
        return visible(str(self.path))

    @property
    def url(self) -> str:
        """The versioned form of the file's URL: it names exactly the figures read."""
        return f"{OFFERS_URL}/{self.code}/{self.version}/{self.region}/index.json"

    def find(self, rule: Rule, what: str) -> Found | None:
        """The price of the product `rule` matches; PriceTableError when several products
        with different prices match (the rule cannot tell which is meant)."""
        found = [
            price
            for sku, product in self.products.items()
            if product["attrs"].get("regionCode", self.region) == self.region
            and rule.matches({"productFamily": product["productFamily"], **product["attrs"]})
            and (price := self._price(sku, product["attrs"], what)) is not None
        ]
        if len({f.usd for f in found}) > 1:
            listed = ", ".join(f"{f.sku} at {usd_text(f.usd)}" for f in found[:3])
            raise PriceTableError(
                f"{self.shown}: {len(found)} products match {what} with different prices "
                f"({listed}), so the refresh cannot tell which one is meant"
            )
        return found[0] if found else None

    def _price(self, sku: str, attributes: Mapping[str, Any], what: str) -> Found | None:
        dimensions = [
            dimension
            for term in _mapping(self.on_demand.get(sku)).values()
            for dimension in _mapping(_mapping(term).get("priceDimensions")).values()
            if isinstance(dimension, dict)
        ]
        if not dimensions:
            return None  # a product sold only reserved (or not at all) has no on-demand price
        tiers = sorted(dimensions, key=lambda d: _range(d.get("beginRange", "0")))
        first = tiers[0]
        raw = _mapping(first.get("pricePerUnit")).get("USD")
        usd = _number(raw)
        if usd is None or usd < 0:
            raise PriceTableError(
                f"{self.shown}: the on-demand price of product {sku} ({what}) is "
                f"{clipped(repr(raw), 40)}, not a number of USD"
            )
        shown_range = f"{first.get('beginRange', '0')} to {first.get('endRange', 'Inf')}"
        first_tier = f"{shown_range} {first.get('unit', '')}".strip() if len(tiers) > 1 else ""
        return Found(usd, sku, attributes, self, len(tiers), first_tier)


def read_offer(path: Path, wanted: Mapping[str, set[str]], region: str) -> Offer:
    """Read one offer file, keeping the products whose usage type is in `wanted[offerCode]`.

    PriceTableError (one sentence naming the file) when it is not JSON, not an offer file,
    not one of OFFER_CODES, or not an offer of `region`.
    """
    shown = visible(str(path))
    try:
        head, products, regions, on_demand = _load(path, wanted)
    except OSError as error:
        raise PriceTableError(f"{shown}: cannot be read: {error.strerror or error}") from None
    except RecursionError:
        raise PriceTableError(f"{shown}: is nested too deeply to be an offer file") from None
    except ValueError as error:  # bad JSON, from json and from ijson alike
        why = clipped(str(error).splitlines()[0] if str(error) else "")
        raise PriceTableError(f"{shown}: is not valid JSON: {why}") from None
    except _NotAnOffer as error:
        raise PriceTableError(f"{shown}: is not an AWS offer file: {error}") from None
    code, version, published = head
    if region not in regions:
        where = ", ".join(sorted(regions)[:3]) or "no region (no product has a regionCode)"
        raise PriceTableError(
            f"{shown}: is an offer file for {where}, not for the table's region {region}"
        )
    return Offer(path, code, version, published, region, products, on_demand)


class _NotAnOffer(Exception):
    """What makes a JSON file not an offer file, in words."""


_HeadFields = tuple[str, str, dt.date]


def _check_head(raw: Mapping[str, Any]) -> _HeadFields:
    if not str(raw.get("formatVersion", "")).startswith("v1"):
        raise _NotAnOffer("formatVersion is not v1.0")
    code = raw.get("offerCode")
    if code not in OFFER_CODES:
        raise _NotAnOffer(
            f"its offerCode is {clipped(repr(code), 40)}, not one of {', '.join(OFFER_CODES)}"
        )
    version = raw.get("version")
    if not isinstance(version, str) or not re.fullmatch(r"[A-Za-z0-9._-]{1,40}", version):
        raise _NotAnOffer(f"its version is {clipped(repr(version), 40)}")
    try:
        published = dt.datetime.fromisoformat(str(raw.get("publicationDate"))).date()
    except ValueError:
        shown = clipped(repr(raw.get("publicationDate")), 40)
        raise _NotAnOffer(f"its publicationDate {shown} is not a date") from None
    return code, version, published


def _load(
    path: Path, wanted: Mapping[str, set[str]]
) -> tuple[_HeadFields, dict[str, dict[str, Any]], set[str], dict[str, Any]]:
    """(head, wanted products, every product's regionCode, their on-demand terms)."""
    try:
        import ijson
    except ImportError:
        ijson = None
    if ijson is None:
        with open(path, "rb") as handle:
            raw = json.load(handle)
        if not isinstance(raw, dict):
            raise _NotAnOffer("it is not a JSON object")
        head = _check_head(raw)
        products, regions = _keep(_mapping(raw.get("products")).items(), wanted[head[0]])
        terms = raw.get("terms")
    else:
        try:
            head, products, regions, terms = _stream(ijson, path, wanted)
        except ijson.JSONError as error:
            raise ValueError(str(error)) from None
    if not isinstance(terms, dict) or not isinstance(terms.get("OnDemand"), dict):
        raise _NotAnOffer('it has no "terms" with "OnDemand" prices')
    if not products and not regions:
        raise _NotAnOffer('it has no "products"')
    return head, products, regions, terms["OnDemand"]


def _stream(
    ijson: Any, path: Path, wanted: Mapping[str, set[str]]
) -> tuple[_HeadFields, dict[str, dict[str, Any]], set[str], dict[str, Any]]:
    """`_load` by three passes over the file, each holding one product or term at a time.

    A missing OnDemand section reads as an empty one here (finding out would mean walking the
    whole file once more): its entries are then reported as not found.
    """
    with open(path, "rb") as handle:
        top: dict[str, Any] = {}  # AWS writes the file's own fields first, then products
        depth, key = 0, None
        for event, value in ijson.basic_parse(handle):  # no prefixes: linear however deep
            if event in ("start_map", "start_array"):
                if depth == 0 and event == "start_array":
                    raise _NotAnOffer("it is not a JSON object")
                if depth == 1 and key in ("products", "terms"):
                    break
                depth += 1
            elif event in ("end_map", "end_array"):
                depth -= 1
            elif depth == 1 and event == "map_key":
                key = value
            elif depth == 1 and key is not None:
                top[key] = value
    head = _check_head(top)
    with open(path, "rb") as handle:
        products, regions = _keep(ijson.kvitems(handle, "products"), wanted[head[0]])
    with open(path, "rb") as handle:
        pairs = ijson.kvitems(handle, "terms.OnDemand")
        on_demand = {sku: term for sku, term in pairs if sku in products}
    return head, products, regions, {"OnDemand": on_demand}


def _keep(
    products: Iterable[tuple[str, Any]], usage_types: set[str]
) -> tuple[dict[str, dict[str, Any]], set[str]]:
    kept: dict[str, dict[str, Any]] = {}
    regions: set[str] = set()
    for sku, product in products:
        attributes = _mapping(_mapping(product).get("attributes"))
        if isinstance(code := attributes.get("regionCode"), str) and code:
            regions.add(code)
        if usage_type(attributes) in usage_types:
            family = _mapping(product).get("productFamily")
            kept[sku] = {"productFamily": family, "attrs": attributes}
    return kept, regions


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _number(value: Any) -> float | None:
    """A finite number from the string AWS writes (ijson gives a JSON number as Decimal)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _range(value: Any) -> float:
    number = _number(value)
    return math.inf if number is None else number


def usd_text(usd: float) -> str:
    """A price as people read it: 0.0000166667, 0.1008, 54.6 (no exponent)."""
    return f"{usd:.10f}".rstrip("0").rstrip(".") or "0"
