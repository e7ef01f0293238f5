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
    "moscow": ("moscow", "bare_metal", {"license_requires_physical": True, "vcpu": 16}),
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
