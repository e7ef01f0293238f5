"""The inventory importers end to end: CLI, API, detection, errors that write nothing."""

from __future__ import annotations

import itertools
import json
import zipfile
from pathlib import Path

import pytest

from tests.inventory import generate as g
from whiteboard.cli import main
from whiteboard.inventory import FORMATS, InventoryError, import_inventory


def _board(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("mb", [False, True])
def test_rvtools_xlsx_end_to_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mb: bool
) -> None:
    source = g.write_rvtools_xlsx(tmp_path / "estate.xlsx", 200, mb=mb)
    out = tmp_path / "b.json"
    assert main(["import", str(source), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "estate.xlsx (rvtools): 200 rows read, 176 imported, 24 skipped." in text
    assert "Skipped 16: powered off" in text and "Skipped 8: VM template" in text
    assert "Unknown OS strings, imported as linux: 'Other (32-bit)'" in text
    workloads = _board(out)["workloads"]
    assert len(workloads) == 176
    by_name = {w["name"]: w for w in workloads}
    assert by_name["web, frontend"]["group"] == "app-3"  # vCenter's /Datacenter/vm/ root dropped
    assert by_name["Zürich-Ñandú 数据库"]["kind"] == "vm"
    first = by_name["vm-00000"]
    # The VMware Tools' OS (Red Hat) wins over the configuration file's (Windows).
    assert (first["vcpu"], first["memory_gib"], first["os"]) == (2, 4, "linux")
    assert by_name["vm-00008"]["os"] == "windows"  # config file only: Windows 2012
    assert by_name["vm-00013"]["group"] == "pool-3"  # blank Folder: the pool, /Resources/ dropped
    ids = [w["id"] for w in workloads]
    assert len(set(ids)) == len(ids) and "vm-00056-2" in ids


def test_powered_off_idle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = g.write_rvtools_csv(tmp_path / "rv.csv", 50)
    out = tmp_path / "b.json"
    assert main(["import", str(source), "-o", str(out), "--powered-off", "idle"]) == 0
    text = capsys.readouterr().out
    assert "4 powered-off VMs imported with traffic 'idle'." in text
    assert "powered off" not in text.split("Skipped", 1)[-1].split("\n")[0]
    idle = [w for w in _board(out)["workloads"] if w.get("traffic") == "idle"]
    assert len(idle) == 4


def test_migration_hub_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = g.write_csv(tmp_path / "mh.csv", g.MIGRATION_HUB, g.migration_hub_rows(8))
    out = tmp_path / "b.json"
    assert main(["import", str(source), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "mh.csv (migration_hub): 8 rows read, 8 imported, 0 skipped." in text
    assert "'Plan 9' (2)" in text and "traffic 2" in text
    w = {x["name"]: x for x in _board(out)["workloads"]}
    assert w["host0.corp"]["vcpu"] == 4  # 2 processors x 2 cores
    assert w["app-server-1"]["traffic"] == "idle" and w["app-server-1"]["group"] == "wave-1"
    assert w["srv-2"]["traffic"] == "steady" and w["srv-2"]["group"] == "billing;crm"
    assert w["app-server-3"]["traffic"] == "spiky" and w["app-server-3"]["os"] == "linux"


def test_azure_migrate_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = g.write_csv(tmp_path / "az.csv", g.AZURE_MIGRATE, g.azure_migrate_rows(6))
    out = tmp_path / "b.json"
    assert main(["import", str(source), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "az.csv (azure_migrate): 6 rows read, 6 imported" in text and "group 6" in text
    w = {x["name"]: x for x in _board(out)["workloads"]}
    assert w["az-vm-0"]["os"] == "windows" and w["az-vm-0"]["memory_gib"] == 16
    assert w["az-vm-1"]["traffic"] == "idle" and w["az-vm-2"]["traffic"] == "steady"


def test_our_csv_reads_group(tmp_path: Path) -> None:
    source = tmp_path / "ours.csv"
    source.write_text("name,group,vcpu\nweb,shop,2\nweb,,1\n", encoding="utf-8")
    result = import_inventory(source)
    assert result.report.format == "whiteboard"
    assert [(w.id, w.group) for w in result.workloads] == [("web", "shop"), ("web-2", None)]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (g.RVTOOLS_VINFO, "rvtools"),
        (g.MIGRATION_HUB, "migration_hub"),
        (g.AZURE_MIGRATE, "azure_migrate"),
        (("name", "vcpu"), "whiteboard"),
    ],
)
def test_detection_by_header(tmp_path: Path, header: tuple[str, ...], expected: str) -> None:
    row = {"VM": "a", "CPUs": 1, "ExternalId": "a", "*Server name": "a", "name": "a", "vcpu": 1}
    source = g.write_csv(tmp_path / "x.csv", header, iter([row]))
    assert import_inventory(source).report.format == expected
    assert expected in FORMATS


def test_format_override(tmp_path: Path) -> None:
    # A Migration Hub file that also has a VM column would be told RVTools; --format wins.
    source = g.write_csv(
        tmp_path / "x.csv", ("VM", "CPUs", "ExternalId"), iter([{"ExternalId": "e1", "CPUs": 2}])
    )
    assert import_inventory(source).report.format == "rvtools"
    result = import_inventory(source, format="migration_hub")
    assert result.report.format == "migration_hub" and result.workloads[0].name == "e1"
    with pytest.raises(InventoryError, match="unknown column"):
        import_inventory(source, format="whiteboard")


def test_unknown_header(tmp_path: Path) -> None:
    source = tmp_path / "x.csv"
    source.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(InventoryError, match=r"^x\.csv:1: the header .* is none of the known"):
        import_inventory(source)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.write_text(
                "VM,CPUs,Powerstate\na,2,poweredOn\nb,lots,poweredOn\n", encoding="utf-8"
            ),
            "in.csv:3: CPUs: 'lots' is not a number",
        ),
        (
            lambda p: p.write_text("VM,CPUs,Memory\na,2,\x1b[31mnan\n", encoding="utf-8"),
            "in.csv:2: Memory: '\\x1b[31mnan' is not a number",
        ),
        (
            lambda p: p.write_text(
                "ExternalId,CPU.NumberOfLogicalCores,OS.Name\n,2,Linux\n", encoding="utf-8"
            ),
            "in.csv:2: ExternalId: the row has none of",
        ),
        (
            lambda p: p.write_bytes("VM,CPUs\nZ\xfcrich,2\n".encode("latin-1")),
            "in.csv: is not UTF-8 text",
        ),
        (lambda p: p.write_text("VM,CPUs\na,999999\n", encoding="utf-8"), "in.csv:2: CPUs: "),
    ],
)
def test_bad_rows_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make, message: str
) -> None:
    source = tmp_path / "in.csv"
    make(source)
    out = tmp_path / "b.json"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_bad_workbooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.json"
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    truncated = tmp_path / "cut.xlsx"
    whole = g.write_rvtools_xlsx(tmp_path / "whole.xlsx", 50).read_bytes()
    truncated.write_bytes(whole[: len(whole) // 2])
    nosheet = tmp_path / "nosheet.xlsx"
    import xlsxwriter

    book = xlsxwriter.Workbook(str(nosheet))
    book.add_worksheet("Sheet1").write_row(0, 0, ("a", "b"))
    book.close()
    for path, message in (
        (corrupt, "corrupt.xlsx: is not an .xlsx workbook"),
        (bomb, "bomb.xlsx: part 'xl/worksheets/sheet1.xml' inflates"),
        (truncated, "cut.xlsx: is not an .xlsx workbook"),
        (nosheet, "nosheet.xlsx: has no 'vInfo' sheet"),
    ):
        assert main(["import", str(path), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, err
        assert not out.exists()


def test_huge_csv_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from whiteboard.inventory import sources

    monkeypatch.setattr(sources, "MAX_CSV_BYTES", 100)
    source = g.write_rvtools_csv(tmp_path / "big.csv", 10)
    with pytest.raises(InventoryError, match=r"^big\.csv: .*100"):
        import_inventory(source)


def test_ids_stable_unique_and_taken_respected(tmp_path: Path) -> None:
    source = g.write_rvtools_xlsx(tmp_path / "e.xlsx", 120)
    first = [w.id for w in import_inventory(source).workloads]
    assert first == [w.id for w in import_inventory(source).workloads]
    assert len(set(first)) == len(first)
    again = [w.id for w in import_inventory(source, taken_ids=first).workloads]
    assert not set(again) & set(first) and len(set(again)) == len(again)
    assert again[0] == "vm-00000-2"
    ours = tmp_path / "o.csv"
    ours.write_text("name\nvm-00000\n", encoding="utf-8")
    assert [w.id for w in import_inventory(ours, taken_ids=first).workloads] == ["vm-00000-2"]


def test_progress_called(tmp_path: Path) -> None:
    source = g.write_rvtools_xlsx(tmp_path / "e.xlsx", 1200)
    calls: list[tuple[int, int]] = []
    import_inventory(source, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 1200) and calls[-1] == (1200, 1200) and len(calls) >= 3
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(calls))


def test_report_lines_fit_one_screen(tmp_path: Path) -> None:
    report = import_inventory(g.write_rvtools_xlsx(tmp_path / "e.xlsx", 300)).report
    assert report.rows_read == 300 and report.imported + sum(report.skipped.values()) == 300
    assert len(report.lines()) <= 20
    assert all(len(e) <= 3 for e in report.skipped_examples.values())


def test_format_option_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = g.write_csv(
        tmp_path / "x.csv", ("VM", "CPUs", "ExternalId"), iter([{"ExternalId": "e1", "CPUs": 2}])
    )
    out = tmp_path / "b.json"
    assert main(["import", str(source), "-o", str(out), "--format", "migration_hub"]) == 0
    assert "x.csv (migration_hub): 1 row read, 1 imported" in capsys.readouterr().out
    assert [w["name"] for w in _board(out)["workloads"]] == ["e1"]
    out.unlink()
    assert main(["import", str(source), "-o", str(out), "--format", "whiteboard"]) == 2
    assert "unknown column" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize(
    ("folder", "pool", "cluster", "group"),
    [
        ("/DC1/vm/Prod/CRM", "", "", "Prod/CRM"),
        ("/vm/Shop", "", "", "Shop"),
        ("Finance", "", "", "Finance"),
        ("/DC1/vm", "/Resources/Batch", "", "Batch"),
        ("", "/cl-1/Resources/Web/Front", "", "Web/Front"),
        ("/DC1/vm/", "/Resources", "cl-2", "cl-2"),
        ("", "", "", None),
    ],
)
def test_the_rvtools_group_leaves_out_vcenters_roots(
    folder: str, pool: str, cluster: str, group: str | None
) -> None:
    from whiteboard.inventory.mapping import Row, column_index
    from whiteboard.inventory.rvtools import group_of

    index = column_index(("Folder", "Resource pool", "Cluster"))
    assert group_of(Row(index, (folder, pool, cluster), 2, "x.csv")) == group
