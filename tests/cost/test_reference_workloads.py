"""Ten reference workloads, each priced by hand from AWS's published us-east-1 unit prices.

Every expected figure below is arithmetic on literals copied from the pricing pages (one comment
per figure names the page), never a lookup in the price table, so a wrong price in
`prices.json` or a wrong formula in `estimate.py` shows up as a difference here. The month is
AWS's calculator month of 730 hours. Figures the stored AWS pages do not state are marked
"not published" with where they come from instead.
"""

from __future__ import annotations

import pytest

from whiteboard.catalog import Target, default_catalog
from whiteboard.cost.estimate import Estimate, estimate
from whiteboard.cost.prices import default_prices
from whiteboard.model import Workload

EC2_PAGE = "https://aws.amazon.com/ec2/pricing/on-demand/"
FARGATE_PAGE = "https://aws.amazon.com/fargate/pricing/"
LAMBDA_PAGE = "https://aws.amazon.com/lambda/pricing/"

HOURS = 730  # AWS Pricing Calculator's month: 24 x 365 / 12

# -- EC2 on demand, Linux, shared tenancy, USD per hour (EC2_PAGE; the same figures are in
# aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go, us-east-1) ----
M7I_LARGE = 0.1008
M7I_XLARGE = 0.2016
C7I_LARGE = 0.08925
C7I_XLARGE = 0.1785
R7I_16XLARGE = 4.2336
G5_2XLARGE = 1.212
G5_4XLARGE = 1.624
C5_METAL = 4.08
I3_METAL = 4.992
# Windows Server licence included, per vCPU-hour: not published as such; it is the gap between
# the Windows and Linux price of a type, e.g. m5.large 0.188 - 0.096 = 0.092 for 2 vCPU (EC2_PAGE).
EC2_WINDOWS_PER_VCPU = 0.046
# c7i Dedicated Host, per host-hour: not published in any stored page
# (https://aws.amazon.com/ec2/dedicated-hosts/pricing/); 1.1 x c7i.48xlarge 8.568, the ratio
# the published m5, r5 and c5 hosts have to their largest size (m5 host 5.069 = 1.1 x 4.608).
C7I_DEDICATED_HOST = 9.4248

# -- Fargate, USD per vCPU-hour and per GB-hour (FARGATE_PAGE) ---------------------------------
FARGATE_VCPU = 0.04048  # Linux/x86; the ECS page's example: 0.000011244 per vCPU-s x 3600
FARGATE_GB = 0.004445  # Linux/x86
FARGATE_STORAGE_GB = 0.000111  # ephemeral storage beyond the 20 GB included
FARGATE_WINDOWS_VCPU = 0.046552  # Windows/x86, before the OS licence
FARGATE_WINDOWS_GB = 0.00511175  # Windows/x86
FARGATE_WINDOWS_LICENCE_VCPU = 0.046  # Windows OS licence fee per vCPU-hour

# -- Lambda (LAMBDA_PAGE; the request and x86 duration rates are also in AWS's whitepaper
# https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html) ------------
LAMBDA_REQUEST = 0.20 / 1_000_000  # USD 0.20 per million requests
LAMBDA_GB_SECOND = 0.0000166667  # x86, first 6 billion GB-s a month
LAMBDA_MANAGED_REQUEST = 0.20 / 1_000_000  # Lambda Managed Instances, per request
LAMBDA_MANAGED_FEE = 0.15  # "15% premium on the EC2 on-demand instance price"
LAMBDA_MANAGED_INSTANCES = 3  # three instances by default, one per AZ (Lambda developer guide)


_TARGETS = {t.id: t for t in default_catalog().targets}


def target(target_id: str) -> Target:
    return _TARGETS[target_id]


def priced(w: Workload, target_id: str) -> Estimate:
    return estimate(w, target(target_id), default_prices())


def labels(result: Estimate) -> list[str]:
    return [item.label for item in result.items]


# 1 -- An always-on web API: 2 vCPU, 8 GiB, 20 M requests of 120 ms a month. ------------------
WEB_API = Workload(
    id="web-api",
    name="Web API",
    architecture="cattle",
    max_runtime_s=30,
    vcpu=2,
    memory_gib=8,
    ephemeral_storage_gib=0.5,
    requests_per_month=20_000_000,
    avg_duration_ms=120,
)


