"""The board as an AWS Well-Architected custom lens, its answers and a script that loads them.

`render_wa_lens(board, scores)` returns {relative path: bytes} and writes nothing (the caller
stages the files in its transaction): `lens.json`, the lens itself; `answers/<name>.json`, one
per workload, the choices its placement satisfies with our reasons as notes; `README.md` and
`load-lens.sh`, which the customer reads and runs with the standard AWS CLI, if and when they
choose to. Nothing here goes online.

The lens follows the AWS "Lens format specification" (read 2026-12-03):
https://docs.aws.amazon.com/wellarchitected/latest/userguide/lenses-format-specification.html
and the `UpdateAnswer` / `CreateWorkload` API references for what the answers feed. The lens
does not depend on the board at all, so one lens serves every board and no name can break it;
the limits below are checked on every export (`check_lens`).
"""

from __future__ import annotations

import hashlib
import json
import re
import shlex
from collections.abc import Iterable
from functools import cache
from typing import Any

import jinja2

from whiteboard import __version__
from whiteboard.catalog import default_catalog
from whiteboard.export.templating import environment
from whiteboard.export.terraform import HEADER_MARK
from whiteboard.export.transaction import ExportError
from whiteboard.export.wa_lens_families import questions
from whiteboard.export.wa_lens_questions import (
    AWS_PILLARS,
    NONE_SUFFIX,
    Question,
    Seen,
    risk_rules,
    selected,
)
from whiteboard.model import Board, Workload
from whiteboard.model.text import one_line
from whiteboard.model.vocab import PILLAR_TITLES
from whiteboard.paths import TEMPLATES_DIR
from whiteboard.scoring.results import BoardScore, TargetScore, WorkloadScore
from whiteboard.slides.theme import score_role

TEMPLATE_DIR = TEMPLATES_DIR / "wa_lens"
SPEC_URL = (
    "https://docs.aws.amazon.com/wellarchitected/latest/userguide/lenses-format-specification.html"
)
SCHEMA_VERSION = "2021-11-01"
LENS_NAME = "Compute placement"
# The specification's limits (lens, pillars, questions, choices) ...
NAME_MAX = 128
TEXT_MAX = 2048
PILLARS_MAX = 10
QUESTIONS_MAX = 20
CHOICES_MAX = 15
ID_PATTERN = re.compile(r"^[a-zA-Z0-9_]{3,128}$")
#: "A custom lens cannot exceed 500 KB in size" (ImportLens).
LENS_BYTES_MAX = 500_000
# ... and the APIs' (read 2026-12-03): UpdateAnswer takes choice ids of 1-64 characters and
# notes of up to 2084 (the same 2084 as PillarReviewSummary's notes), CreateWorkload names of
# 3-100 characters and descriptions of 3-250:
# https://docs.aws.amazon.com/wellarchitected/latest/APIReference/API_UpdateAnswer.html
# https://docs.aws.amazon.com/wellarchitected/latest/APIReference/API_CreateWorkload.html
# https://docs.aws.amazon.com/wellarchitected/latest/APIReference/API_PillarReviewSummary.html
CHOICE_ID_MAX = 64
NOTES_MAX = 2084
WA_NAME_MAX = 100
WA_DESCRIPTION_MAX = 250
ANSWERS = "answers"


def render_wa_lens(board: Board, scores: BoardScore) -> dict[str, bytes]:
    """Every file of the lens folder, by path relative to it."""
    files = {"lens.json": _json(lens_document())}
    stems = file_stems(w.id for w in board.workloads)
    for workload in board.workloads:
        answer = workload_answers(board, workload, scores.workloads[workload.id], stems)
        files[f"{ANSWERS}/{stems[workload.id]}.json"] = _json(answer)
    env = _environment()
    context = {
        "header": f"{HEADER_MARK} {__version__}",
        "board": _markdown(board.name),
        "lens_name": LENS_NAME,
        "spec_url": SPEC_URL,
        "count": len(board.workloads),
        "questions": questions(),
        "pillars": {pillar: AWS_PILLARS[pillar][1] for pillar in AWS_PILLARS},
        "answer_files": [shlex.quote(f"{ANSWERS}/{stems[w.id]}.json") for w in board.workloads],
        "notes_max": NOTES_MAX,
    }
    for name in ("README.md", "load-lens.sh"):
        files[name] = env.get_template(f"{name}.j2").render(context).encode("utf-8")
    return files


