"""Boards for the export tests: one whose every name tries to break a file format."""

from __future__ import annotations

from whiteboard.model import Board, Workload

LONG_NAME = "Very long name " + "x" * 150 + " end"
HOSTILE_NAMES = {
    "quotes": 'Quote " and backslash \\ here',
    "interp": '${file("/etc/passwd")}',
    "directive": "%{ if true }yes%{ endif }",
    "newlines": "Line one\nLine two\r\tafter a tab",
    "markup": "<b>bold</b> & <i>co</i> 'single' \"double\"",
    "tokyo": "東京 データ基盤",
    "moscow": "Москва платежи",
    "emoji": "Rocket 🚀 launch",
    "bell": "Bell \x07 and escape \x1b[31m",
    "long": LONG_NAME,
}
BOARD_NAME = 'Board <b>&amp;</b> "${path.module}" 東京 %{x}'

#: workload id -> (name key, target, extra fields)
_LAYOUT: dict[str, tuple[str, str, dict[str, object]]] = {
    "web-shop": ("markup", "fargate", {"architecture": "cattle", "depends_on": ("1st-api",)}),
    "1st-api": ("quotes", "containers", {"architecture": "cattle", "depends_on": ("web_shop",)}),
    "web_shop": ("interp", "lambda", {"traffic": "event_driven", "max_runtime_s": 30}),
    "shared": ("directive", "ec2", {"depends_on": ("tokyo-fn", "moscow")}),
    "tokyo-fn": ("tokyo", "lambda", {"traffic": "steady", "max_runtime_s": 5}),
    "moscow": ("moscow", "bare_metal", {"licence": "no_hypervisor", "vcpu": 16}),
    "emoji": ("emoji", "ec2", {"os": "windows", "stateful": True}),
    "bell": ("bell", "fargate", {"vcpu": 3, "memory_gib": 9, "ephemeral_storage_gib": 50}),
    "newlines": ("newlines", "lambda", {"traffic": "idle", "max_runtime_s": 600}),
    "l" + "o" * 61 + "ng": ("long", "lambda", {"traffic": "event_driven", "max_runtime_s": 60}),
}


def hostile_board(unplaced: bool = True) -> Board:
    """Every target used, names full of quotes, interpolations, markup and other scripts."""
    workloads = [
        Workload(id=workload_id, name=HOSTILE_NAMES[key], **extra)  # type: ignore[arg-type]
        for workload_id, (key, _, extra) in _LAYOUT.items()
    ]
    placements = {workload_id: target for workload_id, (_, target, _) in _LAYOUT.items()}
    if unplaced:
        workloads.append(Workload(id="not-placed", name="Not placed <yet> & waiting"))
        workloads.append(
            Workload(id="caller", name="Caller of nothing", depends_on=("not-placed",))
        )
        placements["caller"] = "ec2"
    return Board(name=BOARD_NAME, workloads=tuple(workloads), placements=placements)  # type: ignore[arg-type]


#: More hostile names for the 2026 board's new workloads (kept apart from HOSTILE_NAMES, which
#: the 2018-shaped hostile board must show every one of).
HOSTILE_NAMES_2026 = {
    "bidi": "invoice\u202egpj.exe \u2066x\u2069",
    "heredoc": "<<EOF\nrm -rf /\nEOF",
    "jsonish": '{"a": [1, 2]} // not a comment # nor this',
    "percent": "100% ${var.x} %%{y} $${z}",
}
#: workload id -> (name, target, extra fields): the new targets of the 2026 edition.
_LAYOUT_2026: dict[str, tuple[str, str, dict[str, object]]] = {
    # Tasks on managed hosts: a plain one calling a function on managed hosts and a Fargate
    # service, a GPU one and a big-scratch one (its own hosts / the shared hosts' volume).
    "mi-web": (
        HOSTILE_NAMES_2026["bidi"],
        "managed_containers",
        {"architecture": "cattle", "depends_on": ("lmi-events", "web-shop")},
    ),
    "mi-gpu": (
        HOSTILE_NAMES["interp"],
        "managed_containers",
        {"gpu": True, "vcpu": 8, "memory_gib": 30, "traffic": "idle", "max_runtime_s": 7200},
    ),
    "shared-mi": (
        HOSTILE_NAMES_2026["heredoc"],
        "managed_containers",
        {"vcpu": 3, "memory_gib": 9, "ephemeral_storage_gib": 50, "depends_on": ("moscow",)},
    ),
    # Functions on managed hosts: event-driven (a DLQ), an always-on service (synchronous, a
    # note), a memory-heavy one, and two that call the same Fargate service (one shared rule).
    "lmi-events": (
        HOSTILE_NAMES_2026["jsonish"],
        "lambda_managed",
        {"traffic": "event_driven", "max_runtime_s": 120, "depends_on": ("web-shop",)},
    ),
    "lmi-api": (
        HOSTILE_NAMES_2026["percent"],
        "lambda_managed",
        {"traffic": "steady", "vcpu": 2, "memory_gib": 10, "depends_on": ("web-shop", "mi-web")},
    ),
    "m" + "i" * 62 + "x": (
        LONG_NAME,
        "lambda_managed",
        {"traffic": "idle", "vcpu": 0.25, "memory_gib": 0.5, "max_runtime_s": 3600},
    ),
}


def hostile_board_2026() -> Board:
    """All seven targets of the 2026 edition: the hostile board plus workloads on managed hosts,
    their names as hostile, calling and called across targets."""
    board = hostile_board()
    workloads = [
        Workload(id=workload_id, name=name, **extra)  # type: ignore[arg-type]
        for workload_id, (name, _, extra) in _LAYOUT_2026.items()
    ]
    placements = {**board.placements}
    placements.update({workload_id: t for workload_id, (_, t, _) in _LAYOUT_2026.items()})
    shared = board.workload("shared")
    calls_new = shared.model_copy(update={"depends_on": (*shared.depends_on, "lmi-api")})
    return Board(
        name=BOARD_NAME,
        edition="2026",
        workloads=(*(calls_new if w.id == "shared" else w for w in board.workloads), *workloads),
        placements=placements,  # type: ignore[arg-type]
    )


def sized_board(count: int) -> Board:
    """`count` workloads spread over the five targets with a chain of dependencies."""
    targets = ("bare_metal", "ec2", "containers", "fargate", "lambda")
    workloads = []
    placements = {}
    for index in range(count):
        target = targets[index % len(targets)]
        lambda_ready = (
            {"max_runtime_s": 60, "traffic": "event_driven"} if target == "lambda" else {}
        )
        workloads.append(
            Workload(
                id=f"w{index:04d}",
                name=f"Workload {index} <{target}> & co",
                vcpu=1 + index % 4,
                memory_gib=2 + index % 8,
                depends_on=(f"w{index - 1:04d}",) if index else (),
                **lambda_ready,  # type: ignore[arg-type]
            )
        )
        placements[f"w{index:04d}"] = target
    return Board(name=f"Bench board {count}", workloads=tuple(workloads), placements=placements)  # type: ignore[arg-type]
