"""Each workload's stub has the shape of what it is: structural checks on parsed HCL."""

from __future__ import annotations

import re

import pytest

from tests.export.tfcheck import all_resources, block, literal, parse, unformatted
from whiteboard.catalog import default_catalog
from whiteboard.export.terraform import plan_stubs, render_terraform
from whiteboard.export.terraform_shapes import (
    DEFAULT_PORT,
    port_of,
    schedule_expression,
    shape_of,
)
from whiteboard.model import Board, Workload
from whiteboard.scoring import Scorer

#: The board's prefix may take 20 characters; IAM allows a name_prefix of 38.
_NAME_PREFIX_CHARS = 20
_IAM_NAME_PREFIX_LIMIT = 38


def _target(target_id: str):
    return default_catalog().target(target_id)


def _recommended(board: Board) -> Board:
    recommended = Scorer(board).recommendations()
    return board.with_fields(
        placements={wid: target for wid, target in recommended.items() if target is not None}
    )


#: Where the remaining demo workloads go so that the daemon and the GPU job run on hosts you run.
EVERYTHING = {
    "log-shipper": "containers",
    "ml-training": "containers",
    "reports": "fargate",
    "webhooks": "lambda",
    "perf-lab": "bare_metal",
}


@pytest.fixture(scope="module")
def everything_board(demo_board: Board) -> Board:
    board = demo_board
    for workload_id, target in EVERYTHING.items():
        board = board.with_placement(workload_id, target)  # type: ignore[arg-type]
    return board


@pytest.fixture(scope="module")
def demo_as_placed(demo_board: Board) -> dict[str, str]:
    """The demo board as the workshop left it: web services on containers and Fargate."""
    return render_terraform(demo_board)


@pytest.fixture(scope="module")
def demo_recommended(demo_board: Board) -> dict[str, str]:
    return render_terraform(_recommended(demo_board))


@pytest.fixture(scope="module")
def demo_everything(everything_board: Board) -> dict[str, str]:
    """Every demo workload placed; the daemon and the GPU job on hosts you run."""
    return render_terraform(everything_board)


# -- the shape of a workload (pure) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "target", "shape"),
    [
        (
            {"interface": "none", "max_runtime_s": 600, "traffic": "idle"},
            "fargate",
            "scheduled_job",
        ),
        ({"interface": "request_response"}, "containers", "web_service"),
        ({"interface": "request_response", "kind": "database"}, "containers", "service"),
        ({"interface": "long_lived_connections"}, "fargate", "service"),
        ({"interface": "none", "privileged": True}, "containers", "daemon"),
        ({"interface": "none", "kind": "agent"}, "containers", "daemon"),
        ({"interface": "none", "kind": "agent"}, "fargate", "service"),
        (
            {"traffic": "idle", "max_runtime_s": 60, "interface": "none"},
            "lambda",
            "scheduled_function",
        ),
        ({"traffic": "event_driven", "interface": "none"}, "lambda", "event_function"),
        (
            {"traffic": "event_driven", "interface": "request_response"},
            "lambda",
            "request_function",
        ),
        ({"stateful": True}, "ec2", "stateful_server"),
        ({}, "bare_metal", "server"),
    ],
)
def test_the_shape_follows_the_workloads_fields(fields: dict, target: str, shape: str) -> None:
    workload = Workload(id="w", name="W", **fields)
    assert shape_of(workload, _target(target)) == shape


def test_a_port_comes_from_the_board_or_the_kind() -> None:
    assert port_of(Workload(id="db", name="DB", kind="database")) == 5432
    assert port_of(Workload(id="c", name="C", kind="Redis cache")) == 6379
    assert port_of(Workload(id="w", name="W", kind="web")) == DEFAULT_PORT
    assert port_of(Workload(id="db", name="DB", kind="database", port=6432)) == 6432


@pytest.mark.parametrize(
    ("runs", "expression"),
    [
        (30, "cron(0 2 * * ? *)"),
        (1, "cron(0 2 1 * ? *)"),
        (4, "cron(0 2 ? * MON *)"),
        (730, "rate(1 hour)"),
        (730 * 4, "rate(15 minutes)"),
        (146, "rate(5 hours)"),
        (10, "rate(3 days)"),
    ],
)
def test_a_jobs_schedule_runs_about_as_often_as_the_board_says(runs: int, expression: str) -> None:
    job = Workload(id="j", name="J", interface="none", max_runtime_s=60, runs_per_month=runs)
    assert schedule_expression(job) == expression


