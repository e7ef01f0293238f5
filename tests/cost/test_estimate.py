"""The estimate's behaviour: what each rule bills, which alternatives appear, how it reads."""

from __future__ import annotations

import pytest

from whiteboard.catalog import Target, default_catalog
from whiteboard.cost import sizing
from whiteboard.cost.estimate import (
    FARGATE_FREE_STORAGE_GB,
    LAMBDA_FREE_STORAGE_MB,
    MINIMUM_BILLED_S,
    Estimate,
    LineItem,
    estimate,
    rate,
    usd,
)
from whiteboard.cost.prices import default_prices
from whiteboard.model import Workload

TARGETS = default_catalog().targets
TABLE = default_prices()


def by_rule(rule: str) -> Target:
    """The one target sized by `rule`: tests name the billing model, not a target id."""
    (found,) = (t for t in TARGETS if t.terraform.sizing == rule)
    return found


FARGATE = by_rule("fargate_task")
LAMBDA = by_rule("function")
EC2 = by_rule("virtual_instance")
BARE_METAL = by_rule("metal_instance")
MANAGED_CONTAINERS = by_rule("ecs_task_on_managed_instances")


def service(**fields: object) -> Workload:
    return Workload(id="svc", name="Service", **fields)  # type: ignore[arg-type]


def job(**fields: object) -> Workload:
    fields = {"interface": "none", "max_runtime_s": 600, "architecture": "cattle", **fields}
    return Workload(id="job", name="Job", **fields)  # type: ignore[arg-type]


def names(result: Estimate) -> list[str]:
    return [a.name for a in result.alternatives]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.id)
def test_every_target_prices_a_default_workload(target: Target) -> None:
    result = estimate(service(), target, TABLE)
    assert result.target == target.id
    assert result.items and result.usd_month > 0
    assert result.usd_month == pytest.approx(sum(item.usd for item in result.items))
    assert result.assumptions[0].startswith("Runs 730 h a month")


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.id)
@pytest.mark.parametrize(
    ("fields", "retryable"),
    [
        ({"architecture": "cattle"}, True),
        ({"architecture": "cattle", "os": "windows"}, True),
        ({"architecture": "pet"}, False),
        ({"architecture": "cattle", "stateful": True}, False),
    ],
    ids=["cattle", "cattle-windows", "pet", "stateful-cattle"],
)
def test_spot_only_for_stateless_cattle_where_the_target_has_spot_for_its_os(
    target: Target, fields: dict[str, object], retryable: bool
) -> None:
    w = service(**fields)
    has_spot = bool(target.limits.spot_discount_pct.value) and w.os in (
        target.limits.spot_os.value or ()
    )
    result = estimate(w, target, TABLE)
    assert ("Spot" in names(result)) == (retryable and has_spot)


def test_spot_examples() -> None:
    cattle = service(architecture="cattle")
    spot = next(a for a in estimate(cattle, EC2, TABLE).alternatives if a.name == "Spot")
    assert spot.usd_month == pytest.approx(estimate(cattle, EC2, TABLE).usd_month * 0.10)
    assert "Spot" not in names(estimate(cattle, LAMBDA, TABLE))  # functions have no Spot
    assert "Spot" not in names(
        estimate(service(architecture="cattle", os="windows"), FARGATE, TABLE)
    )


@pytest.mark.parametrize("target", [t for t in TARGETS if t.cost.savings_plan], ids=lambda t: t.id)
def test_savings_plan_for_services_only_and_beside_the_on_demand_figure(target: Target) -> None:
    running = estimate(service(), target, TABLE)
    (plan,) = (a for a in running.alternatives if "Savings Plan" in a.name)
    assert plan.usd_month < running.usd_month
    assert running.usd_month == pytest.approx(sum(item.usd for item in running.items))
    assert "Savings Plan" not in " ".join(names(estimate(job(), target, TABLE)))


