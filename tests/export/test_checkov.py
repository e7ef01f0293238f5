"""checkov, run from its own venv (it must not share ours), finds nothing a reviewer would fix.

`make tools` (a dependency of `make test`) creates `.venv-tools` with checkov.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.export.boards import hostile_board, hostile_board_2026
from whiteboard.export.terraform import (
    SHARED_FUNCTION_HOSTS,
    SHARED_TASK_HOSTS,
    plan_stubs,
    render_terraform,
)
from whiteboard.export.terraform_files import write_files
from whiteboard.model import Board

CHECKOV = Path(__file__).resolve().parents[2] / ".venv-tools" / "bin" / "checkov"

#: (check id, resource) pairs that cannot apply to these stubs, each with the reason.
ALLOWED = {
    # The logs key's key policy. In a key policy "Resource": "*" means this one key, and the
    # account-root statement is AWS's default key policy (it keeps the key manageable through
    # IAM). checkov reads the document as an identity policy, where "*" would mean everything.
    ("CKV_AWS_109", "aws_iam_policy_document.logs_key"),
    ("CKV_AWS_111", "aws_iam_policy_document.logs_key"),
    ("CKV_AWS_356", "aws_iam_policy_document.logs_key"),
}
#: The security groups of managed hosts are attached by a capacity provider (its network
#: configuration), a link checkov's graph does not know, so "attached to a resource" cannot see it.
ALLOWED |= {
    ("CKV2_AWS_5", f"aws_security_group.{SHARED_TASK_HOSTS}"),
    ("CKV2_AWS_5", f"aws_security_group.{SHARED_FUNCTION_HOSTS}"),
}


def _not_applicable(board: Board) -> set[tuple[str, str]]:
    """Checks that cannot apply to some of this board's functions, read off the plan:

    - CKV_AWS_116 (a dead-letter queue): functions called synchronously (steady or spiky
      traffic) return errors to their caller; a dead-letter queue only ever receives
      asynchronous events.
    - CKV_AWS_117 (function inside a VPC): a function on managed hosts is in the VPC through
      its capacity provider's subnets and security group, and takes no VPC settings itself.
    """
    skipped: set[tuple[str, str]] = set()
    for stub in plan_stubs(board).function_stubs:
        resource = f"aws_lambda_function.{stub.res}"
        if not stub.needs_dlq:
            skipped.add(("CKV_AWS_116", resource))
        if stub.managed_hosts:
            skipped.add(("CKV_AWS_117", resource))
    return skipped


def _everything_placed(board: Board) -> Board:
    """The demo board with every workload placed, so every target shows up."""
    extra = {
        "log-shipper": "containers",
        "reports": "ec2",
        "webhooks": "lambda",
        "perf-lab": "bare_metal",
        "ml-training": "ec2",
    }
    for workload_id, target in extra.items():
        board = board.with_placement(workload_id, target)  # type: ignore[arg-type]
    # A privileged container is the workload's own need and is flagged for review instead.
    return board.with_workload(
        board.workload("log-shipper").model_copy(update={"privileged": False})
    )


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


def _board(which: str, demo_board: Board) -> Board:
    if which == "demo":
        return _everything_placed(demo_board)
    return hostile_board() if which == "hostile" else hostile_board_2026()


@pytest.mark.slow
@pytest.mark.parametrize("which", ["demo", "hostile", "hostile-2026"])
def test_checkov_finds_no_failed_checks_outside_the_allow_list(
    which: str, demo_board: Board, tmp_path: Path
) -> None:
    board = _board(which, demo_board)
    write_files(tmp_path, render_terraform(board))
    report = _run_checkov(tmp_path)
    summary = report["summary"]
    assert summary["parsing_errors"] == 0
    assert summary["passed"] > 100
    allowed = ALLOWED | _not_applicable(board)
    failed = [
        (check["check_id"], check["resource"])
        for check in report["results"]["failed_checks"]
        if (check["check_id"], check["resource"]) not in allowed
    ]
    assert failed == []


def test_only_the_synchronous_and_managed_host_functions_are_excused() -> None:
    """The plan-derived exceptions name exactly the functions they are meant for."""
    excused = _not_applicable(hostile_board_2026())
    assert {r for c, r in excused if c == "CKV_AWS_116"} == {
        "aws_lambda_function.tokyo_fn",
        "aws_lambda_function.lmi_api",
    }
    assert {r for c, r in excused if c == "CKV_AWS_117"} == {
        "aws_lambda_function.lmi_events",
        "aws_lambda_function.lmi_api",
        "aws_lambda_function.m" + "i" * 62 + "x",
    }
    assert _not_applicable(hostile_board()) == {("CKV_AWS_116", "aws_lambda_function.tokyo_fn")}