# -- scheduled jobs -----------------------------------------------------------------------------


def test_a_scheduled_job_has_a_schedule_and_no_service(demo_everything: dict[str, str]) -> None:
    services = all_resources(demo_everything, "aws_ecs_service")
    schedules = all_resources(demo_everything, "aws_scheduler_schedule")
    tasks = all_resources(demo_everything, "aws_ecs_task_definition")
    roles = all_resources(demo_everything, "aws_iam_role")
    for job in ("reports", "ml_training"):
        assert job not in services, job
        target = block(schedules[job], "target")
        assert target["arn"] == "${aws_ecs_cluster.this.arn}"
        ecs = block(target, "ecs_parameters")
        assert ecs["task_definition_arn"] == f"${{aws_ecs_task_definition.{job}.arn}}"
        assert block(ecs, "network_configuration")["assign_public_ip"] is False
        assert "dead_letter_config" in target and "retry_policy" in target
        assert job in tasks
        trust = roles[f"{job}_scheduler"]["assume_role_policy"]
        assert trust == "${data.aws_iam_policy_document.scheduler_trust.json}"
    # A scheduled function: the schedule invokes it.
    assert "nightly_etl" not in services
    etl = block(schedules["nightly_etl"], "target")
    assert etl["arn"] == "${aws_lambda_function.nightly_etl.arn}"
    variables = parse(demo_everything["variables.tf"])["variable"]
    (schedules_var,) = [b['"job_schedules"'] for b in variables if '"job_schedules"' in b]
    defaults = {key.strip('"'): literal(v) for key, v in schedules_var["default"].items()}
    assert defaults["nightly-etl"] == "cron(0 2 * * ? *)"  # 30 runs a month: nightly
    assert defaults["reports"] == "cron(0 2 1 * ? *)"  # once a month
    # The role reads its schedule, which the stubs' key encrypts.
    assert (
        "aws_kms_key.logs.arn"
        in all_resources(demo_everything, "aws_iam_role_policy")["reports_scheduler"]["policy"]
    )
    # A job's policy starts its own task definition, in this cluster, and nothing else.
    policy = all_resources(demo_everything, "aws_iam_role_policy")["reports_scheduler"]["policy"]
    assert "aws_ecs_task_definition.reports.arn_without_revision" in policy
    assert '"ecs:cluster" = aws_ecs_cluster.this.arn' in policy


def test_a_job_on_hosts_you_run_is_placed_by_its_capacity_provider(
    demo_everything: dict[str, str],
) -> None:
    schedule = all_resources(demo_everything, "aws_scheduler_schedule")["ml_training"]
    ecs = block(block(schedule, "target"), "ecs_parameters")
    strategy = block(ecs, "capacity_provider_strategy")
    assert strategy["capacity_provider"] == "${aws_ecs_capacity_provider.ml_training.name}"
    assert "launch_type" not in ecs


# -- web services -------------------------------------------------------------------------------


def test_a_web_service_has_a_listener_rule_and_autoscaling(demo_as_placed: dict[str, str]) -> None:
    services = all_resources(demo_as_placed, "aws_ecs_service")
    rules = all_resources(demo_as_placed, "aws_lb_listener_rule")
    groups = all_resources(demo_as_placed, "aws_lb_target_group")
    targets = all_resources(demo_as_placed, "aws_appautoscaling_target")
    policies = all_resources(demo_as_placed, "aws_appautoscaling_policy")
    (listener,) = all_resources(demo_as_placed, "aws_lb_listener").values()
    assert literal(listener["protocol"]) == "HTTPS" and listener["port"] == 443
    assert literal(listener["ssl_policy"]).startswith("ELBSecurityPolicy-TLS13")
    for web in ("web_shop", "catalog_api", "payments"):
        service = services[web]
        balancer = block(service, "load_balancer")
        assert balancer["target_group_arn"] == f"${{aws_lb_target_group.{web}.arn}}"
        assert balancer["container_port"] == groups[web]["port"] == 8080
        assert block(rules[web], "action")["target_group_arn"] == balancer["target_group_arn"]
        assert literal(groups[web]["target_type"]) == "ip"
        assert targets[web]["min_capacity"] <= targets[web]["max_capacity"]
        assert policies[web]["resource_id"] == f"${{aws_appautoscaling_target.{web}.resource_id}}"
        # Autoscaling owns the count after the first apply: a second apply changes nothing.
        assert block(service, "lifecycle")["ignore_changes"] == ["desired_count"]
    # The spiky web shop may grow to four times its usual count.
    assert targets["web_shop"]["max_capacity"] == 4 * targets["web_shop"]["min_capacity"]
    # Payments is in PCI scope: TLS all the way to its tasks.
    assert literal(groups["payments"]["protocol"]) == "HTTPS"
    assert literal(groups["web_shop"]["protocol"]) == "HTTP"


