"""How much a workload runs in a month: its own usage fields, or defaults from its traffic.

A board may say nothing about usage (every field null): the estimate then uses the defaults
below, and says so in its assumptions, so the room can correct the one figure that is wrong
instead of trusting a number nobody typed. docs/prices.md lists the same defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Final

from whiteboard.model import Workload

#: Requests (or messages) a month a service answers, by traffic, when the board does not say:
#: steady about 4 a second, spiky 2 on average, event-driven about 23 a minute, idle about 140
#: an hour.
DEFAULT_REQUESTS_PER_MONTH: Final = {
    "steady": 10_000_000,
    "spiky": 5_000_000,
    "event_driven": 1_000_000,
    "idle": 100_000,
}
#: Milliseconds one request takes on average when the board does not say (never more than the
#: workload's own longest run).
DEFAULT_AVG_DURATION_MS: Final = 200.0
#: Runs a month of a job, by traffic: steady every hour (of the estimate's 730-hour month, the
#: same month a service is up), spiky and idle once a day (a nightly job), event-driven about a
#: hundred a day.
DEFAULT_RUNS_PER_MONTH: Final = {
    "steady": 730,
    "spiky": 30,
    "event_driven": 3_000,
    "idle": 30,
}


#: Billed time -> its number (`Usage.billed_id`); never cleared, so a number always means one
#: billed time (an estate has a few dozen).
_BILLED_IDS: dict[tuple[object, ...], int] = {}
#: The usage fields that decide the billed time: a job's runs, a service's hours.
TIME_FIELDS: Final = ("hours_per_month", "runs_per_month")


@dataclass(frozen=True, slots=True, eq=False)
class Usage:
    """A month of one workload, whatever it runs on. Compared by identity: `usage_of` hands
    out one object per pattern, and the estimate's memo keys hold it."""

    #: A job: runs that end (`Workload.runs_as_job`); otherwise a service.
    job: bool
    #: Hours the service is up (all month unless the board says less); for a job, unused.
    service_hours: float
    #: A job's runs and how long each takes (its `max_runtime_s`: the estimate assumes the
    #: longest, so it errs high); zero for a service.
    runs: float
    run_seconds: float
    #: Requests (or messages) a service answers and how long each takes on average: what a
    #: function is paid by.
    requests: float
    avg_duration_ms: float
    #: The usage fields that came from the defaults, in field order.
    defaulted: tuple[str, ...]
    #: What capacity billed by the hour or second reads of it: a job's runs and their length,
    #: or a service's hours, with the defaulted fields among them. Estimates of such capacity
    #: are memoised on it, so it is worked out once, here.
    billed_time: tuple[object, ...] = field(init=False)
    #: One number per distinct `billed_time`: memo keys hold it, since a number hashes at once
    #: where the tuple is hashed item by item on every lookup.
    billed_id: int = field(init=False)

    def __post_init__(self) -> None:
        defaulted = tuple(name for name in self.defaulted if name in TIME_FIELDS)
        if self.job:
            billed: tuple[object, ...] = (True, self.runs, self.run_seconds, defaulted)
        else:
            billed = (False, self.service_hours, defaulted)
        object.__setattr__(self, "billed_time", billed)
        object.__setattr__(self, "billed_id", _BILLED_IDS.setdefault(billed, len(_BILLED_IDS)))

    @property
    def invocations(self) -> float:
        """Calls of a function: a job's runs, or a service's requests."""
        return self.runs if self.job else self.requests

    @property
    def invocation_seconds(self) -> float:
        return self.run_seconds if self.job else self.avg_duration_ms / 1000


#: The workload fields `usage_of` reads (a test reads its code against them).
USAGE_READS: Final = (
    "interface",
    "max_runtime_s",
    "traffic",
    "hours_per_month",
    "runs_per_month",
    "requests_per_month",
    "avg_duration_ms",
)
_read_usage = attrgetter(*USAGE_READS)
_MEMO: dict[tuple[object, ...], Usage] = {}
MEMO_MAX: Final = 100_000


def usage_of(w: Workload, hours_in_month: float) -> Usage:
    """The workload's month: its usage fields where set, the defaults above where not
    (memoised on USAGE_READS: estates repeat a few patterns)."""
    key = (hours_in_month, _read_usage(w))
    found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) >= MEMO_MAX:
            _MEMO.clear()
        found = _MEMO[key] = _usage_of(w, hours_in_month)
    return found


def usage_of_service(hours: float) -> Usage:
    """A host up `hours` a month whatever runs on it (a pet's, kept between its runs)."""
    return Usage(False, float(hours), 0.0, 0.0, 0.0, 0.0, ())


def _usage_of(w: Workload, hours_in_month: float) -> Usage:
    defaulted: list[str] = []
    if w.runs_as_job:
        runs = w.runs_per_month
        if runs is None:
            runs = DEFAULT_RUNS_PER_MONTH[w.traffic]
            defaulted.append("runs_per_month")
        return Usage(
            True, 0.0, float(runs), float(w.max_runtime_s or 0), 0.0, 0.0, tuple(defaulted)
        )
    hours = w.hours_per_month
    if hours is None:
        hours = hours_in_month
        defaulted.append("hours_per_month")
    requests = w.requests_per_month
    if requests is None:
        requests = DEFAULT_REQUESTS_PER_MONTH[w.traffic]
        defaulted.append("requests_per_month")
    duration = w.avg_duration_ms
    if duration is None:
        duration = DEFAULT_AVG_DURATION_MS
        if w.max_runtime_s is not None:
            duration = min(duration, w.max_runtime_s * 1000)
        defaulted.append("avg_duration_ms")
    return Usage(
        False,
        float(min(hours, hours_in_month)),
        0.0,
        0.0,
        float(requests),
        duration,
        tuple(defaulted),
    )


#: What each usage field is called in an assumption sentence.
USAGE_WORDS: Final = {
    "hours_per_month": "hours a month",
    "runs_per_month": "runs a month",
    "requests_per_month": "requests a month",
    "avg_duration_ms": "average request time",
}


def usage_sentence(usage: Usage, requests: bool = True) -> str:
    """The month the estimate assumes, in one sentence, naming the figures that are defaults.
    `requests=False` leaves out a service's requests: on capacity billed by the hour they
    change nothing, so the sentence names only what the figure depends on."""
    if usage.job:
        runs = "run" if usage.runs == 1 else "runs"
        text = f"{count(usage.runs)} {runs} a month of up to {run_length(usage.run_seconds)} each"
    elif requests:
        text = (
            f"Runs {count(usage.service_hours)} h a month, answering {count(usage.requests)} "
            f"requests of {count(usage.avg_duration_ms)} ms on average"
        )
    else:
        text = f"Runs {count(usage.service_hours)} h a month"
    defaulted = usage.defaulted if requests else usage.billed_time[-1]
    if defaulted:
        named = ", ".join(USAGE_WORDS[name] for name in defaulted)
        text += f" (defaults for its traffic: {named}; set them on the workload)"
    return text


def count(value: float) -> str:
    """7200 -> '7,200'; 0.625 -> '0.62'; 16.0 -> '16'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def run_length(seconds: float) -> str:
    """7200 -> '2 h', 1800 -> '30 min', 30 -> '30 s', 5400 -> '1.5 h'."""
    if seconds >= 3600:
        return f"{count(round(seconds / 3600, 2))} h"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{count(seconds / 60)} min"
    return f"{count(seconds)} s"
