"""checkov, run from its own venv (it must not share ours), finds nothing a reviewer would fix.

`make tools` (a dependency of `make test`) creates `.venv-tools` with checkov.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.export.boards import hostile_board
from whiteboard.export.terraform import render_terraform
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
#: Functions called synchronously (steady or spiky traffic) return errors to their caller; a
#: dead-letter queue only ever receives asynchronous events, so CKV_AWS_116 does not apply.
SYNCHRONOUS_FUNCTIONS = {"aws_lambda_function.tokyo_fn"}


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


@pytest.mark.slow
@pytest.mark.parametrize("which", ["demo", "hostile"])
def test_checkov_finds_no_failed_checks_outside_the_allow_list(
    which: str, demo_board: Board, tmp_path: Path
) -> None:
    board = _everything_placed(demo_board) if which == "demo" else hostile_board()
    write_files(tmp_path, render_terraform(board))
    report = _run_checkov(tmp_path)
    summary = report["summary"]
    assert summary["parsing_errors"] == 0
    assert summary["passed"] > 100
    failed = [
        (check["check_id"], check["resource"])
        for check in report["results"]["failed_checks"]
        if (check["check_id"], check["resource"]) not in ALLOWED
        and not (check["check_id"] == "CKV_AWS_116" and check["resource"] in SYNCHRONOUS_FUNCTIONS)
    ]
    assert failed == []