def test_the_load_balancer_reaches_each_web_service_on_its_port_only(
    demo_as_placed: dict[str, str],
) -> None:
    ingress = all_resources(demo_as_placed, "aws_vpc_security_group_ingress_rule")
    rule = ingress["shared_load_balancer__web_shop"]
    assert rule["security_group_id"] == "${aws_security_group.web_shop.id}"
    assert rule["referenced_security_group_id"] == "${aws_security_group.shared_load_balancer.id}"
    assert rule["from_port"] == rule["to_port"] == 8080
    (balancer,) = all_resources(demo_as_placed, "aws_lb").values()
    assert balancer["internal"] == "${var.load_balancer_internal}"
    assert balancer["drop_invalid_header_fields"] is True


# -- functions ----------------------------------------------------------------------------------


def test_an_event_driven_function_has_its_source_and_permission(
    demo_recommended: dict[str, str],
) -> None:
    rules = all_resources(demo_recommended, "aws_cloudwatch_event_rule")
    event_targets = all_resources(demo_recommended, "aws_cloudwatch_event_target")
    permissions = all_resources(demo_recommended, "aws_lambda_permission")
    assert set(rules) == {"thumbnails"}
    assert event_targets["thumbnails"]["arn"] == "${aws_lambda_function.thumbnails.arn}"
    permission = permissions["thumbnails_events"]
    assert literal(permission["principal"]) == "events.amazonaws.com"
    assert permission["source_arn"] == "${aws_cloudwatch_event_rule.thumbnails.arn}"
    assert literal(permission["action"]) == "lambda:InvokeFunction"


def test_a_request_function_has_a_url_that_takes_signed_requests(
    demo_recommended: dict[str, str],
) -> None:
    urls = all_resources(demo_recommended, "aws_lambda_function_url")
    assert {"webhooks", "web_shop", "catalog_api", "payments"} <= set(urls)
    for body in urls.values():
        assert literal(body["authorization_type"]) == "AWS_IAM"
    assert "thumbnails" not in urls
    # A caller of a function URL holds both rights the URL asks for.
    policy = all_resources(demo_recommended, "aws_iam_role_policy")["web_shop__payments"]["policy"]
    assert '"lambda:InvokeFunctionUrl"' in policy and '"lambda:InvokeFunction"' in policy


def test_functions_have_their_own_runtime_and_handler_and_apply_unsigned_first(
    demo_board: Board, demo_recommended: dict[str, str]
) -> None:
    functions = all_resources(demo_recommended, "aws_lambda_function")
    ids = {stub.res: stub.workload.id for stub in plan_stubs(_recommended(demo_board)).stubs}
    for name, body in functions.items():
        assert body["runtime"] == f'${{var.function_runtimes["{ids[name]}"]}}'
        assert body["handler"] == f'${{var.function_handlers["{ids[name]}"]}}'
    (config,) = all_resources(demo_recommended, "aws_lambda_code_signing_config").values()
    policy = block(config, "policies")["untrusted_artifact_on_deployment"]
    assert policy == '${var.enforce_code_signing ? "Enforce" : "Warn"}'
    variables = {
        n.strip('"'): b
        for v in parse(demo_recommended["variables.tf"])["variable"]
        for n, b in v.items()
    }
    assert variables["enforce_code_signing"]["default"] is False


# -- hosts you run ------------------------------------------------------------------------------


def test_a_gpu_task_reserves_a_gpu_on_gpu_hosts_of_its_own(demo_everything: dict[str, str]) -> None:
    task = all_resources(demo_everything, "aws_ecs_task_definition")["ml_training"]
    assert re.search(
        r'resourceRequirements = \[\{\s*type = "GPU", value = "1"\s*\}\]',
        task["container_definitions"],
    )
    template = all_resources(demo_everything, "aws_launch_template")["ml_training"]
    assert template["image_id"] == "${data.aws_ssm_parameter.ami_linux_ecs_gpu.value}"
    assert literal(template["instance_type"]).startswith(("g", "p"))
    assert "ECS_ENABLE_GPU_SUPPORT=true" in template["user_data"]
    assert "/ecs/optimized-ami/amazon-linux-2023/gpu/recommended" in demo_everything["main.tf"]


