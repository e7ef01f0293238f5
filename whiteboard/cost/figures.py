"""What an estimate is made of: line items, alternatives and the estimate itself, and how
dollars are written. Plain values: the scoring, the views and the exports read them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LineItem:
    """One charge: what is billed, the arithmetic, and the USD it comes to in a month."""

    label: str
    usd: float
    #: False when a price it uses is not confirmed by an AWS source.
    confirmed: bool = True

    def __str__(self) -> str:
        mark = "" if self.confirmed else " (price not confirmed)"
        return f"{self.label} = {usd(self.usd)}{mark}"


@dataclass(frozen=True, slots=True)
class Alternative:
    """The same workload under another way of buying: Spot or a Savings Plan."""

    name: str
    usd_month: float
    #: How the figure follows from the on-demand one, in a few words.
    how: str
    confirmed: bool = True

    def __str__(self) -> str:
        mark = "" if self.confirmed else " (not confirmed)"
        return f"{self.name}: {usd(self.usd_month)} a month, {self.how}{mark}"


@dataclass(frozen=True, slots=True, eq=False)
class Estimate:
    """One workload on one target for a month, on demand, in USD.

    Compared by identity: `estimate` hands out one object per shape, and the scoring's memo
    keys hold estimates, so hashing them must stay in C."""

    target: str
    usd_month: float
    items: tuple[LineItem, ...]
    #: What the figure takes for granted (usage, sizing, packing), one sentence each.
    assumptions: tuple[str, ...]
    alternatives: tuple[Alternative, ...] = ()
    #: Every price the figure rests on is confirmed by an AWS source.
    confirmed: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "confirmed", all(item.confirmed for item in self.items))


def usd(amount: float) -> str:
    """73.584 -> 'USD 73.58'; 12345.6 -> 'USD 12,345.60'; 0.004 -> 'under USD 0.01'."""
    if 0 < amount < 0.005:
        return "under USD 0.01"
    return f"USD {amount:,.2f}"


def rate(price: float) -> str:
    """A unit price as AWS prints it: 0.1008 -> 'USD 0.1008', 0.0000166667 -> 'USD 0.0000166667'."""
    whole, _, decimals = f"{price:.10f}".partition(".")
    return f"USD {whole}.{decimals.rstrip('0').ljust(2, '0')}"
