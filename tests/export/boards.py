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


#: Group names of `grouped_board`: more than the overview names, of very different sizes.
GROUPS = tuple(f"App {chr(65 + i)} {'portal' if i % 3 == 0 else 'billing'}" for i in range(25))


def grouped_board(count: int = 300, seed: int = 0) -> Board:
    """A big 2026 board like a customer's estate: varied workloads in 25 groups of very
    different sizes (every 11th in none), most placed at random, so some cannot run where they
    are and many are misplaced; deterministic for a (count, seed)."""
    import random

    from whiteboard.model.vocab import EDITION_TARGETS

    rng = random.Random(seed)
    targets = EDITION_TARGETS["2026"]
    kinds = ("web", "api", "batch", "database", "ml", "queue-worker", "cache", "etl")
    workloads = []
    for index in range(count):
        runtime = rng.choice((None, None, 60, 900, 3600))
        spread = (index * 0.6180339) % 1
        workloads.append(
            Workload(
                id=f"w{index:04d}",
                name=f"{kinds[index % len(kinds)].title()} service {index} <tier {index % 7}>",
                kind=kinds[index % len(kinds)],
                group=None if index % 11 == 0 else GROUPS[int(len(GROUPS) * spread * spread)],
                architecture=rng.choice(("pet", "cattle")),
                stateful=rng.random() < 0.3,
                max_runtime_s=runtime,
                interface="none" if runtime is not None else "request_response",
                vcpu=rng.choice((0.25, 0.5, 1, 2, 4, 16, 96)),
                memory_gib=rng.choice((0.5, 1, 2, 8, 32, 384)),
                ephemeral_storage_gib=rng.choice((0, 10, 20, 200)),
                gpu=rng.random() < 0.05,
                os=rng.choice(("linux", "linux", "windows")),
                traffic=rng.choice(("steady", "spiky", "event_driven", "idle")),
            )
        )
    placements = {w.id: rng.choice(targets) for w in workloads if rng.random() < 0.8}
    return Board(
        name=f"Estate of {count} workloads",
        edition="2026",
        workloads=tuple(workloads),
        placements=placements,  # type: ignore[arg-type]
    )