def test_tasks_share_one_group_of_hosts_and_a_daemon_runs_on_each(
    demo_everything: dict[str, str],
) -> None:
    groups = all_resources(demo_everything, "aws_autoscaling_group")
    # catalog-api and payments share hosts; the GPU job has its own.
    assert set(groups) == {"shared_linux_hosts", "ml_training"}
    for body in groups.values():
        assert body["protect_from_scale_in"] is True
        assert block(body, "lifecycle")["ignore_changes"] == ["desired_capacity"]
    services = all_resources(demo_everything, "aws_ecs_service")
    daemon = services["log_shipper"]
    assert literal(daemon["scheduling_strategy"]) == "DAEMON"
    assert "desired_count" not in daemon and "network_configuration" not in daemon
    assert literal(block(daemon, "placement_constraints")["expression"]) == (
        "attribute:ecs.os-type == linux"
    )
    task = all_resources(demo_everything, "aws_ecs_task_definition")["log_shipper"]
    assert literal(task["network_mode"]) == "host"
    volumes = {literal(v["name"]): v for v in task["volume"]}
    assert literal(volumes["host-logs"]["host_path"]) == "/var/log"
    assert 'containerPath = "/host/var/log", readOnly = true' in task["container_definitions"]
    associations = all_resources(demo_everything, "aws_ecs_cluster_capacity_providers")
    assert set(associations) == {"this"}


# -- stateful servers ---------------------------------------------------------------------------


def test_a_stateful_server_keeps_its_data_apart_and_backed_up(
    demo_as_placed: dict[str, str],
) -> None:
    instances = all_resources(demo_as_placed, "aws_instance")
    volumes = all_resources(demo_as_placed, "aws_ebs_volume")
    attachments = all_resources(demo_as_placed, "aws_volume_attachment")
    (selection,) = all_resources(demo_as_placed, "aws_backup_selection").values()
    for server in ("orders_db", "erp_legacy"):
        body = instances[server]
        assert block(body, "lifecycle")["ignore_changes"] == ["ami"]
        assert "ebs_block_device" not in body
        volume = volumes[f"{server}_data"]
        assert volume["encrypted"] is True
        assert block(volume, "lifecycle")["prevent_destroy"] is True
        assert attachments[f"{server}_data"]["instance_id"] == f"${{aws_instance.{server}.id}}"
        assert f"${{aws_ebs_volume.{server}_data.arn}}" in selection["resources"]
    assert volumes["orders_db_data"]["size"] == 4000
    # The zone comes from the subnet, not the instance: replacing the instance keeps the volume.
    assert volumes["orders_db_data"]["availability_zone"] == (
        "${data.aws_subnet.orders_db.availability_zone}"
    )
    assert instances["orders_db"]["subnet_id"] == "${data.aws_subnet.orders_db.id}"
    (plan,) = all_resources(demo_as_placed, "aws_backup_plan").values()
    assert block(block(plan, "rule"), "lifecycle")["delete_after"] == "${var.backup_retention_days}"


def test_callers_reach_a_server_by_name_on_its_own_port(demo_as_placed: dict[str, str]) -> None:
    ingress = all_resources(demo_as_placed, "aws_vpc_security_group_ingress_rule")
    into_db = [
        b
        for b in ingress.values()
        if b["security_group_id"] == "${aws_security_group.orders_db.id}"
    ]
    assert into_db and all(b["from_port"] == b["to_port"] == 5432 for b in into_db)
    names = all_resources(demo_as_placed, "aws_service_discovery_service")
    assert literal(names["orders_db"]["name"]) == "orders-db"
    instance = all_resources(demo_as_placed, "aws_service_discovery_instance")["orders_db"]
    assert instance["attributes"]["AWS_INSTANCE_IPV4"] == "${aws_instance.orders_db.private_ip}"
    outputs = {n.strip('"') for o in parse(demo_as_placed["outputs.tf"])["output"] for n in o}
    assert "orders_db_dns_name" in outputs


# -- sizes that cannot be -----------------------------------------------------------------------


