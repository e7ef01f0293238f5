"""The catalog: targets with sourced, dated limits, the editions and pillars, checked on load."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from whiteboard.catalog import CATALOG_FILE, CatalogError, default_catalog, load_catalog
from whiteboard.model import TARGET_IDS
from whiteboard.model.vocab import EDITION_TARGETS, PILLAR_IDS

CLASSIC = ("bare_metal", "ec2", "containers", "fargate", "lambda")


def test_the_2018_edition_keeps_the_five_contract_ids_in_slide_order() -> None:
    assert default_catalog().edition("2018").targets == CLASSIC
    assert EDITION_TARGETS["2018"] == CLASSIC


def test_the_2026_edition_adds_the_managed_rungs_in_rank_order() -> None:
    targets = default_catalog().edition("2026").targets
    assert targets == (
        "bare_metal",
        "ec2",
        "containers",
        "managed_containers",
        "fargate",
        "lambda_managed",
        "lambda",
    )
    assert tuple(t.id for t in default_catalog().targets) == TARGET_IDS == targets


def test_pillars_are_one_table_of_ids_names_and_short_names() -> None:
    pillars = default_catalog().pillars
    assert tuple(p.id for p in pillars) == PILLAR_IDS
    assert all(p.name and p.short_name for p in pillars)


def test_every_limit_carries_a_source_url_and_a_checked_on_date() -> None:
    for target in default_catalog().targets:
        for name, limit in target.limits.items():
            assert str(limit.source).startswith("https://"), f"{target.id}.{name}"
            assert dt.date(2018, 1, 1) <= limit.checked_on <= dt.date.today(), f"{target.id}.{name}"
            assert limit.summary.strip(), f"{target.id}.{name}"


@pytest.mark.parametrize(
    ("target", "limit", "value"),
    [
        ("lambda", "max_runtime_s", 900),
        ("lambda", "max_memory_gib", 10),
        ("lambda", "max_vcpu", 6),
        ("lambda", "max_ephemeral_storage_gib", 10),
        ("lambda", "gpu", False),
        ("lambda", "operating_systems", ["linux"]),
        ("lambda", "long_lived_listeners", False),
        ("fargate", "max_vcpu", 16),
        ("fargate", "max_memory_gib", 120),
        ("fargate", "max_ephemeral_storage_gib", 200),
        ("fargate", "gpu", False),
        ("fargate", "privileged", False),
        ("fargate", "operating_systems", ["linux", "windows"]),
        ("ec2", "gpu", True),
        ("fargate", "windows_max_vcpu", 4),
        ("fargate", "windows_max_memory_gib", 30),
        ("fargate", "windows_max_ephemeral_storage_gib", 20),
        ("fargate", "scratch_volume_os", ["linux"]),
        ("fargate", "spot_discount_pct", 70),
        ("fargate", "spot_os", ["linux"]),
        ("ec2", "max_vcpu", 1920),
        ("ec2", "max_memory_gib", 32768),
        ("ec2", "hardware_virtualisation", True),
        ("ec2", "licence_byol_per_core", True),
        ("ec2", "licence_no_hypervisor", False),
        ("bare_metal", "hardware_counters", True),
        ("bare_metal", "hardware_virtualisation", True),
        ("bare_metal", "licence_no_hypervisor", True),
        ("containers", "hardware_counters", True),
        ("containers", "licence_no_hypervisor", False),
        ("lambda", "sync_request_timeout_s", 29),
        ("lambda", "memory_mib_per_vcpu", 1769),
        ("lambda", "max_async_runtime_s", 900),
        ("lambda_managed", "max_async_runtime_s", 5400),
        ("managed_containers", "gpu", True),
        ("managed_containers", "operating_systems", ["linux"]),
        ("managed_containers", "long_lived_listeners", True),
        ("lambda_managed", "max_runtime_s", 900),
        ("lambda_managed", "cold_starts", False),
        ("lambda_managed", "long_lived_listeners", False),
    ],
)
def test_documented_facts(target: str, limit: str, value: object) -> None:
    fact = getattr(default_catalog().target(target).limits, limit)
    assert fact.value == value
    assert fact.confirmed


def test_facts_no_aws_page_confirmed_are_marked() -> None:
    unconfirmed = {
        (target.id, name)
        for target in default_catalog().targets
        for name, limit in target.limits.items()
        if not limit.confirmed
    }
    assert ("lambda_managed", "max_memory_gib") in unconfirmed
    assert ("lambda_managed", "gpu") in unconfirmed
    assert ("managed_containers", "compliance_programs") in unconfirmed
    assert ("ec2", "hardware_counters") in unconfirmed
    # Figures no stored AWS page stated: marked, and never a hard limit (see test_unconfirmed).
    assert ("ec2", "spot_discount_pct") in unconfirmed
    hard_limits_of_the_2018_story = {
        (t, name)
        for t, name in unconfirmed
        if t in ("bare_metal", "ec2", "containers", "fargate", "lambda")
        and name not in {"spot_discount_pct", "spot_os"}
    }
    assert hard_limits_of_the_2018_story == {
        ("ec2", "hardware_counters"),
        ("containers", "hardware_virtualisation"),
    }


def test_compliance_regimes_name_the_programme_that_attests_them() -> None:
    regimes = {r.id: r for r in default_catalog().compliance_regimes}
    assert regimes["sox"].programme == "soc"
    assert "SOC 1" in regimes["sox"].summary
    programmes = {
        p for t in default_catalog().targets for p in t.limits.compliance_programs.value or ()
    }
    assert {r.programme for r in regimes.values()} <= programmes


def test_provider_takes_more_layers_the_higher_the_abstraction() -> None:
    counts = [len(t.provider_layers) for t in default_catalog().targets]
    assert counts == sorted(counts)
    containers = default_catalog().target("containers")
    assert containers.provider_runs("container_control_plane")
    assert not containers.provider_runs("container_data_plane")
    assert default_catalog().target("fargate").provider_runs("container_data_plane")
    managed = default_catalog().target("managed_containers")
    assert managed.provider_runs("guest_os") and managed.provider_runs("container_data_plane")


def test_services_on_the_slide() -> None:
    catalog = default_catalog()
    names = {t.id: [s.name for s in t.services] for t in catalog.targets}
    assert "EC2 i3.metal" in names["bare_metal"]
    assert {"Amazon EC2", "Amazon Lightsail"} <= set(names["ec2"])
    assert {"Amazon ECS", "Amazon EKS"} <= set(names["containers"])
    assert {"ECS Managed Instances", "EKS Auto Mode"} <= set(names["managed_containers"])
    assert names["lambda_managed"] == ["Lambda Managed Instances"]


def test_one_display_name_and_one_short_name_per_target() -> None:
    catalog = default_catalog()
    assert catalog.short_names("2018") == {
        "bare_metal": "Bare metal",
        "ec2": "EC2",
        "containers": "ECS / EKS",
        "fargate": "Fargate",
        "lambda": "Lambda",
    }
    assert list(catalog.display_names("2026")) == list(catalog.edition("2026").targets)


def _broken_copy(tmp_path: Path, mutate) -> Path:
    data = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_limit_without_source_is_refused(tmp_path: Path) -> None:
    path = _broken_copy(
        tmp_path, lambda d: d["targets"][4]["limits"]["max_runtime_s"].pop("source")
    )
    with pytest.raises(
        CatalogError, match=r"target 'fargate' \(targets\[4\]\): limits\.max_runtime_s\.source"
    ):
        load_catalog(path)


def test_a_target_an_edition_names_must_be_described(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, lambda d: d["targets"].pop(0))
    with pytest.raises(CatalogError, match="edition 2018 names unknown target bare_metal"):
        load_catalog(path)


def test_editions_list_their_targets_by_rank(tmp_path: Path) -> None:
    def swap(data: dict) -> None:
        targets = data["editions"][0]["targets"]
        targets[0], targets[1] = targets[1], targets[0]

    with pytest.raises(CatalogError, match="edition 2018: targets must be in rank order"):
        load_catalog(_broken_copy(tmp_path, swap))