def test_web_api_on_ec2() -> None:
    result = priced(WEB_API, "ec2")
    expected = HOURS * M7I_LARGE  # m7i.large, 730 h x 0.1008 = 73.58 (EC2_PAGE)
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["m7i.large, 730 h x USD 0.1008"]
    assert result.confirmed


def test_web_api_on_fargate() -> None:
    result = priced(WEB_API, "fargate")
    expected = (
        2 * HOURS * FARGATE_VCPU  # 2 vCPU x 730 h x 0.04048 = 59.10 (FARGATE_PAGE)
        + 8 * HOURS * FARGATE_GB  # 8 GB x 730 h x 0.004445 = 25.96 (FARGATE_PAGE)
    )  # 85.06
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["2 vCPU x 730 h x USD 0.04048", "8 GB x 730 h x USD 0.004445"]


def test_web_api_on_lambda() -> None:
    result = priced(WEB_API, "lambda")
    # 8 GiB of memory (more than the 2 x 1,769 MB its vCPUs need) is 8,192 MB = 8 GB.
    expected = (
        20_000_000 * LAMBDA_REQUEST  # 20 M x 0.20 per million = 4.00 (LAMBDA_PAGE)
        + 20_000_000 * 0.120 * 8 * LAMBDA_GB_SECOND  # 19.2 M GB-s x 0.0000166667 = 320.00
    )  # 324.00
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == [
        "20,000,000 requests x USD 0.20 per million",
        "19,200,000 GB-s (20,000,000 x 120 ms x 8 GB) x USD 0.0000166667",
    ]


# 2 -- A spiky API: 0.5 vCPU, 1 GiB, 5 M requests a month of the default 200 ms. -------------
SPIKY_API = Workload(
    id="spiky-api",
    name="Spiky API",
    architecture="cattle",
    max_runtime_s=10,
    vcpu=0.5,
    memory_gib=1,
    ephemeral_storage_gib=0.5,
    traffic="spiky",
    requests_per_month=5_000_000,
)


def test_spiky_api_on_lambda() -> None:
    result = priced(SPIKY_API, "lambda")
    expected = (
        5_000_000 * LAMBDA_REQUEST  # 5 M x 0.20 per million = 1.00 (LAMBDA_PAGE)
        + 5_000_000 * 0.200 * 1 * LAMBDA_GB_SECOND  # 1 M GB-s x 0.0000166667 = 16.67
    )  # 17.67
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == [
        "5,000,000 requests x USD 0.20 per million",
        "1,000,000 GB-s (5,000,000 x 200 ms x 1 GB) x USD 0.0000166667",
    ]


def test_spiky_api_on_lambda_managed_instances() -> None:
    result = priced(SPIKY_API, "lambda_managed")
    # The smallest environment (1 vCPU, 2 GiB) runs on compute-optimised c7i.large hosts.
    instances = LAMBDA_MANAGED_INSTANCES * HOURS * C7I_LARGE  # 3 x 730 h x 0.08925 = 195.46
    expected = (
        instances
        + instances * LAMBDA_MANAGED_FEE  # 15% of 195.46 = 29.32 (LAMBDA_PAGE)
        + 5_000_000 * LAMBDA_MANAGED_REQUEST  # 5 M x 0.20 per million = 1.00 (LAMBDA_PAGE)
    )  # 225.78
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == [
        "3 x c7i.large, 730 h x USD 0.08925",
        "Management fee, 15% of USD 195.46",
        "5,000,000 requests x USD 0.20 per million",
    ]


def test_spiky_api_on_fargate() -> None:
    result = priced(SPIKY_API, "fargate")
    expected = (
        0.5 * HOURS * FARGATE_VCPU  # 0.5 vCPU x 730 h x 0.04048 = 14.78 (FARGATE_PAGE)
        + 1 * HOURS * FARGATE_GB  # 1 GB x 730 h x 0.004445 = 3.24 (FARGATE_PAGE)
    )  # 18.02
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["0.5 vCPU x 730 h x USD 0.04048", "1 GB x 730 h x USD 0.004445"]