# -- The lens ----------------------------------------------------------------------------------


@cache
def lens_document() -> dict[str, Any]:
    """The lens as the specification lays it out, checked against its limits."""
    targets = ", ".join(t.display_name for t in default_catalog().targets)
    pillars: dict[str, list[dict[str, Any]]] = {}
    for question in questions():
        pillars.setdefault(question.pillar, []).append(_question(question))
    lens = {
        "schemaVersion": SCHEMA_VERSION,
        "name": LENS_NAME,
        "description": (
            "Whether a workload runs on the right compute target: "
            f"{targets}. Made by Whiteboard ({__version__}) from a workshop board, where "
            "each workload was placed on a target and scored on the six pillars: every "
            "question is a family of its scoring rules, every choice a state the placement "
            "satisfies, and each answer's notes give the reasons with their points."
        ),
        "pillars": [
            {"id": AWS_PILLARS[p][0], "name": AWS_PILLARS[p][1], "questions": found}
            for p, found in pillars.items()
        ],
    }
    check_lens(lens)
    return lens


def _question(question: Question) -> dict[str, Any]:
    choices: list[dict[str, Any]] = [
        {
            "id": question.choice_id(choice),
            "title": choice.title,
            "helpfulResource": {"displayText": choice.helpful, "url": choice.url},
            "improvementPlan": {"displayText": choice.improvement, "url": choice.url},
        }
        for choice in question.choices
    ]
    choices.append(
        {
            "id": question.none_id,
            "title": "None of these",
            "helpfulResource": {
                "displayText": "The placement satisfies none of these choices.",
                "url": question.url,
            },
        }
    )
    return {
        "id": question.id,
        "title": question.title,
        "description": question.description,
        "helpfulResource": {
            "displayText": "The AWS page behind this question's rules; docs/scoring.md of "
            "Whiteboard explains how each rule scores.",
            "url": question.url,
        },
        "choices": choices,
        "riskRules": risk_rules(question),
    }


def check_lens(lens: dict[str, Any]) -> None:
    """The specification's limits on `lens`; ExportError names the first one broken."""

    def fail(problem: str) -> None:
        raise ExportError(f"the Well-Architected lens breaks the specification: {problem}")

    if len(lens["name"]) > NAME_MAX or len(lens["description"]) > TEXT_MAX:
        fail("its name or description is too long")
    if len(lens["pillars"]) > PILLARS_MAX:
        fail(f"more than {PILLARS_MAX} pillars")
    ids: set[str] = set()
    for pillar in lens["pillars"]:
        for item in (pillar, *pillar["questions"]):
            _check_id(item["id"], ids, fail)
        if len(pillar["questions"]) > QUESTIONS_MAX:
            fail(f"pillar {pillar['id']} has more than {QUESTIONS_MAX} questions")
        for question in pillar["questions"]:
            _check_question(question, fail)
    if len(_json(lens)) > LENS_BYTES_MAX:
        fail(f"it is larger than {LENS_BYTES_MAX:,} bytes")


def _check_id(value: str, seen: set[str], fail: Any) -> None:
    if not ID_PATTERN.match(value) or value in seen:
        fail(f"id {value!r} is malformed or repeated")
    seen.add(value)


