"""The mapping rules shared by the importers (docs/inventory.md writes them down)."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from whiteboard.inventory.errors import error
from whiteboard.inventory.report import Tally
from whiteboard.model import slugify
from whiteboard.model.text import quoted

#: Average CPU below this (percent) reads as idle.
IDLE_CPU_PCT = 5.0
#: Peak CPU this many times the average (or more) reads as spiky.
SPIKY_RATIO = 3.0
WINDOWS_WORDS = ("windows", "microsoft", "win2k", "win20", "winnet", "winxp", "win10", "win11")
LINUX_WORDS = (
    "linux",
    "ubuntu",
    "debian",
    "centos",
    "red hat",
    "redhat",
    "rhel",
    "suse",
    "sles",
    "oracle",
    "amazon",
    "fedora",
    "rocky",
    "alma",
    "photon",
    "coreos",
    "flatcar",
    "unix",
    "freebsd",
    "solaris",
    "aix",
    "other 2.6",
    "other 3.x",
    "other 4.x",
    "other 5.x",
)


class Row:
    """One row's cells by column name, with the source and row number for error lines."""

    __slots__ = ("cells", "index", "number", "source")

    def __init__(self, index: dict[str, int], cells: Sequence[Any], number: int, source: str):
        self.index, self.cells, self.number, self.source = index, cells, number, source

    def text(self, *columns: str) -> str:
        """The first non-blank cell of `columns`, as stripped text ('' if none)."""
        for column in columns:
            at = self.index.get(column)
            if at is None or at >= len(self.cells):
                continue
            value = self.cells[at]
            if value is None:
                continue
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            text = str(value).strip()
            if text:
                return text
        return ""

    def column_of(self, *columns: str) -> str:
        return next((c for c in columns if self.text(c)), columns[0])

    def number_of(self, *columns: str) -> float | None:
        """The cell as a finite number ≥ 0 (None if blank); anything else is an error line."""
        text = self.text(*columns)
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise error(
                self.source,
                self.number,
                f"{quoted(text)} is not a number",
                self.column_of(*columns),
            )
        return value

    def flag(self, *columns: str) -> bool:
        return self.text(*columns).lower() in ("true", "yes", "1", "y")


def column_index(header: Iterable[str]) -> dict[str, int]:
    """Column name -> position; Azure Migrate's required columns start with '*', also found
    without it. The first of a repeated name wins."""
    index: dict[str, int] = {}
    for at, name in enumerate(header):
        index.setdefault(name, at)
        index.setdefault(name.lstrip("*").strip(), at)
    return index


def os_of(texts: Iterable[str], tally: Tally) -> str:
    """'windows' or 'linux' from the first non-blank OS text; unknown ones noted as linux."""
    shown = ""
    for text in texts:
        if not text:
            continue
        shown = shown or text
        lower = text.lower()
        if any(word in lower for word in WINDOWS_WORDS):
            return "windows"
        if any(word in lower for word in LINUX_WORDS):
            return "linux"
    tally.default("os")
    if shown:
        tally.unknown_os[shown] += 1
    return "linux"


def traffic_of(avg: float | None, peak: float | None, tally: Tally) -> str | None:
    """Average CPU below 5 % -> idle; peak at least 3x the average -> spiky; else steady.
    No utilisation: None (the workload's default), counted as defaulted."""
    if avg is None:
        tally.default("traffic")
        return None
    if avg < IDLE_CPU_PCT:
        return "idle"
    if peak is not None and peak >= SPIKY_RATIO * avg:
        return "spiky"
    return "steady"


def gib(mib: float | None, row: Row, column: str, tally: Tally) -> float | None:
    """MiB (or MB, which these tools mean as MiB) -> GiB, to 3 decimals; blank or 0 -> None."""
    if not mib:
        tally.default(column)
        return None
    return round(mib / 1024, 3) or 0.001


class Ids:
    """Slug ids from names, unique against `taken` and each other with -2, -3 ... suffixes.
    The same file (and the same taken ids) always gives the same ids."""

    def __init__(self, taken: Collection[str]):
        self.taken = set(taken)

    def new(self, name: str) -> str:
        base = slugify(name)
        candidate, n = base, 2
        while candidate in self.taken:
            suffix = f"-{n}"
            candidate = base[: 64 - len(suffix)].rstrip("-_") + suffix
            n += 1
        self.taken.add(candidate)
        return candidate
