"""Targets are data: a target the catalog describes only in part fails to load, by name, and no
module outside `whiteboard/catalog/` knows the target list or spells a target id."""

from __future__ import annotations

import ast
import copy
import json
import shutil
from pathlib import Path

import pytest

import whiteboard
from whiteboard.catalog import CATALOG_FILE, CatalogError, load_catalog
from whiteboard.model import TARGET_IDS
from whiteboard.paths import ASSETS_DIR, TEMPLATES_DIR

PACKAGE = Path(whiteboard.__file__).parent
NAME_FIELDS = {"display_name", "short_name", "name"}


def _catalog_with_fake_target(tmp_path: Path, mutate=None) -> Path:
    """A copy of the catalog, assets and templates with a sixth 2018 target, 'quantum', that is
    complete (a copy of Lambda's description with its own template and story step) until
    `mutate` takes something away."""
    data = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    fake = copy.deepcopy(next(t for t in data["targets"] if t["id"] == "lambda"))
    fake.update(id="quantum", display_name="Quantum functions", short_name="Quantum")
    fake["rank"] = max(t["rank"] for t in data["targets"]) + 1
    fake["terraform"]["template"] = "quantum.tf.j2"
    data["targets"].append(fake)
    data["editions"][0]["targets"].append("quantum")
    assets, templates = tmp_path / "assets", tmp_path / "templates"
    shutil.copytree(ASSETS_DIR, assets)
    shutil.copytree(TEMPLATES_DIR, templates)
    shutil.copy(templates / "terraform" / "lambda.tf.j2", templates / "terraform" / "quantum.tf.j2")
    story_file = assets / "story" / "compute.json"
    story = json.loads(story_file.read_text(encoding="utf-8"))
    story["steps"][4]["reveals"] += ["column:quantum", "layer*:quantum:*", "note*:quantum"]
    story_file.write_text(json.dumps(story), encoding="utf-8")
    if mutate is not None:
        mutate(data, tmp_path)
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _load(path: Path):
    folders = {"assets": path.parent / "assets", "templates": path.parent / "templates"}
    return load_catalog(path, data=folders.__getitem__)


def test_a_complete_extra_target_loads(tmp_path: Path) -> None:
    catalog = _load(_catalog_with_fake_target(tmp_path))
    assert catalog.edition("2018").targets[-1] == "quantum"
    assert catalog.target("quantum").short_name == "Quantum"


def test_a_target_without_a_rule_row_fails_to_load_naming_both(tmp_path: Path) -> None:
    def drop_row(data: dict, _folder: Path) -> None:
        del data["targets"][-1]["scoring"]["utilisation"]

    with pytest.raises(
        CatalogError, match=r"target 'quantum' \(targets\[7\]\): scoring\.utilisation: is required"
    ):
        _load(_catalog_with_fake_target(tmp_path, drop_row))


def test_a_target_without_its_template_fails_to_load(tmp_path: Path) -> None:
    def drop_template(_data: dict, folder: Path) -> None:
        (folder / "templates" / "terraform" / "quantum.tf.j2").unlink()

    with pytest.raises(
        CatalogError, match=r"target 'quantum': terraform\.template quantum\.tf\.j2 does not exist"
    ):
        _load(_catalog_with_fake_target(tmp_path, drop_template))


def test_a_target_without_its_icon_fails_to_load(tmp_path: Path) -> None:
    def other_icon(data: dict, _folder: Path) -> None:
        data["targets"][-1]["slide"]["header_icon"] = "qubit"

    with pytest.raises(CatalogError, match=r"target 'quantum': slide\.header_icon qubit\.svg"):
        _load(_catalog_with_fake_target(tmp_path, other_icon))


def test_a_target_no_story_step_reveals_fails_to_load(tmp_path: Path) -> None:
    """Otherwise its column would stand on the slide from step 0, before the line is drawn."""

    def unrevealed(_data: dict, folder: Path) -> None:
        story_file = folder / "assets" / "story" / "compute.json"
        story = json.loads(story_file.read_text(encoding="utf-8"))
        story["steps"][4]["reveals"] = [
            p for p in story["steps"][4]["reveals"] if "quantum" not in p
        ]
        story_file.write_text(json.dumps(story), encoding="utf-8")

    with pytest.raises(CatalogError, match=r"edition 2018: no step of compute\.json reveals"):
        _load(_catalog_with_fake_target(tmp_path, unrevealed))


def test_a_sizing_rule_the_exporter_lacks_fails_to_load(tmp_path: Path) -> None:
    def unknown_sizing(data: dict, _folder: Path) -> None:
        data["targets"][-1]["terraform"]["sizing"] = "quantum_annealer"

    with pytest.raises(CatalogError, match=r"target 'quantum' \(targets\[7\]\): terraform\.sizing"):
        _load(_catalog_with_fake_target(tmp_path, unknown_sizing))


# -- nothing outside the catalog knows the target list --------------------------------------------


BENCH = PACKAGE.parent / "bench"


def _outside_catalog() -> list[Path]:
    """The package's modules but the catalog's, and the benchmarks (when in a checkout)."""
    modules = [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "catalog"]
    return modules + (sorted(BENCH.glob("*.py")) if BENCH.is_dir() else [])


def target_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant that is exactly a target id, and of every dict
    comprehension that maps `x.id` to a name field (an id -> name map of its own)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and node.value in TARGET_IDS:
            found.append((node.lineno, repr(node.value)))
        elif isinstance(node, ast.DictComp):
            key, value = node.key, node.value
            if (
                isinstance(key, ast.Attribute)
                and key.attr == "id"
                and isinstance(value, ast.Attribute)
                and value.attr in NAME_FIELDS
            ):
                found.append((node.lineno, "id -> name map"))
    return sorted(found)


def test_no_module_outside_the_catalog_spells_a_target_id_or_builds_a_name_map() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {text}"
        for path in _outside_catalog()
        for line, text in target_literals(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_scan_finds_a_literal_and_a_name_map_when_there_are_some() -> None:
    source = (
        'if stub.target == "fargate":\n'
        "    pass\n"
        "names = {t.id: t.display_name for t in catalog.targets}\n"
        'ok = "fargate_task"\n'
    )
    assert target_literals(source) == [(1, "'fargate'"), (3, "id -> name map")]
