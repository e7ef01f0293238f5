"""What a workload is, as Terraform sees it: its shape, the port it listens on and its schedule.

The shape decides which resources a stub gets beyond its compute: a scheduled job gets a
schedule and no service; a web service a load balancer's target group and autoscaling; an
event-driven function an event rule and the permission for it to invoke; a daemon one task on
every host; a stateful server its own data volume and a backup plan. It is read from the
workload's fields (interface, run time, traffic, kind, stateful, privileged) and from how the
target runs code (the catalog's `terraform.role` and `terraform.sizing`), never from target ids.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from whiteboard.catalog import Target
from whiteboard.cost.usage import DEFAULT_RUNS_PER_MONTH
from whiteboard.model import Workload

Shape = Literal[
    "scheduled_job",
    "web_service",
    "service",
    "daemon",
    "scheduled_function",
    "event_function",
    "request_function",
    "server",
    "stateful_server",
]

#: Each shape's name and what the stub builds around it (the header comment and the README).
SHAPES: Final[dict[Shape, tuple[str, str]]] = {
    "scheduled_job": ("Scheduled job", "EventBridge Scheduler starts one task per run; no service"),
    "web_service": ("Web service", "behind the shared load balancer, autoscaled on CPU"),
    "service": ("Service", "always on; reached by its name in the private namespace if called"),
    "daemon": ("Daemon", "one task on every container host (DAEMON scheduling), host logs mounted"),
    "scheduled_function": ("Scheduled function", "EventBridge Scheduler invokes it"),
    "event_function": ("Event-driven function", "an EventBridge rule invokes it"),
    "request_function": ("Request/response function", "called through its function URL (IAM auth)"),
    "server": ("Server", "one instance; new AMIs are rolled out deliberately, not on every plan"),
    "stateful_server": (
        "Stateful server",
        "its data on a volume of its own, backed up daily by AWS Backup; new AMIs rolled out "
        "deliberately",
    ),
}


def shape_text(shape: Shape) -> str:
    title, text = SHAPES[shape]
    return f"{title.lower()}: {text}"


#: Kind words (the workload's free `kind` label, lower-cased) of software that runs on every
#: host rather than as a service: log shippers, monitoring and security agents.
DAEMON_KINDS: Final = frozenset({"agent", "daemon", "daemonset", "daemon set", "daemon-set"})

#: The port a workload listens on when the board names none, by the words of its kind. The
#: first word found wins; anything else is an HTTP service on 8080.
KIND_PORTS: Final[tuple[tuple[frozenset[str], int], ...]] = (
    (frozenset({"postgres", "postgresql", "database", "db", "rdbms", "sql"}), 5432),
    (frozenset({"mysql", "mariadb", "aurora"}), 3306),
    (frozenset({"mssql", "sqlserver"}), 1433),
    (frozenset({"oracle"}), 1521),
    (frozenset({"redis", "cache", "valkey"}), 6379),
    (frozenset({"memcached"}), 11211),
    (frozenset({"mongodb", "mongo", "documentdb"}), 27017),
    (frozenset({"kafka", "stream", "streaming"}), 9092),
    (frozenset({"rabbitmq", "amqp", "queue", "mq"}), 5671),
    (frozenset({"elasticsearch", "opensearch", "search"}), 9200),
    (frozenset({"ldap", "directory"}), 636),
)
DEFAULT_PORT: Final = 8080
#: Ports of protocols other than HTTP: a workload listening on one is never put behind the
#: HTTP load balancer, whatever its interface says.
NON_HTTP_PORTS: Final = frozenset(port for _, port in KIND_PORTS)
_WORD = re.compile(r"[a-z0-9]+")

#: Minutes of the month the estimate uses (730 hours), which a job's runs are spread over.
_MONTH_MINUTES: Final = 730 * 60


def kind_words(workload: Workload) -> set[str]:
    words = set(_WORD.findall(workload.kind.lower()))
    return words | {workload.kind.strip().lower()}


def port_of(workload: Workload) -> int:
    """The TCP port callers reach it on: the board's `port`, else the usual one for its kind."""
    if workload.port is not None:
        return workload.port
    words = kind_words(workload)
    for kinds, port in KIND_PORTS:
        if words & kinds:
            return port
    return DEFAULT_PORT


def is_daemon(workload: Workload) -> bool:
    """Software that belongs on every host: its kind says so, or it needs host access, has no
    callers and never ends."""
    if kind_words(workload) & DAEMON_KINDS:
        return True
    return workload.privileged and workload.interface == "none" and workload.max_runtime_s is None


def shape_of(workload: Workload, kind: Target) -> Shape:
    """The shape of `workload` on a target that runs code as `kind.terraform.role`."""
    role = kind.terraform.role
    if role == "instance":
        return "stateful_server" if workload.stateful else "server"
    if role == "function":
        if workload.traffic == "idle":
            return "scheduled_function"
        if workload.interface == "request_response":
            return "request_function"
        return "event_function"
    if workload.runs_as_job:
        return "scheduled_job"
    if is_daemon(workload) and kind.terraform.sizing == "ecs_task_on_hosts":
        return "daemon"
    if workload.interface == "request_response" and port_of(workload) not in NON_HTTP_PORTS:
        return "web_service"
    return "service"


def runs_per_month(workload: Workload) -> int:
    runs = workload.runs_per_month
    return DEFAULT_RUNS_PER_MONTH[workload.traffic] if runs is None else runs


def schedule_expression(workload: Workload) -> str:
    """An EventBridge Scheduler expression that runs a job about as often as the board says:
    rates for frequent jobs, 02:00 UTC for nightly, weekly and monthly ones."""
    runs = runs_per_month(workload)
    if runs <= 0:
        return "cron(0 2 1 * ? *)"
    minutes = _MONTH_MINUTES / runs
    if minutes < 60:
        return _rate(max(1, int(minutes)), "minute")
    if minutes < 18 * 60:
        return _rate(round(minutes / 60), "hour")
    if minutes < 1.5 * 24 * 60:
        return "cron(0 2 * * ? *)"
    if minutes < 5 * 24 * 60:
        return _rate(round(minutes / (24 * 60)), "day")
    if runs >= 2:
        return "cron(0 2 ? * MON *)"
    return "cron(0 2 1 * ? *)"


def _rate(value: int, unit: str) -> str:
    # EventBridge Scheduler wants the singular for one: rate(1 hour), rate(2 hours).
    return f"rate({value} {unit}{'' if value == 1 else 's'})"


def schedule_enabled(workload: Workload) -> bool:
    """A job the board says runs zero times a month gets its schedule, turned off."""
    return runs_per_month(workload) > 0
