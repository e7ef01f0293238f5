"""Hypothesis strategies for valid Workloads and Boards, built with `st.builds`.

pydantic v2 has no hypothesis plugin, so each field gets its own strategy that stays inside the
model's constraints; the models themselves still validate every value they are built from.
Ids are unique slugs, `depends_on` names only earlier workloads, placements name known targets,
and display text is arbitrary unicode with the characters that break markup, HCL and shells
mixed in on purpose.
"""

from __future__ import annotations

from hypothesis import strategies as st

from whiteboard.model import DEFAULT_WEIGHTS, EDITION_IDS, PILLAR_IDS, Board, Workload
from whiteboard.model.board import MAX_WEIGHT
from whiteboard.model.vocab import EDITION_TARGETS
from whiteboard.model.workload import (
    MAX_EPHEMERAL_STORAGE_GIB,
    MAX_MEMORY_GIB,
    MAX_RUNTIME_S,
    MAX_VCPU,
    SLUG_PATTERN,
)

#: Pieces that reportlab markup, HCL templates, shells and JSON treat specially.
NASTY_PIECES = (
    "<",
    ">",
    "&",
    '"',
    "'",
    "\\",
    "${",
    "}",
    "%{",
    "$${",
    "<b>",
    "</para>",
    "<font size=40>",
    "&amp;",
    "S&P 500",
    '${file("/etc/passwd")}',
    "%{ for x in y }",
    "\\u0041",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\u202e",
    "\ufeff",
    "é",
    "中文",
    "🙂",
    "`rm -rf /`",
    "$(whoami)",
    "*/",
    "#",
    "//",
)

slugs = st.from_regex(SLUG_PATTERN, fullmatch=True)

_unicode = st.characters(codec="utf-8")


def display_text(max_size: int) -> st.SearchStrategy[str]:
    """Text a model field of `max_size` characters accepts (not blank once stripped)."""
    arbitrary = st.text(_unicode, min_size=1, max_size=max_size)
    nasty = st.lists(st.sampled_from(NASTY_PIECES) | st.text(_unicode, max_size=3), min_size=1)
    mixed = nasty.map("".join).map(lambda text: text[:max_size])
    return (arbitrary | mixed).filter(lambda text: bool(text.strip()))


names = display_text(200)
kinds = display_text(60)
notes = st.text(_unicode, max_size=300) | st.lists(st.sampled_from(NASTY_PIECES)).map("".join)


def _positive(maximum: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=0, max_value=maximum, exclude_min=True, allow_nan=False)


def workloads(
    workload_id: str | st.SearchStrategy[str] = slugs,
    depends_on: tuple[str, ...] | st.SearchStrategy[tuple[str, ...]] = (),
) -> st.SearchStrategy[Workload]:
    """One valid Workload with every field drawn inside its bounds."""
    return st.builds(
        Workload,
        id=workload_id if isinstance(workload_id, st.SearchStrategy) else st.just(workload_id),
        name=names,
        kind=kinds,
        architecture=st.sampled_from(("pet", "cattle")),
        stateful=st.booleans(),
        max_runtime_s=st.none() | st.integers(min_value=1, max_value=MAX_RUNTIME_S),
        vcpu=_positive(MAX_VCPU),
        memory_gib=_positive(MAX_MEMORY_GIB),
        ephemeral_storage_gib=st.floats(
            min_value=0, max_value=MAX_EPHEMERAL_STORAGE_GIB, allow_nan=False
        ),
        gpu=st.booleans(),
        hardware_counters=st.booleans(),
        hardware_virtualisation=st.booleans(),
        privileged=st.booleans(),
        licence=st.sampled_from(("none", "byol_per_core", "no_hypervisor")),
        interface=st.sampled_from(("none", "request_response", "long_lived_connections")),
        os=st.sampled_from(("linux", "windows")),
        traffic=st.sampled_from(("steady", "spiky", "event_driven", "idle")),
        compliance=st.lists(slugs, unique=True, max_size=3).map(tuple),
        ops_maturity=st.sampled_from(("low", "medium", "high")),
        depends_on=depends_on
        if isinstance(depends_on, st.SearchStrategy)
        else st.just(tuple(depends_on)),
    )


weights = st.dictionaries(
    st.sampled_from(PILLAR_IDS), st.floats(min_value=0, max_value=MAX_WEIGHT, allow_nan=False)
).filter(lambda drawn: any({**DEFAULT_WEIGHTS, **drawn}.values()))


@st.composite
def workload_lists(draw: st.DrawFn, max_size: int = 8) -> tuple[Workload, ...]:
    """Workloads with unique ids, each depending only on workloads before it."""
    ids = draw(st.lists(slugs, unique=True, max_size=max_size))
    result: list[Workload] = []
    for index, workload_id in enumerate(ids):
        earlier = st.lists(st.sampled_from(ids[:index]), unique=True, max_size=3).map(tuple)
        depends_on = earlier if index else st.just(())
        result.append(draw(workloads(workload_id, depends_on)))
    return tuple(result)


@st.composite
def _placements(draw: st.DrawFn, ids: tuple[str, ...], edition: str) -> dict[str, str]:
    if not ids:
        return {}
    placed = draw(st.lists(st.sampled_from(ids), unique=True))
    targets = EDITION_TARGETS[edition]
    return {workload_id: draw(st.sampled_from(targets)) for workload_id in placed}


def boards(max_workloads: int = 8) -> st.SearchStrategy[Board]:
    """A valid Board: unique ids, earlier-only dependencies, placements on known targets."""
    return st.tuples(workload_lists(max_workloads), st.sampled_from(EDITION_IDS)).flatmap(
        lambda drawn: st.builds(
            Board,
            name=names,
            edition=st.just(drawn[1]),
            workloads=st.just(drawn[0]),
            placements=_placements(tuple(w.id for w in drawn[0]), drawn[1]),
            notes=notes,
            weights=weights,
        )
    )
