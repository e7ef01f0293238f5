"""The catalog: the five targets with sourced, dated limits, validated on load."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from whiteboard.catalog import CATALOG_FILE, CatalogError, default_catalog, load_catalog
from whiteboard.model import TARGET_IDS


def test_targets_are_the_five_contract_ids_in_slide_order() -> None:
    assert tuple(t.id for t in default_catalog().targets) == TARGET_IDS


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
        ("ec2", "hardware_access", False),
        ("bare_metal", "hardware_access", True),
        ("bare_metal", "license_physical_hosts", True),
        ("containers", "control_plane_fee_usd_per_hour", 0.1),
    ],
)
def test_documented_facts(target: str, limit: str, value: object) -> None:
    assert getattr(default_catalog().target(target).limits, limit).value == value


def test_provider_takes_more_layers_the_higher_the_abstraction() -> None:
    counts = [len(t.provider_layers) for t in default_catalog().targets]
    assert counts == sorted(counts)
    containers = default_catalog().target("containers")
    assert containers.provider_runs("container_control_plane")
    assert not containers.provider_runs("container_data_plane")
    assert default_catalog().target("fargate").provider_runs("container_data_plane")


def test_services_on_the_slide() -> None:
    names = {t.id: [s.name for s in t.services] for t in default_catalog().targets}
    assert "EC2 i3.metal" in names["bare_metal"]
    assert {"Amazon EC2", "Amazon Lightsail"} <= set(names["ec2"])
    assert {"Amazon ECS", "Amazon EKS"} <= set(names["containers"])


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
    with pytest.raises(CatalogError, match=r"targets\[4\]\.limits\.max_runtime_s\.source"):
        load_catalog(path)


def test_a_missing_target_is_refused(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, lambda d: d["targets"].pop(0))
    with pytest.raises(CatalogError, match="targets must be bare_metal"):
        load_catalog(path)