# 3 -- A nightly ETL: 30 runs of 2 h on 4 vCPU, 16 GiB and 50 GiB of scratch disk. ----------
NIGHTLY_ETL = Workload(
    id="nightly-etl",
    name="Nightly ETL",
    kind="batch",
    architecture="cattle",
    interface="none",
    max_runtime_s=2 * 3600,
    runs_per_month=30,
    vcpu=4,
    memory_gib=16,
    ephemeral_storage_gib=50,
    traffic="spiky",
)


def test_nightly_etl_on_fargate() -> None:
    result = priced(NIGHTLY_ETL, "fargate")
    hours = 30 * 2  # 60 task-hours
    expected = (
        4 * hours * FARGATE_VCPU  # 4 vCPU x 60 h x 0.04048 = 9.72 (FARGATE_PAGE)
        + 16 * hours * FARGATE_GB  # 16 GB x 60 h x 0.004445 = 4.27 (FARGATE_PAGE)
        + (50 - 20) * hours * FARGATE_STORAGE_GB  # 30 GB x 60 h x 0.000111 = 0.20
    )  # 14.18
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == [
        "4 vCPU x 30 runs x 2 h x USD 0.04048",
        "16 GB x 30 runs x 2 h x USD 0.004445",
        "30 GB of storage beyond the 20 GB included, 30 runs x 2 h x USD 0.000111",
    ]
    assert not any("Savings Plan" in a.name for a in result.alternatives)


def test_nightly_etl_on_ec2() -> None:
    result = priced(NIGHTLY_ETL, "ec2")
    expected = 30 * 2 * M7I_XLARGE  # m7i.xlarge, 60 h x 0.2016 = 12.10 (EC2_PAGE)
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["m7i.xlarge, 30 runs x 2 h x USD 0.2016"]


# 4 -- A worker on 4 vCPU and 8 GiB, 24/7, reading a queue. -----------------------------------
WORKER = Workload(
    id="queue-worker",
    name="Queue worker",
    kind="worker",
    architecture="cattle",
    interface="none",
    vcpu=4,
    memory_gib=8,
)


def test_worker_on_ec2() -> None:
    result = priced(WORKER, "ec2")
    expected = HOURS * C7I_XLARGE  # c7i.xlarge, 730 h x 0.1785 = 130.31 (EC2_PAGE)
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["c7i.xlarge, 730 h x USD 0.1785"]
    spot = next(a for a in result.alternatives if a.name == "Spot")
    assert spot.usd_month == pytest.approx(expected * (1 - 0.90), rel=0.01)  # "up to 90%"


def test_worker_on_containers() -> None:
    result = priced(WORKER, "containers")
    # A host holds the task and 0.5 GiB for the OS and ECS agent (8.5 GiB): c7i.xlarge's 8 GiB
    # is too small, m7i.xlarge (4 vCPU, 16 GiB) is the cheapest that fits. The task uses all its
    # vCPUs, so at 80% packing it pays for the whole host.
    expected = HOURS * M7I_XLARGE  # m7i.xlarge, 730 h x 0.2016 = 147.17 (EC2_PAGE)
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["A whole m7i.xlarge host, 730 h x USD 0.2016"]


def test_worker_on_fargate() -> None:
    result = priced(WORKER, "fargate")
    expected = (
        4 * HOURS * FARGATE_VCPU  # 4 vCPU x 730 h x 0.04048 = 118.20 (FARGATE_PAGE)
        + 8 * HOURS * FARGATE_GB  # 8 GB x 730 h x 0.004445 = 25.96 (FARGATE_PAGE)
    )  # 144.16
    assert result.usd_month == pytest.approx(expected, rel=0.01)


# 5 -- GPU training, 12 h a week: 4 runs a month (52 / 12 = 4.33 weeks; runs are whole). ----
GPU_TRAINING = Workload(
    id="gpu-training",
    name="GPU training",
    kind="ml",
    architecture="cattle",
    interface="none",
    max_runtime_s=12 * 3600,
    runs_per_month=4,
    vcpu=8,
    memory_gib=32,
    gpu=True,
    traffic="idle",
)