def test_savings_plan_discounts_compute_not_fees_or_requests() -> None:
    result = estimate(service(), MANAGED_CONTAINERS, TABLE)
    hosts, fee = result.items
    assert fee.label.startswith("Management fee")
    (plan,) = (a for a in result.alternatives if "Savings Plan" in a.name)
    pct = TABLE.price(MANAGED_CONTAINERS.cost.savings_plan or "").usd
    assert result.usd_month - plan.usd_month == pytest.approx(hosts.usd * pct / 100)
    function = estimate(service(max_runtime_s=30, ephemeral_storage_gib=0.5), LAMBDA, TABLE)
    _requests, duration = function.items
    (plan,) = (a for a in function.alternatives if "Savings Plan" in a.name)
    pct = TABLE.price(LAMBDA.cost.savings_plan or "").usd
    assert function.usd_month - plan.usd_month == pytest.approx(duration.usd * pct / 100)


def test_a_pet_keeps_its_host_between_runs() -> None:
    """A hand-cared host is not built for each run and thrown away: billed all month, on
    bare metal and EC2 alike, where cattle pay only for their runs."""
    pet = job(architecture="pet", max_runtime_s=1800, runs_per_month=1)
    for target in (EC2, BARE_METAL):
        result = estimate(pet, target, TABLE)
        assert ", 730 h x " in result.items[0].label, target.id
        assert any("keeps its host between runs" in a for a in result.assumptions)
    cattle = estimate(pet.model_copy(update={"architecture": "cattle"}), EC2, TABLE)
    assert "1 run x 30 min" in cattle.items[0].label


def test_discounts_cut_the_compute_not_the_windows_licence() -> None:
    windows = service(os="windows", architecture="cattle", stateful=False)
    result = estimate(windows, EC2, TABLE)
    instance, licence = result.items
    assert licence.label.startswith("Windows Server licence")
    plan = next(a for a in result.alternatives if a.name.startswith("1-year"))
    pct = TABLE.price("savings_plan_1y_ec2_pct").usd
    assert plan.usd_month == pytest.approx(result.usd_month - instance.usd * pct / 100)
    spot = next(a for a in result.alternatives if a.name == "Spot")
    assert spot.usd_month > licence.usd  # the licence is paid in full on Spot too


def test_instance_figures_say_they_leave_ebs_out() -> None:
    for target in (EC2, BARE_METAL):
        assert any("EBS" in a for a in estimate(service(), target, TABLE).assumptions)


def test_a_job_is_billed_per_run_with_the_one_minute_minimum() -> None:
    short = job(max_runtime_s=10, runs_per_month=100)
    result = estimate(short, EC2, TABLE)
    (item,) = result.items
    assert "100 runs x 1 min" in item.label
    hourly = sizing.virtual_instance(short).usd_per_hour
    assert item.usd == pytest.approx(100 * MINIMUM_BILLED_S / 3600 * hourly)
    cpu = estimate(short, FARGATE, TABLE).items[0]
    assert cpu.usd == pytest.approx(
        100 * 60 / 3600 * TABLE.price("fargate_vcpu_hour_linux_x86").usd
    )
    # A function is billed by the millisecond, with no minimum: 100 x 10 s, not 100 x 60 s.
    duration = estimate(short, LAMBDA, TABLE).items[1]
    assert "100 x 10,000 ms" in duration.label
    longer = job(max_runtime_s=1800, runs_per_month=100)
    assert "100 runs x 30 min" in estimate(longer, EC2, TABLE).items[0].label


def test_fargate_bills_storage_only_beyond_20_gb() -> None:
    def storage(gib: float) -> list[LineItem]:
        result = estimate(service(ephemeral_storage_gib=gib), FARGATE, TABLE)
        return [item for item in result.items if "storage" in item.label]

    assert storage(FARGATE_FREE_STORAGE_GB) == []
    (extra,) = storage(FARGATE_FREE_STORAGE_GB + 1)
    assert extra.label.startswith(
        f"1 GB of storage beyond the {FARGATE_FREE_STORAGE_GB} GB included"
    )
    assert extra.usd == pytest.approx(730 * TABLE.price("fargate_storage_gb_hour").usd)