def test_too_big_for_fargate_gets_the_nearest_valid_size_and_a_flag() -> None:
    big = Workload(id="big", name="Big", vcpu=32, memory_gib=64, interface="long_lived_connections")
    files = render_terraform(
        Board(name="Big", workloads=(big,), placements={"big": "fargate"})  # type: ignore[dict-item]
    )
    task = all_resources(files, "aws_ecs_task_definition")["big"]
    # 16 vCPU takes 32 to 120 GiB in 8 GiB steps: 64 GiB is valid, 120 would waste half.
    assert (literal(task["cpu"]), literal(task["memory"])) == ("16384", "65536")
    assert "# REVIEW: needs 32 vCPU and 64 GiB, more than a Fargate task has" in files["fargate.tf"]
    (row,) = [line for line in files["README.md"].splitlines() if "| `big` |" in line]
    assert "REVIEW" in row


def test_a_stateful_workload_without_a_disk_is_flagged() -> None:
    keeper = Workload(id="keeper", name="Keeper", stateful=True)
    files = render_terraform(
        Board(name="S", workloads=(keeper,), placements={"keeper": "fargate"})  # type: ignore[dict-item]
    )
    assert "# REVIEW: keeps state on its own compute" in files["fargate.tf"]
    (row,) = [line for line in files["README.md"].splitlines() if "| `keeper` |" in line]
    assert "REVIEW" in row


# -- conventions --------------------------------------------------------------------------------


def test_named_resources_carry_the_prefix_within_the_providers_limits(
    demo_everything: dict[str, str], demo_recommended: dict[str, str]
) -> None:
    for files in (demo_everything, demo_recommended):
        for rtype in ("aws_iam_role", "aws_iam_instance_profile"):
            for name, body in all_resources(files, rtype).items():
                prefix = body["name_prefix"].strip('"')
                assert prefix.startswith("${var.name_prefix}-") or prefix.startswith(
                    "ecsInstanceRole-${var.name_prefix}-"
                ), (rtype, name)
                fixed = len(prefix) - len("${var.name_prefix}")
                assert _NAME_PREFIX_CHARS + fixed <= _IAM_NAME_PREFIX_LIMIT, prefix
        for name, body in all_resources(files, "aws_lb_target_group").items():
            fixed = len(body["name"].strip('"')) - len("${var.name_prefix}")
            assert _NAME_PREFIX_CHARS + fixed <= 32, name


def test_tags_outputs_and_the_way_in_follow_the_module_conventions(
    demo_board: Board, demo_as_placed: dict[str, str]
) -> None:
    assert "tags = merge(local.board_tags, var.tags)" in demo_as_placed["versions.tf"]
    variables = {n.strip('"') for v in parse(demo_as_placed["variables.tf"])["variable"] for n in v}
    assert {"tags", "enable_ecs_exec", "certificate_arn", "service_hostnames"} <= variables
    assert "service_port" not in variables
    outputs = {n.strip('"') for o in parse(demo_as_placed["outputs.tf"])["output"] for n in o}
    for stub in plan_stubs(demo_board).stubs:
        assert f"{stub.res}_role_arn" in outputs
        assert f"{stub.res}_security_group_id" in outputs
    assert "load_balancer_dns_name" in outputs
    readme = demo_as_placed["README.md"]
    assert "**S3 gateway endpoint**" in readme
    services = all_resources(demo_as_placed, "aws_ecs_service")
    assert all(b["enable_execute_command"] == "${var.enable_ecs_exec}" for b in services.values())


def test_every_shape_is_named_in_its_stub_and_the_readme(
    everything_board: Board, demo_everything: dict[str, str]
) -> None:
    readme = demo_everything["README.md"]
    for stub in plan_stubs(everything_board).stubs:
        text = demo_everything[f"{stub.target}.tf"]
        assert f"# Shape: {stub.shape_text}." in text
        (row,) = [line for line in readme.splitlines() if f"| `{stub.workload.id}` |" in line]
        assert f"| {stub.shape_title} |" in row


def test_every_shape_formats_and_parses(
    demo_everything: dict[str, str],
    demo_recommended: dict[str, str],
    demo_as_placed: dict[str, str],
) -> None:
    for files in (demo_everything, demo_recommended, demo_as_placed):
        assert unformatted(files) == []
        for name, text in files.items():
            if name.endswith(".tf"):
                assert parse(text), name
        assert not re.search(r"\$\{var\.service_port\}", "".join(files.values()))