def test_gpu_training_on_ec2() -> None:
    result = priced(GPU_TRAINING, "ec2")
    expected = 4 * 12 * G5_2XLARGE  # g5.2xlarge, 48 h x 1.212 = 58.18 (EC2_PAGE)
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["g5.2xlarge, 4 runs x 12 h x USD 1.212"]


def test_gpu_training_on_containers() -> None:
    result = priced(GPU_TRAINING, "containers")
    # 32 GiB + 0.5 GiB for the host does not fit a g5.2xlarge: a g5.4xlarge (16 vCPU, 64 GiB),
    # of which the task pays half its vCPUs over 80% packing = 62.5%.
    expected = 4 * 12 * G5_4XLARGE * 0.5 / 0.8  # 48 h x 1.624 x 62.5% = 48.72 (EC2_PAGE)
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["62.5% of a g5.4xlarge host, 4 runs x 12 h x USD 1.624"]


# 6 -- An idle admin portal: 0.25 vCPU, 0.5 GiB, the idle defaults (100,000 requests, 200 ms).
ADMIN_PORTAL = Workload(
    id="admin-portal",
    name="Admin portal",
    kind="web",
    architecture="cattle",
    max_runtime_s=30,
    vcpu=0.25,
    memory_gib=0.5,
    ephemeral_storage_gib=0.5,
    traffic="idle",
)


def test_admin_portal_on_lambda() -> None:
    result = priced(ADMIN_PORTAL, "lambda")
    expected = (
        100_000 * LAMBDA_REQUEST  # 100,000 x 0.20 per million = 0.02 (LAMBDA_PAGE)
        + 100_000 * 0.200 * 0.5 * LAMBDA_GB_SECOND  # 10,000 GB-s x 0.0000166667 = 0.17
    )  # 0.19
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == [
        "100,000 requests x USD 0.20 per million",
        "10,000 GB-s (100,000 x 200 ms x 0.5 GB) x USD 0.0000166667",
    ]
    assert "defaults for its traffic" in result.assumptions[0]


def test_admin_portal_on_fargate() -> None:
    result = priced(ADMIN_PORTAL, "fargate")
    expected = (
        0.25 * HOURS * FARGATE_VCPU  # 0.25 vCPU x 730 h x 0.04048 = 7.39 (FARGATE_PAGE)
        + 0.5 * HOURS * FARGATE_GB  # 0.5 GB x 730 h x 0.004445 = 1.62 (FARGATE_PAGE)
    )  # 9.01
    assert result.usd_month == pytest.approx(expected, rel=0.01)


# 7 -- A Windows app: 2 vCPU, 8 GiB, always on. ------------------------------------------------
WINDOWS_APP = Workload(
    id="windows-app", name="Windows app", kind="web", os="windows", vcpu=2, memory_gib=8
)


def test_windows_app_on_ec2() -> None:
    result = priced(WINDOWS_APP, "ec2")
    expected = (
        HOURS * M7I_LARGE  # m7i.large, 730 h x 0.1008 = 73.58 (EC2_PAGE)
        + 2 * HOURS * EC2_WINDOWS_PER_VCPU  # 2 vCPU x 730 h x 0.046 = 67.16 (not published)
    )  # 140.74, i.e. 730 h x 0.1928, m7i.large's Windows price
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == [
        "m7i.large, 730 h x USD 0.1008",
        "Windows Server licence, 2 vCPU x 730 h x USD 0.046",
    ]
    assert not result.confirmed  # the licence rate is inferred, not stated by AWS


def test_windows_app_on_fargate() -> None:
    result = priced(WINDOWS_APP, "fargate")
    expected = (
        2 * HOURS * FARGATE_WINDOWS_VCPU  # 2 vCPU x 730 h x 0.046552 = 67.97 (FARGATE_PAGE)
        + 8 * HOURS * FARGATE_WINDOWS_GB  # 8 GB x 730 h x 0.00511175 = 29.85 (FARGATE_PAGE)
        + 2 * HOURS * FARGATE_WINDOWS_LICENCE_VCPU  # 2 vCPU x 730 h x 0.046 = 67.16
    )  # 164.98
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == [
        "2 vCPU x 730 h x USD 0.046552",
        "8 GB x 730 h x USD 0.00511175",
        "Windows licence, 2 vCPU x 730 h x USD 0.046",
    ]