def test_lambda_bills_tmp_only_beyond_512_mb() -> None:
    def tmp(gib: float) -> list[LineItem]:
        w = service(max_runtime_s=30, ephemeral_storage_gib=gib, requests_per_month=1_000_000)
        return [item for item in estimate(w, LAMBDA, TABLE).items if "/tmp" in item.label]

    assert tmp(LAMBDA_FREE_STORAGE_MB / 1024) == []
    (extra,) = tmp(1)  # 1,024 MB: 512 MB beyond the free part
    gb_seconds = 1_000_000 * 0.2 * 0.5  # requests x 200 ms x 0.5 GB
    assert extra.usd == pytest.approx(gb_seconds * TABLE.price("lambda_storage_gb_second").usd)


@pytest.mark.parametrize(
    "target", [t for t in TARGETS if "windows" in t.operating_systems], ids=lambda t: t.id
)
def test_windows_adds_a_licence_line(target: Target) -> None:
    def licences(os: str) -> list[str]:
        result = estimate(service(os=os), target, TABLE)
        return [item.label for item in result.items if "licence" in item.label.lower()]

    assert len(licences("windows")) == 1
    assert licences("linux") == []


def test_estimate_is_unconfirmed_when_any_line_is() -> None:
    assert estimate(service(), EC2, TABLE).confirmed  # Karpenter's AWS Price List figures
    fargate = estimate(service(), FARGATE, TABLE)  # the memory rate is not confirmed
    assert not fargate.confirmed
    assert any(not item.confirmed for item in fargate.items)
    assert "(price not confirmed)" in " ".join(str(item) for item in fargate.items)
    made = Estimate("x", 2.0, (LineItem("a", 1.0), LineItem("b", 1.0, confirmed=False)), ())
    assert not made.confirmed
    assert Estimate("x", 1.0, (LineItem("a", 1.0),), ()).confirmed


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (73.584, "USD 73.58"),
        (12345.6, "USD 12,345.60"),
        (0.004, "under USD 0.01"),
        (0, "USD 0.00"),
        (0.005, "USD 0.01"),
    ],
)
def test_usd(amount: float, text: str) -> None:
    assert usd(amount) == text


@pytest.mark.parametrize(
    ("price", "text"),
    [
        (0.1008, "USD 0.1008"),
        (0.0000166667, "USD 0.0000166667"),
        (4.08, "USD 4.08"),
        (0.1, "USD 0.10"),
        (2e-7 * 1_000_000, "USD 0.20"),
        (0.0000000309, "USD 0.0000000309"),
        (109.2, "USD 109.20"),
    ],
)
def test_rate(price: float, text: str) -> None:
    assert rate(price) == text


def test_every_price_the_catalog_names_is_in_the_table() -> None:
    for target in TARGETS:
        named = (target.cost.cluster_fee, target.cost.management_fee, target.cost.savings_plan)
        for price_id in filter(None, named):
            assert price_id in TABLE.prices, f"{target.id}: {price_id} is not in prices.json"


def test_every_instance_type_sizing_can_return_is_in_the_table() -> None:
    listed = {i.type: i.usd_per_hour for i in TABLE.instances}
    tables = (
        sizing.METAL_TYPES,
        sizing.METAL_GPU_TYPES,
        sizing.VIRTUAL_TYPES,
        sizing.GPU_TYPES,
        *(sizing.instance_rows(role) for role in ("compute", "general", "memory")),
    )
    for rows in tables:
        assert rows
        for name, _vcpu, _memory, price in rows:
            assert listed.get(name) == price, f"{name} is not in prices.json at {price}"
