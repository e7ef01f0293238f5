"""Terraform stubs, read back by meaning: parsed HCL, decoded strings, `terraform fmt`."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.export.boards import BOARD_NAME, HOSTILE_NAMES
from tests.export.tfcheck import all_resources, block, literal, parse, unformatted
from whiteboard.export import hcl
from whiteboard.export.terraform import HEADER_MARK, render_terraform
from whiteboard.model import Board


def _roles_trusting(files: dict[str, str]) -> dict[str, str]:
    """role name -> the one service principal its trust policy names."""
    documents = {}
    for block_ in parse(files["main.tf"]).get("data", []):
        for name, body in block_.get('"aws_iam_policy_document"', {}).items():
            if not name.endswith('_trust"'):
                continue
            statement = body["statement"][0]
            documents[name.strip('"')] = [
                literal(p) for p in statement["principals"][0]["identifiers"]
            ]
    trusted = {}
    for name, body in all_resources(files, "aws_iam_role").items():
        doc = re.fullmatch(
            r"\$\{data\.aws_iam_policy_document\.(\w+)\.json\}", body["assume_role_policy"]
        )
        assert doc, body["assume_role_policy"]
        (principal,) = documents[doc.group(1)]
        trusted[name] = principal
    return trusted


def test_every_file_starts_with_the_generated_by_header(hostile_files: dict[str, str]) -> None:
    assert set(hostile_files) >= {
        "versions.tf",
        "variables.tf",
        "main.tf",
        "outputs.tf",
        "README.md",
    }
    for name, text in hostile_files.items():
        first = text.splitlines()[0]
        assert HEADER_MARK in first, name
        assert text.endswith("\n") and not text.endswith("\n\n"), name


def test_every_tf_file_parses(hostile_files: dict[str, str], demo_files: dict[str, str]) -> None:
    for files in (hostile_files, demo_files):
        for name, text in files.items():
            if name.endswith(".tf"):
                assert isinstance(parse(text), dict), name


def test_terraform_fmt_check_finds_nothing_to_change(
    hostile_files: dict[str, str], demo_files: dict[str, str]
) -> None:
    for label, files in (("hostile", hostile_files), ("demo", demo_files)):
        assert unformatted(files) == [], f"{label}: terraform fmt would change these"


def test_terraform_fmt_check_catches_a_mis_indented_file(demo_files: dict[str, str]) -> None:
    """The check above can fail: one attribute indented by three spaces is caught."""
    lines = demo_files["variables.tf"].splitlines(keepends=True)
    bad = next(i for i, line in enumerate(lines) if line.startswith("  description"))
    lines[bad] = " " + lines[bad]
    broken = {**demo_files, "variables.tf": "".join(lines)}
    assert unformatted(broken) == ["variables.tf"]


def test_same_board_gives_byte_identical_files_across_processes(hostile: Board) -> None:
    code = (
        "import hashlib, sys\n"
        "sys.path.insert(0, '.')\n"
        "from tests.export.boards import hostile_board\n"
        "from whiteboard.export.terraform import render_terraform\n"
        "files = render_terraform(hostile_board())\n"
        "print(hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[2]
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            timeout=120,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    here = hashlib.sha256(repr(sorted(render_terraform(hostile).items())).encode()).hexdigest()
    assert digests == {here}


def test_targets_become_the_documented_resources(hostile_files: dict[str, str]) -> None:
    instances = all_resources(hostile_files, "aws_instance")
    assert literal(instances["moscow"]["instance_type"]).endswith(".metal")
    assert not literal(instances["w_shared"]["instance_type"]).endswith(".metal")
    for body in instances.values():
        assert body["iam_instance_profile"].startswith("${aws_iam_instance_profile.")

    tasks = all_resources(hostile_files, "aws_ecs_task_definition")
    services = all_resources(hostile_files, "aws_ecs_service")
    assert [literal(c) for c in tasks["w_1st_api"]["requires_compatibilities"]] == ["EC2"]
    assert literal(services["w_1st_api"]["launch_type"]) == "EC2"
    assert "w_1st_api" in all_resources(hostile_files, "aws_launch_template")
    assert "w_1st_api" in all_resources(hostile_files, "aws_autoscaling_group")
    fargate = [name for name, body in services.items() if literal(body["launch_type"]) == "FARGATE"]
    assert sorted(fargate) == sorted(
        ["bell", hcl.unique_identifiers(["web-shop", "web_shop"])["web-shop"]]
    )
    for name in fargate:
        assert literal(services[name]["platform_version"]) == "LATEST"
        assert [literal(c) for c in tasks[name]["requires_compatibilities"]] == ["FARGATE"]

    functions = all_resources(hostile_files, "aws_lambda_function")
    assert len(functions) == 4
    logs = all_resources(hostile_files, "aws_cloudwatch_log_group")
    for name, body in functions.items():
        assert (
            block(body, "logging_config")["log_group"]
            == f"${{aws_cloudwatch_log_group.{name}.name}}"
        )
        assert literal(block(body, "tracing_config")["mode"]) == "Active"
        assert logs[name]["retention_in_days"] == "${var.log_retention_days}"
        assert logs[name]["kms_key_id"] == "${aws_kms_key.logs.arn}"


def test_each_role_is_trusted_only_by_its_own_service(hostile_files: dict[str, str]) -> None:
    trusted = _roles_trusting(hostile_files)
    assert trusted["moscow_instance"] == "ec2.amazonaws.com"
    assert trusted["w_shared_instance"] == "ec2.amazonaws.com"
    assert trusted["shared_ecs_host"] == "ec2.amazonaws.com"
    assert trusted["bell_task"] == trusted["bell_execution"] == "ecs-tasks.amazonaws.com"
    assert trusted["tokyo_fn_function"] == "lambda.amazonaws.com"
    tasks = all_resources(hostile_files, "aws_ecs_task_definition")
    for body in tasks.values():
        assert body["task_role_arn"] != body["execution_role_arn"]


def test_secure_defaults_on_hosts_and_containers(hostile_files: dict[str, str]) -> None:
    for body in all_resources(hostile_files, "aws_instance").values():
        assert literal(block(body, "metadata_options")["http_tokens"]) == "required"
        assert body["associate_public_ip_address"] is False
        assert block(body, "root_block_device")["encrypted"] is True
        assert all(volume["encrypted"] is True for volume in body.get("ebs_block_device", []))
    for body in all_resources(hostile_files, "aws_launch_template").values():
        assert literal(block(body, "metadata_options")["http_tokens"]) == "required"
        assert block(body, "network_interfaces")["associate_public_ip_address"] is False
        assert block(block(body, "block_device_mappings"), "ebs")["encrypted"] is True
    for body in all_resources(hostile_files, "aws_ecs_task_definition").values():
        definitions = body["container_definitions"]
        assert "privileged = false" in definitions
        assert "readonlyRootFilesystem = true" in definitions
    for body in all_resources(hostile_files, "aws_ecs_service").values():
        assert block(body, "network_configuration")["assign_public_ip"] is False
    (cluster,) = all_resources(hostile_files, "aws_ecs_cluster").values()
    setting = block(cluster, "setting")
    assert (literal(setting["name"]), literal(setting["value"])) == ("containerInsights", "enabled")


def test_dead_letter_queues_for_asynchronous_functions_only(hostile_files: dict[str, str]) -> None:
    functions = all_resources(hostile_files, "aws_lambda_function")
    queues = all_resources(hostile_files, "aws_sqs_queue")
    with_dlq = {name for name, body in functions.items() if "dead_letter_config" in body}
    # tokyo-fn is steady (synchronous) traffic; the others are event-driven or scheduled.
    assert with_dlq == set(functions) - {"tokyo_fn"}
    for name in with_dlq:
        target = block(functions[name], "dead_letter_config")["target_arn"]
        assert target == f"${{aws_sqs_queue.{name}_dlq.arn}}"
        assert queues[f"{name}_dlq"]["sqs_managed_sse_enabled"] is True


def test_dependencies_become_least_privilege_access(hostile_files: dict[str, str]) -> None:
    ingress = all_resources(hostile_files, "aws_vpc_security_group_ingress_rule")
    egress = all_resources(hostile_files, "aws_vpc_security_group_egress_rule")
    rule = ingress["w_shared__moscow"]
    assert rule["security_group_id"] == "${aws_security_group.moscow.id}"
    assert rule["referenced_security_group_id"] == "${aws_security_group.w_shared.id}"
    assert rule["from_port"] == rule["to_port"] == "${var.service_port}"
    assert egress["w_shared__moscow"]["security_group_id"] == "${aws_security_group.w_shared.id}"
    assert not any("cidr_ipv4" in body for body in ingress.values())

    policies = all_resources(hostile_files, "aws_iam_role_policy")
    invoke = policies["w_shared__tokyo_fn"]
    assert invoke["role"] == "${aws_iam_role.w_shared_instance.name}"
    assert '"lambda:InvokeFunction"' in invoke["policy"]
    assert "Resource = aws_lambda_function.tokyo_fn.arn" in invoke["policy"]
    assert "*" not in invoke["policy"]


def test_user_names_are_escaped_and_read_back_exactly(
    hostile: Board, hostile_files: dict[str, str]
) -> None:
    outputs = {}
    for block_ in parse(hostile_files["outputs.tf"])["output"]:
        for name, body in block_.items():
            outputs[name.strip('"')] = literal(body["description"])
    described = " | ".join(outputs.values())
    for key, name in HOSTILE_NAMES.items():
        assert name in described, key
    functions = all_resources(hostile_files, "aws_lambda_function")
    assert literal(functions["tokyo_fn"]["description"]) == HOSTILE_NAMES["tokyo"]
    provider = parse(hostile_files["versions.tf"])["provider"][0]['"aws"']
    board_tag = literal(block(provider, "default_tags")["tags"]["Board"])
    assert "${" not in board_tag and "<" not in board_tag and "東京" in board_tag
    assert BOARD_NAME  # the header comment holds it on one line:
    assert hostile_files["main.tf"].splitlines()[0].endswith(hcl.comment(BOARD_NAME))


def test_resource_names_are_valid_and_unique(hostile_files: dict[str, str]) -> None:
    seen: set[tuple[str, str]] = set()
    for name, text in hostile_files.items():
        if not name.endswith(".tf"):
            continue
        for found in re.finditer(r'^resource "([^"]+)" "([^"]+)"', text, re.MULTILINE):
            key = (found.group(1), found.group(2))
            assert hcl.is_identifier(key[1]), key
            assert key not in seen, key
            seen.add(key)


def test_sizes_follow_the_workload(hostile_files: dict[str, str]) -> None:
    tasks = all_resources(hostile_files, "aws_ecs_task_definition")
    # 3 vCPU, 9 GiB, 50 GiB scratch -> 4 vCPU, 9 GiB, a valid Fargate pair, and 50 GiB storage.
    assert (literal(tasks["bell"]["cpu"]), literal(tasks["bell"]["memory"])) == ("4096", "9216")
    assert block(tasks["bell"], "ephemeral_storage")["size_in_gib"] == 50
    functions = all_resources(hostile_files, "aws_lambda_function")
    assert functions["tokyo_fn"]["timeout"] == 5
    assert functions["newlines"]["timeout"] == 600
    assert functions["tokyo_fn"]["memory_size"] == 2048


def test_unplaced_workloads_are_skipped_with_a_note(hostile_files: dict[str, str]) -> None:
    text = "".join(t for n, t in hostile_files.items() if n.endswith(".tf"))
    assert "not-placed" not in text and "not_placed" not in text
    readme = hostile_files["README.md"]
    assert "## Not included" in readme
    assert "Not placed &lt;yet&gt; &amp; waiting (`not-placed`)" in readme
    assert "Caller of nothing → Not placed" in readme


def test_readme_escapes_markdown_and_html(hostile_files: dict[str, str]) -> None:
    readme = hostile_files["README.md"]
    assert "<b>" not in readme and "<i>" not in readme
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;co&lt;/i&gt;" in readme
    assert "\x07" not in readme and "\x1b" not in readme


def test_privileged_workloads_keep_privilege_on_ecs_on_ec2_and_are_flagged(
    demo_board: Board,
) -> None:
    board = demo_board.with_placement("log-shipper", "containers")
    files = render_terraform(board)
    tasks = all_resources(files, "aws_ecs_task_definition")
    assert "privileged = true" in tasks["log_shipper"]["container_definitions"]
    assert "Log shipper daemon set runs a privileged container" in files["README.md"]


@pytest.mark.parametrize("target", ["bare_metal", "ec2", "containers", "fargate", "lambda"])
def test_a_board_with_one_target_renders_only_what_it_needs(target: str) -> None:
    from whiteboard.model import Workload

    board = Board(
        name="One",
        workloads=(Workload(id="solo", name="Solo", max_runtime_s=60),),
        placements={"solo": target},  # type: ignore[dict-item]
    )
    files = render_terraform(board)
    assert f"{target}.tf" in files
    assert "access.tf" not in files
    other_targets = {"bare_metal", "ec2", "containers", "fargate", "lambda"} - {target}
    assert not any(f"{other}.tf" in files for other in other_targets)
    (parsed := parse(files["variables.tf"]))
    names = {name.strip('"') for b in parsed["variable"] for name in b}
    assert ("container_images" in names) == (target in ("containers", "fargate"))
    assert ("artifact_bucket" in names) == (target == "lambda")


def test_a_board_with_nothing_placed_creates_no_resources() -> None:
    from whiteboard.model import Workload

    files = render_terraform(Board(name="Empty", workloads=(Workload(id="a", name="A"),)))
    assert all_resources(files) == {}
    assert "nothing to deploy" in files["README.md"]
    assert unformatted(files) == []