def _check_question(question: dict[str, Any], fail: Any) -> None:
    where = question["id"]
    if len(question["title"]) > NAME_MAX or len(question["description"]) > TEXT_MAX:
        fail(f"question {where}: title or description too long")
    if len(question["choices"]) > CHOICES_MAX:
        fail(f"question {where} has more than {CHOICES_MAX} choices")
    own: set[str] = set()
    for choice in question["choices"]:
        _check_id(choice["id"], own, fail)
        is_none = choice["id"].endswith(NONE_SUFFIX)
        if len(choice["id"]) > CHOICE_ID_MAX or len(choice["title"]) > NAME_MAX:
            fail(f"question {where}: choice {choice['id']} too long")
        if is_none != (choice["title"] == "None of these"):
            fail(f"question {where}: choice {choice['id']} ends in {NONE_SUFFIX} or not")
        for key in ("helpfulResource", "improvementPlan"):
            resource = choice.get(key)
            if resource is None:
                if key == "improvementPlan" and not is_none:
                    fail(f"question {where}: choice {choice['id']} lacks an improvement plan")
                continue
            if len(resource["displayText"]) > TEXT_MAX or not resource["url"].startswith(
                ("https://", "http://")
            ):
                fail(f"question {where}: choice {choice['id']}: bad {key}")
    rules = question["riskRules"]
    risks = [rule["risk"] for rule in rules]
    if len(rules) > 3 or len(set(risks)) != len(risks) or rules[-1]["condition"] != "default":
        fail(f"question {where}: risk rules must be one per risk, the default last")
    for rule in rules[:-1]:
        named = set(re.findall(r"[A-Za-z0-9_]+", rule["condition"]))
        if not named or not named <= own or "default" in named:
            fail(f"question {where}: a risk rule names choices of another question")


# -- The answers -------------------------------------------------------------------------------


def workload_answers(
    board: Board, workload: Workload, score: WorkloadScore, stems: dict[str, str]
) -> dict[str, Any]:
    """One workload's answers: every question of the lens, for the target it is placed on
    (not placed yet: the recommended one; none fits: the closest), with its reasons."""
    target, basis = _answered_target(score)
    target_score = score.targets[target]
    names = default_catalog().display_names(board.edition)
    seen = Seen.of(target_score)
    name = one_line(workload.name)
    suffix = f" [{stems[workload.id]}]"
    where = _where(basis, names[target])
    return {
        "generatedBy": f"{HEADER_MARK} {__version__}; load with load-lens.sh (README.md)",
        "lens": LENS_NAME,
        "workload": {
            "id": workload.id,
            "name": name,
            "targetId": target,
            "targetName": names[target],
            "basis": basis,
            "note": f"{_clip(name, 200)}: {where}.",
        },
        "waWorkload": {
            "WorkloadName": _clip(one_line(f"{board.name}: {name}"), WA_NAME_MAX - units(suffix))
            + suffix,
            "Description": _clip(
                one_line(f"Whiteboard: {name}: {where}; from the board {board.name}"),
                WA_DESCRIPTION_MAX,
            ),
        },
        "answers": [
            {
                "QuestionId": question.id,
                "SelectedChoices": selected(question, seen),
                "Notes": _notes(question, seen, names[target], basis, score, names),
            }
            for question in questions()
        ],
    }


def _where(basis: str, target: str) -> str:
    """Which target an answer is for, and why that one."""
    return {
        "placed": f"Placed on {target}",
        "recommended": f"Not placed yet: answered for {target}, its recommended target",
        "closest": f"Not placed, and no target can run it: answered for {target}, the closest",
    }[basis]


def _answered_target(score: WorkloadScore) -> tuple[str, str]:
    if score.placed_on is not None:
        return score.placed_on, "placed"
    if score.recommended is not None:
        return score.recommended, "recommended"
    # Fewest broken limits, then the left-most: as close as a placement can come.
    order = list(score.targets)
    closest = min(order, key=lambda t: (len(score.targets[t].violations), order.index(t)))
    return closest, "closest"


