"""Terraform stubs, read back by meaning: parsed HCL, decoded strings, `terraform fmt`."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.export.boards import (
    BOARD_NAME,
    HOSTILE_NAMES,
    HOSTILE_NAMES_2026,
    hostile_board,
    hostile_board_2026,
)
from tests.export.tfcheck import all_resources, block, literal, parse, unformatted
from whiteboard.catalog import default_catalog
from whiteboard.export import hcl
from whiteboard.export.terraform import HEADER_MARK, plan_stubs, render_terraform
from whiteboard.export.terraform_shapes import port_of
from whiteboard.model import Board, Workload

#: The 2026 edition's targets that the 2018 edition lacks, and the files they would bring.
NEW_TARGETS = sorted(
    set(default_catalog().edition("2026").targets) - set(default_catalog().edition("2018").targets)
)
NEW_FILES = {f"{target}.tf" for target in NEW_TARGETS}
LONG_LMI = "m" + "i" * 62 + "x"


@pytest.fixture(scope="module")
def hostile_2026() -> Board:
    return hostile_board_2026()


@pytest.fixture(scope="module")
def hostile_2026_files(hostile_2026: Board) -> dict[str, str]:
    return render_terraform(hostile_2026)


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


def test_every_file_starts_with_the_generated_by_header(
    hostile_files: dict[str, str], hostile_2026_files: dict[str, str]
) -> None:
    for files in (hostile_files, hostile_2026_files):
        assert set(files) >= {"versions.tf", "variables.tf", "main.tf", "outputs.tf", "README.md"}
        for name, text in files.items():
            first = text.splitlines()[0]
            assert HEADER_MARK in first, name
            assert text.endswith("\n") and not text.endswith("\n\n"), name


def test_the_2026_board_uses_all_seven_targets(
    hostile_2026: Board, hostile_2026_files: dict[str, str]
) -> None:
    assert hostile_2026.edition == "2026"
    assert set(hostile_2026.placements.values()) == set(hostile_2026.targets)
    assert len(hostile_2026.targets) == 7
    assert {f"{target}.tf" for target in hostile_2026.targets} <= set(hostile_2026_files)


def test_every_tf_file_parses(
    hostile_files: dict[str, str], demo_files: dict[str, str], hostile_2026_files: dict[str, str]
) -> None:
    for files in (hostile_files, demo_files, hostile_2026_files):
        for name, text in files.items():
            if name.endswith(".tf"):
                assert isinstance(parse(text), dict), name


def test_terraform_fmt_check_finds_nothing_to_change(
    hostile_files: dict[str, str], demo_files: dict[str, str], hostile_2026_files: dict[str, str]
) -> None:
    for label, files in (
        ("hostile", hostile_files),
        ("demo", demo_files),
        ("hostile 2026", hostile_2026_files),
    ):
        assert unformatted(files) == [], f"{label}: terraform fmt would change these"


def test_terraform_fmt_check_catches_a_mis_indented_file(demo_files: dict[str, str]) -> None:
    """The check above can fail: one attribute indented by three spaces is caught."""
    lines = demo_files["variables.tf"].splitlines(keepends=True)
    bad = next(i for i, line in enumerate(lines) if line.startswith("  description"))
    lines[bad] = " " + lines[bad]
    broken = {**demo_files, "variables.tf": "".join(lines)}
    assert unformatted(broken) == ["variables.tf"]


@pytest.mark.parametrize("maker", ["hostile_board", "hostile_board_2026"])
def test_same_board_gives_byte_identical_files_across_processes(maker: str) -> None:
    from tests.export import boards

    hostile = getattr(boards, maker)()
    code = (
        "import hashlib, sys\n"
        "sys.path.insert(0, '.')\n"
        f"from tests.export.boards import {maker}\n"
        "from whiteboard.export.terraform import render_terraform\n"
        f"files = render_terraform({maker}())\n"
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
    # Tasks on hosts you run share one auto scaling group and its capacity provider.
    assert _capacity_provider_of(services["w_1st_api"]) == "shared_linux_hosts"
    assert set(all_resources(hostile_files, "aws_launch_template")) == {"shared_linux_hosts"}
    assert set(all_resources(hostile_files, "aws_autoscaling_group")) == {"shared_linux_hosts"}
    fargate = [
        name
        for name, body in services.items()
        if literal(body.get("launch_type", '""')) == "FARGATE"
    ]
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
    # The callee's own port: moscow names none, so the usual one for its kind.
    assert (
        rule["from_port"]
        == rule["to_port"]
        == port_of(plan_stubs(hostile_board()).of("bare_metal")[0].workload)
    )
    assert egress["w_shared__moscow"]["security_group_id"] == "${aws_security_group.w_shared.id}"
    # Only the load balancer takes traffic from networks (those the variable names).
    from_networks = {name for name, body in ingress.items() if "cidr_ipv4" in body}
    assert from_networks <= {"shared_load_balancer_https"}

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
    (board_line,) = re.findall(r"^\s+Board\s+= (\".*\")$", hostile_files["versions.tf"], re.M)
    board_tag = literal(board_line)
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


ALL_TARGETS = [t.id for t in default_catalog().edition_targets("2026")]
CONTAINER_TARGETS = {"containers", "managed_containers", "fargate"}
FUNCTION_TARGETS = {"lambda_managed", "lambda"}


@pytest.mark.parametrize(
    ("edition", "target"),
    [(e.id, t) for e in default_catalog().editions for t in e.targets],
)
def test_a_board_with_one_target_renders_only_what_it_needs(edition: str, target: str) -> None:
    board = Board(
        name="One",
        edition=edition,  # type: ignore[arg-type]
        workloads=(Workload(id="solo", name="Solo", max_runtime_s=60),),
        placements={"solo": target},  # type: ignore[dict-item]
    )
    files = render_terraform(board)
    assert f"{target}.tf" in files
    assert "access.tf" not in files
    assert not any(f"{other}.tf" in files for other in set(ALL_TARGETS) - {target})
    (parsed := parse(files["variables.tf"]))
    names = {name.strip('"') for b in parsed["variable"] for name in b}
    assert ("container_images" in names) == (target in CONTAINER_TARGETS)
    assert ("artifact_bucket" in names) == (target in FUNCTION_TARGETS)
    assert ("function_runtimes" in names) == (target in FUNCTION_TARGETS)
    assert unformatted(files) == []


def test_a_board_with_nothing_placed_creates_no_resources() -> None:
    from whiteboard.model import Workload

    files = render_terraform(Board(name="Empty", workloads=(Workload(id="a", name="A"),)))
    assert all_resources(files) == {}
    assert "nothing to deploy" in files["README.md"]
    assert unformatted(files) == []


# -- the 2026 edition: tasks and functions on managed hosts --------------------------------------


def _capacity_provider_of(service: dict) -> str:
    strategy = block(service, "capacity_provider_strategy")
    found = re.fullmatch(
        r"\$\{aws_ecs_capacity_provider\.(\w+)\.name\}", strategy["capacity_provider"]
    )
    assert found, strategy
    return found.group(1)


def _requirements(provider: dict) -> dict:
    template = block(block(provider, "managed_instances_provider"), "instance_launch_template")
    return block(template, "instance_requirements")


def test_tasks_on_managed_hosts_run_on_managed_instances_capacity_providers(
    hostile_2026_files: dict[str, str],
) -> None:
    files = hostile_2026_files
    tasks = all_resources(files, "aws_ecs_task_definition")
    services = all_resources(files, "aws_ecs_service")
    providers = all_resources(files, "aws_ecs_capacity_provider")
    managed = {"mi_web", "mi_gpu", "w_shared_mi"}
    for name in managed:
        task, service = tasks[name], services[name]
        assert [literal(c) for c in task["requires_compatibilities"]] == ["MANAGED_INSTANCES"]
        assert literal(task["network_mode"]) == "awsvpc"
        assert "ephemeral_storage" not in task  # not valid on managed instances
        assert literal(block(task, "runtime_platform")["operating_system_family"]) == "LINUX"
        assert "launch_type" not in service
        assert block(service, "network_configuration")["assign_public_ip"] is False
    # The tasks that can share hosts share one provider; the GPU task gets its own.
    assert {_capacity_provider_of(services[n]) for n in ("mi_web", "w_shared_mi")} == {
        "shared_task_hosts"
    }
    assert _capacity_provider_of(services["mi_gpu"]) == "mi_gpu"
    assert set(providers) == {"shared_task_hosts", "mi_gpu", "shared_linux_hosts"}
    # The other targets keep theirs.
    assert _capacity_provider_of(services["w_1st_api"]) == "shared_linux_hosts"
    assert literal(services["bell"]["launch_type"]) == "FARGATE"

    for name, provider in providers.items():
        if name == "shared_linux_hosts":
            continue
        assert provider["cluster"] == "${aws_ecs_cluster.this.name}"
        managed_instances = block(provider, "managed_instances_provider")
        assert managed_instances["infrastructure_role_arn"] == (
            "${aws_iam_role.shared_task_hosts_infrastructure.arn}"
        )
        template = block(managed_instances, "instance_launch_template")
        assert template["ec2_instance_profile_arn"] == (
            "${aws_iam_instance_profile.shared_task_hosts.arn}"
        )
        network = block(template, "network_configuration")
        assert network["subnets"] == "${var.private_subnet_ids}"
        assert network["security_groups"] == ["${aws_security_group.shared_task_hosts.id}"]
        requirements = _requirements(provider)
        assert [literal(m) for m in requirements["cpu_manufacturers"]] == ["intel", "amd"]
        assert ("accelerator_types" in requirements) == (name == "mi_gpu")
    assert [literal(t) for t in _requirements(providers["mi_gpu"])["accelerator_types"]] == ["gpu"]

    # ECS may only pass an instance role whose name starts with ecsInstanceRole.
    role = all_resources(files, "aws_iam_role")["shared_task_hosts"]
    profile = all_resources(files, "aws_iam_instance_profile")["shared_task_hosts"]
    assert role["name_prefix"] == profile["name_prefix"] == '"ecsInstanceRole-${var.name_prefix}-"'
    attached = all_resources(files, "aws_iam_role_policy_attachment")
    assert attached["shared_task_hosts"]["policy_arn"].endswith(
        ':iam::aws:policy/AmazonECSInstanceRolePolicyForManagedInstances"'
    )
    assert attached["shared_task_hosts_infrastructure"]["policy_arn"].endswith(
        ':iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances"'
    )
    # Only the GPU task asks ECS for a GPU.
    assert 'type = "GPU"' in tasks["mi_gpu"]["container_definitions"]
    assert "GPU" not in tasks["mi_web"]["container_definitions"]


def test_managed_hosts_hold_the_largest_task_of_their_provider(
    hostile_2026: Board, hostile_2026_files: dict[str, str]
) -> None:
    providers = all_resources(hostile_2026_files, "aws_ecs_capacity_provider")
    tasks = all_resources(hostile_2026_files, "aws_ecs_task_definition")
    members = {"shared_task_hosts": ["mi_web", "w_shared_mi"], "mi_gpu": ["mi_gpu"]}
    for provider, names in members.items():
        requirements = _requirements(providers[provider])
        vcpu, memory = block(requirements, "vcpu_count"), block(requirements, "memory_mib")
        for name in names:
            assert vcpu["min"] * 1024 >= int(literal(tasks[name]["cpu"]))
            assert memory["min"] > int(literal(tasks[name]["memory"]))
        assert vcpu["max"] >= vcpu["min"] and memory["max"] >= memory["min"]
    # 3 vCPU, 9 GiB and 50 GiB of scratch (shared-mi): any value the host holds, no Fargate pair.
    assert (literal(tasks["w_shared_mi"]["cpu"]), literal(tasks["w_shared_mi"]["memory"])) == (
        "3072",
        "9216",
    )
    template = block(
        block(providers["shared_task_hosts"], "managed_instances_provider"),
        "instance_launch_template",
    )
    assert block(template, "storage_configuration")["storage_size_gib"] >= 50


def test_functions_on_managed_hosts_run_published_on_the_shared_capacity_provider(
    hostile_2026_files: dict[str, str],
) -> None:
    files = hostile_2026_files
    functions = all_resources(files, "aws_lambda_function")
    (provider_name, provider), *others = all_resources(
        files, "aws_lambda_capacity_provider"
    ).items()
    assert others == [] and provider_name == "shared_function_hosts"
    assert block(provider, "vpc_config")["subnet_ids"] == "${var.private_subnet_ids}"
    assert block(provider, "vpc_config")["security_group_ids"] == [
        "${aws_security_group.shared_function_hosts.id}"
    ]
    assert block(provider, "permissions_config")["capacity_provider_operator_role_arn"] == (
        "${aws_iam_role.shared_function_hosts_operator.arn}"
    )
    assert [literal(a) for a in block(provider, "instance_requirements")["architectures"]] == [
        "x86_64"
    ]
    operator = all_resources(files, "aws_iam_role_policy_attachment")[
        "shared_function_hosts_operator"
    ]
    assert operator["policy_arn"].endswith(':iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"')

    managed = {"lmi_events", "lmi_api", LONG_LMI}
    plan_ids = {stub.res: stub.workload.id for stub in plan_stubs(hostile_board_2026()).stubs}
    logs = all_resources(files, "aws_cloudwatch_log_group")
    for name in managed:
        body = functions[name]
        config = block(
            block(body, "capacity_provider_config"),
            "lambda_managed_instances_capacity_provider_config",
        )
        assert (
            config["capacity_provider_arn"]
            == "${aws_lambda_capacity_provider.shared_function_hosts.arn}"
        )
        ratio = config["execution_environment_memory_gib_per_vcpu"]
        assert ratio in (2, 4, 8)
        assert body["memory_size"] >= 2048 and body["memory_size"] % (ratio * 1024) == 0
        assert 1 <= body["timeout"] <= 900
        assert body["publish"] is True and literal(body["publish_to"]) == "LATEST_PUBLISHED"
        assert body["runtime"] == f'${{var.function_runtimes["{plan_ids[name]}"]}}'
        assert [literal(a) for a in body["architectures"]] == ["x86_64"]
        assert "vpc_config" not in body and "ephemeral_storage" not in body
        assert body["code_signing_config_arn"] == "${aws_lambda_code_signing_config.this.arn}"
        assert body["reserved_concurrent_executions"] == "${var.lmi_reserved_concurrency}"
        assert literal(block(body, "tracing_config")["mode"]) == "Active"
        assert (
            block(body, "logging_config")["log_group"]
            == f"${{aws_cloudwatch_log_group.{name}.name}}"
        )
        assert logs[name]["kms_key_id"] == "${aws_kms_key.logs.arn}"
    # The functions on Lambda's own fleet keep their settings.
    assert "capacity_provider_config" not in functions["tokyo_fn"]
    assert "vpc_config" in functions["tokyo_fn"] and functions["tokyo_fn"]["runtime"] == (
        '${var.function_runtimes["tokyo-fn"]}'
    )
    # Event-driven and scheduled (idle) ones get a dead-letter queue; the steady one does not.
    with_dlq = {name for name in managed if "dead_letter_config" in functions[name]}
    assert with_dlq == {"lmi_events", LONG_LMI}
    # Sizes: 2 vCPU and 10 GiB is cheapest at 8 GiB per vCPU; a small one is the 2 GiB minimum.
    assert (functions["lmi_api"]["memory_size"], functions["lmi_events"]["memory_size"]) == (
        16384,
        2048,
    )
    assert functions[LONG_LMI]["timeout"] == 900  # asked for an hour: capped, with a note


def test_roles_of_managed_hosts_are_trusted_by_their_service_only(
    hostile_2026_files: dict[str, str],
) -> None:
    trusted = _roles_trusting(hostile_2026_files)
    assert trusted["shared_task_hosts_infrastructure"] == "ecs.amazonaws.com"
    assert trusted["shared_task_hosts"] == "ec2.amazonaws.com"
    assert trusted["shared_function_hosts_operator"] == "lambda.amazonaws.com"
    assert trusted["mi_web_task"] == trusted["mi_web_execution"] == "ecs-tasks.amazonaws.com"
    assert trusted["lmi_events_function"] == "lambda.amazonaws.com"


def test_callers_sharing_a_security_group_get_one_rule_and_versions_are_invocable(
    hostile_2026_files: dict[str, str],
) -> None:
    ingress = all_resources(hostile_2026_files, "aws_vpc_security_group_ingress_rule")
    egress = all_resources(hostile_2026_files, "aws_vpc_security_group_egress_rule")
    shared = "${aws_security_group.shared_function_hosts.id}"
    # lmi-events and lmi-api both call web-shop: AWS refuses a duplicate rule, so there is one.
    into_web_shop = [b for b in ingress.values() if b.get("referenced_security_group_id") == shared]
    pairs = [
        (b["security_group_id"], b["referenced_security_group_id"])
        for b in ingress.values()
        if "referenced_security_group_id" in b
    ]
    assert len(pairs) == len(set(pairs))
    assert len(into_web_shop) == 2  # web-shop (from both) and mi-web (from lmi-api)
    assert sum(b["security_group_id"] == shared for b in egress.values()) == 3  # 2 + its HTTPS
    # A task on managed hosts keeps its own group, as tasks on Fargate do.
    assert ingress["mi_web__web_shop_a247c795"]["referenced_security_group_id"] == (
        "${aws_security_group.mi_web.id}"
    )
    policies = all_resources(hostile_2026_files, "aws_iam_role_policy")
    invoke = policies["mi_web__lmi_events"]
    assert invoke["role"] == "${aws_iam_role.mi_web_task.name}"
    assert "aws_lambda_function.lmi_events.arn," in invoke["policy"]
    assert '"${aws_lambda_function.lmi_events.arn}:*"' in invoke["policy"]
    assert "Resource = aws_lambda_function.tokyo_fn.arn" in policies["w_shared__tokyo_fn"]["policy"]


def test_a_privileged_task_on_managed_hosts_gets_hosts_of_its_own_and_is_flagged() -> None:
    board = Board(
        name="Privileged",
        workloads=(
            Workload(id="agent", name="Node agent", privileged=True),
            Workload(id="web", name="Web"),
            Workload(id="win", name="Windows app", os="windows"),
        ),
        placements={
            "agent": "managed_containers",
            "web": "managed_containers",
            "win": "managed_containers",
        },
    )
    files = render_terraform(board)
    tasks = all_resources(files, "aws_ecs_task_definition")
    services = all_resources(files, "aws_ecs_service")
    assert "privileged = true" in tasks["agent"]["container_definitions"]
    assert "privileged = false" in tasks["web"]["container_definitions"]
    assert _capacity_provider_of(services["agent"]) == "agent"
    assert (
        _capacity_provider_of(services["web"])
        == _capacity_provider_of(services["win"])
        == ("shared_task_hosts")
    )
    assert "Node agent runs a privileged container" in files["README.md"]
    # Managed hosts run Linux only: the Windows workload is flagged and runs as Linux, read-only.
    assert (
        "Windows app runs on Windows; ECS MI runs Linux only"
        in files["README.md"].replace("  ", " ")
        or "runs on Windows" in files["README.md"]
    )
    assert literal(block(tasks["win"], "runtime_platform")["operating_system_family"]) == "LINUX"
    assert "readonlyRootFilesystem = true" in tasks["win"]["container_definitions"]
    assert unformatted(files) == []


def test_a_2018_board_never_emits_the_new_targets_files(demo_board: Board) -> None:
    assert demo_board.edition == "2018"
    assert NEW_TARGETS and not set(NEW_TARGETS) & set(demo_board.targets)
    boards = [demo_board] + [
        Board(
            name="All on one",
            edition="2018",
            workloads=demo_board.workloads,
            placements={w.id: target for w in demo_board.workloads},  # type: ignore[misc]
        )
        for target in demo_board.targets
    ]
    new_rules = {default_catalog().target(t).terraform.sizing for t in NEW_TARGETS}
    for board in boards:
        plan = plan_stubs(board)
        assert not any(plan.uses(rule) for rule in new_rules)
        assert plan.host_pools == [] and plan.managed_host_stubs == []
        files = render_terraform(board)
        assert not set(files) & NEW_FILES, sorted(files)
        text = "".join(files.values())
        for resource in ("managed_instances_provider", "aws_lambda_capacity_provider", "lmi_"):
            assert resource not in text
    # Told in the 2026 edition, the same board still emits them only once something is on them.
    assert not set(render_terraform(demo_board.with_edition("2026"))) & NEW_FILES


def test_readme_explains_managed_hosts_only_when_there_are_some(
    hostile_2026_files: dict[str, str], hostile_files: dict[str, str]
) -> None:
    readme = hostile_2026_files["README.md"]
    for words in (
        "Managed hosts (capacity providers)",
        "ECS capacity provider",
        "Lambda capacity provider",
        "`function_runtimes`: Java 21+",
        "`lambda:PassCapacityProvider`",
        "`AWSServiceRoleForECSCompute`",
        "`AWSServiceRoleForLambda`",
        "get-ebs-encryption-by-default",
        "16384 MB (2 vCPU, 8 GiB per vCPU), 900 s timeout",
        "`managed_containers.tf`",
        "`lambda_managed.tf`",
    ):
        assert words in readme, words
    steps = re.findall(r"^(\d+)\. ", readme, re.MULTILINE)
    assert steps == [str(n) for n in range(1, len(steps) + 1)] and len(steps) == 4
    assert "\\u202e" not in readme and "invoicegpj.exe x" in readme  # bidi controls dropped
    old = hostile_files["README.md"]
    for words in ("capacity provider", "lmi_", "PassCapacityProvider", "Managed hosts"):
        assert words not in old, words
    assert re.findall(r"^(\d+)\. ", old, re.MULTILINE) == ["1", "2", "3"]


def test_provider_6_is_required_and_its_region_attribute_used(
    hostile_2026_files: dict[str, str], demo_files: dict[str, str]
) -> None:
    for files in (hostile_2026_files, demo_files):
        terraform = parse(files["versions.tf"])["terraform"][0]
        aws = terraform["required_providers"][0]["aws"]
        assert literal(aws["version"]) == ">= 6.24, < 7.0"
        assert "data.aws_region.current.name" not in files["main.tf"]
        assert "data.aws_region.current.region" in files["main.tf"]


def test_hostile_2026_names_are_escaped_and_read_back_exactly(
    hostile_2026_files: dict[str, str],
) -> None:
    functions = all_resources(hostile_2026_files, "aws_lambda_function")
    assert literal(functions["lmi_api"]["description"]) == HOSTILE_NAMES_2026["percent"]
    assert literal(functions["lmi_events"]["description"]) == HOSTILE_NAMES_2026["jsonish"]
    outputs = {}
    for block_ in parse(hostile_2026_files["outputs.tf"])["output"]:
        for name, body in block_.items():
            outputs[name.strip('"')] = literal(body["description"])
    described = " | ".join(outputs.values())
    for key, name in HOSTILE_NAMES_2026.items():
        assert name in described, key
    assert outputs["mi_web_service_name"] == "ECS service of " + HOSTILE_NAMES_2026["bidi"]
