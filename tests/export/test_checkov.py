"""checkov, run from its own venv (it must not share ours), finds nothing a reviewer would fix.

`make tools` (a dependency of `make test`) creates `.venv-tools` with checkov.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.export.boards import grouped_board, hostile_board, hostile_board_2026
from whiteboard.export.terraform import (
    SHARED_FUNCTION_HOSTS,
    SHARED_TASK_HOSTS,
    plan_stubs,
    render_terraform,
)
from whiteboard.export.terraform_files import write_files
from whiteboard.model import Board
from whiteboard.scoring import Scorer

CHECKOV = Path(__file__).resolve().parents[2] / ".venv-tools" / "bin" / "checkov"


#: Findings the stubs accept, each with its reason in a `#checkov:skip` comment inside the
#: resource (so a reader of the stub sees it too), as (check id, resource), read off the plan:
#:
#: - CKV_AWS_116 (a dead-letter queue): functions called synchronously (steady or spiky
#:   traffic, or request/response) return errors to their caller; a dead-letter queue only ever
#:   receives asynchronous events.
#: - CKV_AWS_117 (function inside a VPC): a function on managed hosts is in the VPC through its
#:   capacity provider's subnets and security group, and takes no VPC settings itself.
#: - CKV2_AWS_5 (security group attached): a scheduled job's group is attached to each run by
#:   the schedule's ECS parameters, and managed hosts' groups by their capacity provider;
#:   checkov's graph follows neither link.
#: - CKV_AWS_336 (read-only root file system): Windows containers cannot run with one.
#: - CKV_AWS_378 (load balancer over HTTP): TLS ends at the load balancer and the hop to the
#:   tasks stays in the VPC; web services in a compliance scope get HTTPS to the tasks.
def accepted(board: Board) -> set[tuple[str, str]]:
    plan = plan_stubs(board)
    found: set[tuple[str, str]] = set()
    for stub in plan.function_stubs:
        resource = f"aws_lambda_function.{stub.res}"
        if not stub.needs_dlq:
            found.add(("CKV_AWS_116", resource))
        if stub.managed_hosts:
            found.add(("CKV_AWS_117", resource))
    for stub in plan.container_stubs:
        if not stub.read_only_root:
            found.add(("CKV_AWS_336", f"aws_ecs_task_definition.{stub.res}"))
    for stub in plan.scheduled:
        if stub.container:
            found.add(("CKV2_AWS_5", f"aws_security_group.{stub.res}"))
    for stub in plan.web_services:
        if not stub.workload.compliance:
            found.add(("CKV_AWS_378", f"aws_lb_target_group.{stub.res}"))
    if plan.host_pools:
        found.add(("CKV2_AWS_5", f"aws_security_group.{SHARED_TASK_HOSTS}"))
    if any(stub.function and stub.managed_hosts for stub in plan.stubs):
        found.add(("CKV2_AWS_5", f"aws_security_group.{SHARED_FUNCTION_HOSTS}"))
    return found


def _everything_placed(board: Board) -> Board:
    """The demo board with every workload placed, so every target of its edition shows up."""
    extra = {
        "log-shipper": "containers",
        "reports": "ec2",
        "webhooks": "lambda",
        "perf-lab": "bare_metal",
        "ml-training": "ec2",
    }
    for workload_id, target in extra.items():
        board = board.with_placement(workload_id, target)  # type: ignore[arg-type]
    return board


def on_recommended(board: Board) -> Board:
    """Every workload on the target the scoring recommends (where one can run it)."""
    recommended = Scorer(board).recommendations()
    placements = {wid: target for wid, target in recommended.items() if target is not None}
    return board.with_fields(placements=placements)


def _run_checkov(folder: Path) -> dict:
    if not CHECKOV.exists():
        pytest.fail(
            "checkov is missing: run `make tools` (make test does it) to create .venv-tools"
        )
    result = subprocess.run(
        [
            str(CHECKOV),
            "-d",
            str(folder),
            "--framework",
            "terraform",
            "--skip-download",
            "--soft-fail",
            "-o",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    return report[0] if isinstance(report, list) else report


BOARDS = ("demo-recommended", "demo-everything", "hostile", "hostile-2026", "estate-300")


def _board(which: str, demo_board: Board) -> Board:
    if which == "demo-recommended":
        return on_recommended(demo_board)
    if which == "demo-everything":
        return _everything_placed(demo_board)
    if which == "estate-300":
        return grouped_board(300)
    return hostile_board() if which == "hostile" else hostile_board_2026()


@pytest.mark.slow
@pytest.mark.parametrize("which", BOARDS)
def test_checkov_fails_nothing_and_skips_only_the_accepted_findings(
    which: str, demo_board: Board, tmp_path: Path
) -> None:
    """Nothing fails; what is skipped is exactly the accepted findings, each with a reason."""
    board = _board(which, demo_board)
    write_files(tmp_path, render_terraform(board))
    report = _run_checkov(tmp_path)
    summary = report["summary"]
    assert summary["parsing_errors"] == 0
    assert summary["passed"] > 100
    failed = [(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]]
    assert failed == []
    skipped = report["results"]["skipped_checks"]
    assert {(c["check_id"], c["resource"]) for c in skipped} == accepted(board)
    for check in skipped:
        assert len(check["check_result"].get("suppress_comment", "")) > 40, check


def test_the_accepted_findings_name_exactly_the_resources_meant() -> None:
    """The plan-derived exceptions name exactly the functions they are meant for."""
    excused = accepted(hostile_board_2026())
    assert {r for c, r in excused if c == "CKV_AWS_116"} == {
        "aws_lambda_function.tokyo_fn",
        "aws_lambda_function.lmi_api",
    }
    assert {r for c, r in excused if c == "CKV_AWS_117"} == {
        "aws_lambda_function.lmi_events",
        "aws_lambda_function.lmi_api",
        "aws_lambda_function.m" + "i" * 62 + "x",
    }
    assert ("CKV_AWS_116", "aws_lambda_function.tokyo_fn") in accepted(hostile_board())
