"""The score, recommend and import sub-commands, called as users call them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from whiteboard.cli import main
from whiteboard.model import PILLAR_IDS, Board, Workload, load_board, save_board
from whiteboard.paths import DEMO_BOARD

# -- score --------------------------------------------------------------------------------------


def test_score_table_reads_as_a_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(DEMO_BOARD)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Board: Alpine Outfitters - compute workshop\n")
    assert "12 workloads: 7 placed" in out
    overview = next(line for line in out.splitlines() if line.startswith("thumbnails "))
    assert overview.endswith("]*")  # placed on Lambda, the last column, and recommended there
    erp = next(line for line in out.splitlines() if line.startswith("erp-legacy "))
    assert erp.split()[2].startswith("[") and erp.split()[-1] == "x"
    assert "Top risks\n  1. Nightly sales ETL (nightly-etl) cannot run on Lambda" in out
    assert "cannot run on Lambda:\n    - Lambda runs at most 900 s (15 min)" in out
    assert "OPS   SEC   REL  PERF  COST  SUST" in out
    assert all(len(line) == len(line.rstrip()) for line in out.splitlines())


def test_score_json_keeps_its_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(DEMO_BOARD), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["board"] == "Alpine Outfitters - compute workshop"
    assert list(data["weights"]) == list(PILLAR_IDS)
    assert {"placements_per_target", "infeasible_placements", "top_risks", "cycles"} <= set(
        data["summary"]
    )
    assert [w["id"] for w in data["workloads"]] == list(load_board(DEMO_BOARD).workload_ids)
    for workload in data["workloads"]:
        assert list(workload["targets"]) == list(load_board(DEMO_BOARD).targets)
        assert list(workload["targets"]) == data["targets"]
        for target in workload["targets"].values():
            assert list(target["pillars"]) == list(PILLAR_IDS)
            assert list(target["reasons"]) == list(PILLAR_IDS)
            assert target["feasible"] == (target["violations"] == [])
            assert all(isinstance(r, str) for rs in target["reasons"].values() for r in rs)
    etl = next(w for w in data["workloads"] if w["id"] == "nightly-etl")
    assert etl["placed_on"] == "lambda" and etl["recommended"] not in (None, "lambda")


def test_score_json_carries_each_targets_monthly_cost_and_the_board_totals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from whiteboard.scoring import score_board

    assert main(["score", str(DEMO_BOARD), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    scored = score_board(load_board(DEMO_BOARD))
    for workload in data["workloads"]:
        for target_id, target in workload["targets"].items():
            cost = scored.workloads[workload["id"]].targets[target_id].estimate
            if not target["feasible"]:  # nothing sold there runs it: not priced
                assert (target["cost_usd_month"], target["cost_items"]) == (None, [])
                continue
            assert cost is not None
            assert target["cost_usd_month"] == round(cost.usd_month, 2) > 0
            assert target["cost_items"] == [str(item) for item in cost.items]
            assert all(re.search(r" = (under )?USD [\d,.]+", item) for item in target["cost_items"])
            assert target["cost_confirmed"] == cost.confirmed
    costs = data["summary"]["costs"]
    assert list(costs["current_usd_month"]) == data["targets"]
    fee = costs["cluster_fee_usd_month"]
    assert costs["current_total_usd_month"] == pytest.approx(
        sum(costs["current_usd_month"].values()) + fee["current"], abs=0.05
    )
    # nightly-etl is placed on Lambda, where it cannot run: counted apart, not priced.
    assert costs["unpriced_placements"] == 1
    # One EKS control plane, shared: the placements use ECS / EKS, the recommendations do not.
    assert fee == {"current": 73.0, "recommended": 0.0}
    assert costs["unplaced_total_usd_month"] > 0


def test_score_weights_override_changes_the_weights(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["score", str(DEMO_BOARD), "--format", "json", "--weights", "cost_optimization=3"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["weights"]["cost_optimization"] == 3


def test_bad_weights_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(DEMO_BOARD), "--weights", "speed=3"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "'speed' is not a pillar" in err


def test_score_of_a_missing_file_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["score", str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_score_runs_as_a_process() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "whiteboard", "score", str(DEMO_BOARD), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert len(json.loads(out.stdout)["workloads"]) == 12


# -- recommend ----------------------------------------------------------------------------------


def test_recommend_fills_every_placement(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "placed.json"
    assert main(["recommend", str(DEMO_BOARD), "-o", str(out)]) == 0
    board = load_board(out)
    assert len(board.placements) == 12
    assert board.placement("nightly-etl") != "lambda"
    assert board.placement("orders-db") == "ec2"  # a Dedicated Host for its per-core licence
    assert board.placement("thumbnails") == "lambda"
    assert "wrote 12 workloads" in capsys.readouterr().out


def test_recommend_only_unplaced_keeps_existing(tmp_path: Path) -> None:
    out = tmp_path / "placed.json"
    assert main(["recommend", str(DEMO_BOARD), "-o", str(out), "--only-unplaced"]) == 0
    before, after = load_board(DEMO_BOARD), load_board(out)
    assert after.placement("nightly-etl") == "lambda"
    assert all(after.placement(w) == t for w, t in before.placements.items())
    assert after.placement("webhooks") == "lambda"
    assert len(after.placements) == 12


# -- import -------------------------------------------------------------------------------------

GOOD_CSV = """\
name,architecture,stateful,max_runtime_s,vcpu,memory_gib,os,traffic,compliance,depends_on
Orders DB,pet,yes,,16,128,linux,steady,pci;sox,
Web shop,cattle,no,,2,4,linux,spiky,,Orders DB
Web shop,cattle,0,,2,4,linux,spiky,,orders-db
Thumbnails,cattle,false,30,1,1,linux,event_driven,,
"""


def test_import_builds_a_board(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "inventory.csv"
    source.write_text(GOOD_CSV, encoding="utf-8")
    out = tmp_path / "board.json"
    assert main(["import", str(source), "-o", str(out)]) == 0
    board = load_board(out)
    assert board.name == "inventory"
    assert board.workload_ids == ("orders-db", "web-shop", "web-shop-2", "thumbnails")
    db = board.workload("orders-db")
    assert (db.stateful, db.compliance, db.vcpu, db.max_runtime_s) == (
        True,
        ("pci", "sox"),
        16,
        None,
    )
    assert board.workload("web-shop").depends_on == ("orders-db",)
    assert board.workload("web-shop-2").depends_on == ("orders-db",)
    assert board.workload("thumbnails").max_runtime_s == 30
    assert board.workload("thumbnails").ops_maturity == "medium"
    assert "with 4 workloads" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "Broken,pet,maybe,,1,1,linux,steady,,",
            "inventory.csv:3: stateful: 'maybe' is not a yes/no",
        ),
        ("Broken,pet,no,,-4,1,linux,steady,,", "inventory.csv:3: vcpu: "),
        ("Broken,cow,no,,1,1,linux,steady,,", "inventory.csv:3: architecture: "),
        ("Broken,pet,no,,1,1,linux,steady,,Nobody", "inventory.csv:3: depends_on: 'Nobody'"),
        ("Broken,pet,no,,1,1,linux,steady,,,extra", "inventory.csv:3: has 11 cells"),
    ],
)
def test_a_bad_row_names_line_and_column_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, row: str, message: str
) -> None:
    lines = GOOD_CSV.splitlines()
    source = tmp_path / "inventory.csv"
    source.write_text("\n".join([lines[0], lines[1], row, *lines[2:]]) + "\n", encoding="utf-8")
    out = tmp_path / "board.json"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_an_unknown_column_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "vms.csv"
    source.write_text("name,power_state\nWeb,on\n", encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "b.json")]) == 2
    err = capsys.readouterr().err
    assert "vms.csv:1: unknown column 'power_state'" in err
    assert not (tmp_path / "b.json").exists()


def test_import_reads_a_bom_and_explicit_ids(tmp_path: Path) -> None:
    source = tmp_path / "vms.csv"
    source.write_bytes("\ufeffid,name,depends_on\napp,App,db\ndb,Database,\n".encode())
    out = tmp_path / "board.json"
    assert main(["import", str(source), "-o", str(out), "--name", "Estate"]) == 0
    board = load_board(out)
    assert (board.name, board.workload_ids) == ("Estate", ("app", "db"))
    assert board.workload("app").depends_on == ("db",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "vms.csv: is empty"),
        ("name,vcpu\n", "vms.csv: has a header but no workloads"),
        ("vcpu\n2\n", "vms.csv:1: a 'name' column is required"),
        ("name,name\nA,B\n", "vms.csv:1: column 'name' appears twice"),
    ],
)
def test_import_rejects_unusable_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    source = tmp_path / "vms.csv"
    source.write_text(text, encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "b.json")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "b.json").exists()


# -- validate warns about cycles ----------------------------------------------------------------


def test_validate_warns_about_a_dependency_cycle(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    board = load_board(DEMO_BOARD)
    db = board.workload("orders-db").model_copy(update={"depends_on": ("payments",)})
    path = tmp_path / "cycle.json"
    save_board(board.with_workload(db), path)
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert "valid board" in captured.out
    assert captured.err.strip() == (
        f"{path}: warning: dependency cycle: payments -> orders-db -> payments"
    )
    assert main(["validate", str(DEMO_BOARD)]) == 0
    assert capsys.readouterr().err == ""


# -- big boards ---------------------------------------------------------------------------------


def test_big_boards_show_details_only_for_workloads_in_trouble(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    workloads = tuple(Workload(id=f"vm-{i:03d}", name=f"VM {i}") for i in range(80))
    placements = {"vm-000": "lambda", "vm-001": "ec2"}
    path = tmp_path / "estate.json"
    save_board(Board(name="Estate", workloads=workloads, placements=placements), path)
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "80 workloads: 2 placed (EC2 1, Lambda 1), 78 unplaced" in out
    assert "\nvm-000 - VM 0\n" in out and "\nvm-001 - VM 1\n" not in out
    assert "Details shown for 1 of 80 workloads" in out
    assert main(["score", str(path), "--details"]) == 0
    assert "\nvm-079 - VM 79\n" in capsys.readouterr().out


def test_an_empty_board_scores_without_fuss(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "empty.json"
    save_board(Board(name="Empty"), path)
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "The board has no workloads yet." in out
    assert main(["score", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["workloads"] == []


def test_import_reads_semicolon_separated_exports(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text('name;vcpu;compliance\nLedger;4;"pci;sox"\n', encoding="utf-8")
    out = tmp_path / "board.json"
    assert main(["import", str(source), "-o", str(out)]) == 0
    ledger = load_board(out).workload("ledger")
    assert (ledger.vcpu, ledger.compliance) == (4, ("pci", "sox"))


def test_import_reads_the_schema_3_fields_and_maps_the_old_columns(tmp_path: Path) -> None:
    source = tmp_path / "vms.csv"
    source.write_text(
        "name,licence,interface,hardware_counters,max_runtime_s\n"
        "SQL Server,byol_per_core,long_lived_connections,no,\n"
        "Profiler,none,none,yes,3600\n",
        encoding="utf-8",
    )
    out = tmp_path / "board.json"
    assert main(["import", str(source), "-o", str(out)]) == 0
    board = load_board(out)
    sql, profiler = board.workloads
    assert (sql.licence, sql.interface) == ("byol_per_core", "long_lived_connections")
    assert profiler.hardware_counters and profiler.interface == "none"

    old = tmp_path / "old.csv"
    old.write_text("name,hardware_access,license_requires_physical\nLab,yes,true\n", "utf-8")
    assert main(["import", str(old), "-o", str(out)]) == 0
    (lab,) = load_board(out).workloads
    assert (lab.hardware_counters, lab.hardware_virtualisation, lab.licence) == (
        True,
        True,
        "no_hypervisor",
    )


def test_import_names_a_bad_licence_cell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "vms.csv"
    source.write_text("name,licence\nSQL,per-core\n", encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "b.json")]) != 0
    assert "vms.csv:2: licence: " in capsys.readouterr().err


USAGE_CSV = """\
name,interface,max_runtime_s,hours_per_month,runs_per_month,requests_per_month,avg_duration_ms
Web shop,request_response,,360,,12000000,85.5
Nightly ETL,none,7200,,30,,
Intranet,request_response,,,,,
"""


def test_import_reads_the_usage_columns_and_an_empty_cell_is_the_default(
    tmp_path: Path,
) -> None:
    source = tmp_path / "usage.csv"
    source.write_text(USAGE_CSV, encoding="utf-8")
    out = tmp_path / "board.json"
    assert main(["import", str(source), "-o", str(out)]) == 0
    web, etl, intranet = load_board(out).workloads
    usage = ("hours_per_month", "runs_per_month", "requests_per_month", "avg_duration_ms")
    assert [getattr(web, name) for name in usage] == [360, None, 12_000_000, 85.5]
    assert [getattr(etl, name) for name in usage] == [None, 30, None, None]
    assert [getattr(intranet, name) for name in usage] == [None] * 4
    assert isinstance(web.requests_per_month, int) and isinstance(etl.runs_per_month, int)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Bad,none,3600,,thirty,,", "usage.csv:3: runs_per_month: Input should be a valid integer"),
        ("Bad,none,3600,,1.5,,", "usage.csv:3: runs_per_month: Input should be a valid integer"),
        ("Bad,none,,800,,,", "usage.csv:3: hours_per_month: Input should be less than or equal"),
        ("Bad,none,,,,-5,", "usage.csv:3: requests_per_month: Input should be greater than or"),
        ("Bad,none,,,,,0", "usage.csv:3: avg_duration_ms: Input should be greater than 0"),
        ("Bad,none,,,,,nan", "usage.csv:3: avg_duration_ms: 'nan' is not a finite number"),
        ("Bad,none,,inf,,,", "usage.csv:3: hours_per_month: 'inf' is not a finite number"),
        (
            "Bad,request_response,2,,,,2500",
            "usage.csv:3: avg_duration_ms: avg_duration_ms (2500 ms) is longer than "
            "max_runtime_s allows (2 s)",
        ),
    ],
)
def test_a_bad_usage_cell_names_line_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, row: str, message: str
) -> None:
    lines = USAGE_CSV.splitlines()
    source = tmp_path / "usage.csv"
    source.write_text("\n".join([lines[0], lines[1], row, *lines[2:]]) + "\n", encoding="utf-8")
    out = tmp_path / "board.json"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
    assert not out.exists()