# 8 -- A database under a per-core licence the customer brings: 16 vCPU, 128 GiB. ------------
LICENSED_DB = Workload(
    id="licensed-db",
    name="Licensed database",
    kind="database",
    stateful=True,
    licence="byol_per_core",
    vcpu=16,
    memory_gib=128,
)


def test_licensed_database_on_a_dedicated_host() -> None:
    result = priced(LICENSED_DB, "ec2")
    # The cheapest host family that holds it: c7i (192 vCPU, 384 GiB), all month.
    expected = HOURS * C7I_DEDICATED_HOST  # 730 h x 9.4248 = 6,880.10 (not published)
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["Dedicated Host c7i, 730 h x USD 9.4248"]
    assert not result.confirmed


def test_licensed_database_on_bare_metal() -> None:
    result = priced(LICENSED_DB, "bare_metal")
    expected = HOURS * C5_METAL  # c5.metal (96 vCPU, 192 GiB), 730 h x 4.08 = 2,978.40
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["c5.metal, 730 h x USD 4.08"]


# 9 -- An in-memory database of 500 GiB on 16 vCPU. -----------------------------------------
IN_MEMORY_DB = Workload(
    id="in-memory-db",
    name="In-memory database",
    kind="database",
    stateful=True,
    vcpu=16,
    memory_gib=500,
)


def test_in_memory_database_on_ec2() -> None:
    result = priced(IN_MEMORY_DB, "ec2")
    expected = HOURS * R7I_16XLARGE  # r7i.16xlarge (64 vCPU, 512 GiB), 730 h x 4.2336 = 3,090.53
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["r7i.16xlarge, 730 h x USD 4.2336"]


def test_in_memory_database_on_bare_metal() -> None:
    result = priced(IN_MEMORY_DB, "bare_metal")
    expected = HOURS * I3_METAL  # i3.metal (72 vCPU, 512 GiB), 730 h x 4.992 = 3,644.16
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["i3.metal, 730 h x USD 4.992"]


# 10 -- A cron job of 5 minutes every hour (the steady default: 730 runs), 0.25 vCPU, 0.5 GiB.
HOURLY_CRON = Workload(
    id="hourly-cron",
    name="Hourly cron",
    kind="batch",
    architecture="cattle",
    interface="none",
    max_runtime_s=300,
    vcpu=0.25,
    memory_gib=0.5,
    ephemeral_storage_gib=0.5,
)


def test_hourly_cron_on_lambda() -> None:
    result = priced(HOURLY_CRON, "lambda")
    expected = (
        HOURS * LAMBDA_REQUEST  # 730 x 0.20 per million = 0.00015 (LAMBDA_PAGE)
        + HOURS * 300 * 0.5 * LAMBDA_GB_SECOND  # 109,500 GB-s x 0.0000166667 = 1.83
    )  # 1.83
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == [
        "730 invocations x USD 0.20 per million",
        "109,500 GB-s (730 x 300,000 ms x 0.5 GB) x USD 0.0000166667",
    ]


def test_hourly_cron_on_fargate() -> None:
    result = priced(HOURLY_CRON, "fargate")
    hours = HOURS * 5 / 60  # 730 runs x 5 min = 60.83 task-hours
    expected = (
        0.25 * hours * FARGATE_VCPU  # 0.25 vCPU x 60.83 h x 0.04048 = 0.62 (FARGATE_PAGE)
        + 0.5 * hours * FARGATE_GB  # 0.5 GB x 60.83 h x 0.004445 = 0.14 (FARGATE_PAGE)
    )  # 0.75
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == [
        "0.25 vCPU x 730 runs x 5 min x USD 0.04048",
        "0.5 GB x 730 runs x 5 min x USD 0.004445",
    ]


def test_hourly_cron_on_ec2() -> None:
    result = priced(HOURLY_CRON, "ec2")
    expected = HOURS * 5 / 60 * C7I_LARGE  # c7i.large, 60.83 h x 0.08925 = 5.43 (EC2_PAGE)
    assert result.usd_month == pytest.approx(expected, rel=0.01)
    assert labels(result) == ["c7i.large, 730 runs x 5 min x USD 0.08925"]
