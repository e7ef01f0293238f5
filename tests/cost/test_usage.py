"""How much a workload runs: its own usage fields, or the defaults for its traffic."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from whiteboard.cost.usage import (
    DEFAULT_AVG_DURATION_MS,
    DEFAULT_REQUESTS_PER_MONTH,
    DEFAULT_RUNS_PER_MONTH,
    count,
    run_length,
    usage_of,
    usage_sentence,
)
from whiteboard.model import Workload

MONTH = 730.0
TRAFFIC = ("steady", "spiky", "event_driven", "idle")


def service(**fields: object) -> Workload:
    return Workload(id="svc", name="Service", **fields)  # type: ignore[arg-type]


def job(**fields: object) -> Workload:
    fields = {"interface": "none", "max_runtime_s": 300, **fields}
    return Workload(id="job", name="Job", **fields)  # type: ignore[arg-type]


def test_the_defaults_cover_every_traffic_pattern() -> None:
    assert set(DEFAULT_REQUESTS_PER_MONTH) == set(TRAFFIC) == set(DEFAULT_RUNS_PER_MONTH)


@pytest.mark.parametrize(
    ("traffic", "requests"),
    [("steady", 10_000_000), ("spiky", 5_000_000), ("event_driven", 1_000_000), ("idle", 100_000)],
)
def test_service_defaults_by_traffic(traffic: str, requests: int) -> None:
    usage = usage_of(service(traffic=traffic), MONTH)
    assert not usage.job
    assert usage.service_hours == MONTH
    assert usage.requests == requests
    assert usage.avg_duration_ms == DEFAULT_AVG_DURATION_MS == 200
    assert usage.defaulted == ("hours_per_month", "requests_per_month", "avg_duration_ms")
    assert usage.invocations == requests
    assert usage.invocation_seconds == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("traffic", "runs"),
    [("steady", 730), ("spiky", 30), ("event_driven", 3_000), ("idle", 30)],
)
def test_job_defaults_by_traffic(traffic: str, runs: int) -> None:
    usage = usage_of(job(traffic=traffic), MONTH)
    assert usage.job
    assert usage.runs == runs
    assert usage.run_seconds == 300  # the longest run: the estimate errs high
    assert usage.defaulted == ("runs_per_month",)
    assert (usage.invocations, usage.invocation_seconds) == (runs, 300)


def test_an_hourly_job_runs_once_per_hour_of_the_month() -> None:
    assert usage_of(job(traffic="steady"), MONTH).runs == MONTH


def test_explicit_fields_override_the_defaults() -> None:
    usage = usage_of(
        service(traffic="idle", hours_per_month=200, requests_per_month=42, avg_duration_ms=15),
        MONTH,
    )
    assert (usage.service_hours, usage.requests, usage.avg_duration_ms) == (200, 42, 15)
    assert usage.defaulted == ()
    partly = usage_of(service(requests_per_month=0), MONTH)
    assert partly.requests == 0  # zero is a figure, not a missing one
    assert partly.defaulted == ("hours_per_month", "avg_duration_ms")
    ran = usage_of(job(runs_per_month=4), MONTH)
    assert ran.runs == 4 and ran.defaulted == ()


def test_hours_never_exceed_the_month() -> None:
    assert usage_of(service(hours_per_month=744), MONTH).service_hours == MONTH


def test_the_default_request_time_fits_the_shortest_run_a_board_can_set() -> None:
    # max_runtime_s is whole seconds, at least 1: the 200 ms default always fits under it.
    assert usage_of(service(max_runtime_s=1), MONTH).avg_duration_ms == DEFAULT_AVG_DURATION_MS
    assert usage_of(service(max_runtime_s=1, avg_duration_ms=999), MONTH).avg_duration_ms == 999


def test_an_average_longer_than_the_longest_run_is_refused() -> None:
    with pytest.raises(ValidationError, match="avg_duration_ms"):
        service(max_runtime_s=2, avg_duration_ms=2001)
    assert service(max_runtime_s=2, avg_duration_ms=2000).avg_duration_ms == 2000


def test_the_sentence_names_the_defaults() -> None:
    assert usage_sentence(usage_of(service(), MONTH)) == (
        "Runs 730 h a month, answering 10,000,000 requests of 200 ms on average (defaults for "
        "its traffic: hours a month, requests a month, average request time; set them on the "
        "workload)"
    )
    assert usage_sentence(usage_of(job(runs_per_month=30, max_runtime_s=7200), MONTH)) == (
        "30 runs a month of up to 2 h each"
    )


@pytest.mark.parametrize(
    ("value", "text"), [(7200, "7,200"), (0.625, "0.62"), (16.0, "16"), (0.25, "0.25")]
)
def test_count(value: float, text: str) -> None:
    assert count(value) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(7200, "2 h"), (1800, "30 min"), (30, "30 s"), (5400, "1.5 h"), (90, "90 s"), (60, "1 min")],
)
def test_run_length(seconds: float, text: str) -> None:
    assert run_length(seconds) == text