def _notes(
    question: Question,
    seen: Seen,
    target_name: str,
    basis: str,
    score: WorkloadScore,
    names: dict[str, str],
) -> str:
    placed: TargetScore = seen.score
    pillar = question.pillar
    head = _where(basis, target_name)
    if question.band:
        points = placed.pillars[pillar]
        band = score_role(points).removeprefix("score_") if placed.feasible else "cannot run"
        head += f": {PILLAR_TITLES[pillar]} {points:g} of 100 ({band})"
    lines = [head, *placed.cannot_run()]
    mine = {f for rule in question.rules for f in seen.by_rule.get(rule, ())}
    lines += [str(f) for f in placed.reasons[pillar] if question.band or f in mine]
    if len(lines) == 1 + len(placed.violations) and not question.band:
        lines.append("No points from these rules here." if question.rules else "No limit broken.")
    if question.band and score.recommended and score.recommended != placed.target:
        lines.append(f"Whiteboard recommends {names[score.recommended]}: {score.why}")
    return _fit_lines([one_line(line) for line in lines], NOTES_MAX)


def _fit_lines(lines: list[str], limit: int) -> str:
    """The lines, one per reason; when they pass `limit` characters, the first ones that fit
    and a last line saying how many were left out (a first line too long on its own is cut)."""
    text = "\n".join(lines)
    if units(text) <= limit:
        return text
    kept: list[str] = []
    for index, line in enumerate(lines):
        after = len(lines) - index - 1
        if units("\n".join([*kept, line, f"… and {after} more"])) > limit:
            break
        kept.append(line)
    left = len(lines) - len(kept)
    if not kept:
        tail = f"\n… and {left - 1} more" if left > 1 else ""
        return _clip(lines[0], limit - units(tail)) + tail
    return "\n".join([*kept, f"… and {left} more"])


# -- Files -------------------------------------------------------------------------------------

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{device}{n}" for device in ("com", "lpt") for n in range(10)
}
_UNSAFE_FILE = re.compile(r"[^a-z0-9_-]+")
STEM_MAX = 60


def file_stems(ids: Iterable[str]) -> dict[str, str]:
    """Workload id -> a file name stem safe on every system and unique even where case does not
    count: lower-case letters, digits, `-` and `_`, at most STEM_MAX characters plus a hash.
    An id that is not already such a name (or names a Windows device) gets a short hash of
    itself, so the name does not depend on the other workloads."""
    stems: dict[str, str] = {}
    used: set[str] = set()
    for workload_id in ids:
        base = _UNSAFE_FILE.sub("-", workload_id.lower()).strip("-_")[:STEM_MAX] or "workload"
        if base != workload_id or base.split(".")[0] in _WINDOWS_RESERVED:
            digest = hashlib.sha256(workload_id.encode("utf-8", "surrogatepass")).hexdigest()
            base = f"{base}-{digest[:8]}"
        stem, n = base, 1
        while stem in used:
            n += 1
            stem = f"{base}-{n}"
        used.add(stem)
        stems[workload_id] = stem
    return stems


def _json(value: object) -> bytes:
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def units(text: str) -> int:
    """Length as the AWS APIs count it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-16 units, an ellipsis marking the cut."""
    if units(text) <= limit:
        return text
    kept, used = [], 1
    for char in text:
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _markdown(text: str, limit: int = 200) -> str:
    """User text for one Markdown line: no control or bidi characters, no markup, no HTML."""
    flat = _clip(one_line(text), limit)
    escaped = re.sub(r"([\\`*_\[\]|~#])", r"\\\1", flat)
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _environment() -> jinja2.Environment:
    # Nothing user-typed reaches the script: it reads names and ids from the JSON with jq;
    # the answers files' paths it lists are shell-quoted (`shlex.quote`) before rendering.
    # Jinja comments are off: bash's `${#array[@]}` would open one.
    return environment(TEMPLATE_DIR, comment_start_string="{#jinja#", comment_end_string="#jinja#}")
