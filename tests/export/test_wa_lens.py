"""The Well-Architected custom lens export: the lens against the AWS format, the answers against
the lens, safe file names, a load script that parses and passes values through untouched."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from whiteboard.catalog import default_catalog
from whiteboard.export.transaction import ExportError
from whiteboard.export.wa_lens import (
    CHOICE_ID_MAX,
    NOTES_MAX,
    WA_DESCRIPTION_MAX,
    WA_NAME_MAX,
    check_lens,
    lens_document,
    render_wa_lens,
    units,
)
from whiteboard.export.wa_lens_families import questions
from whiteboard.export.wa_lens_questions import Seen
from whiteboard.model import Board, Workload
from whiteboard.model.text import BIDI_CONTROLS
from whiteboard.scoring import score_board
from whiteboard.scoring.results import Factor, TargetScore
from whiteboard.slides.theme import score_role

SCHEMA = json.loads((Path(__file__).with_name("wa_lens_schema.json")).read_text("utf-8"))
BENCH = Path(__file__).resolve().parents[2] / "bench"
EVIL = "\u202eexe.txt\u202c \"; rm -rf / $(reboot) `id` 'q' \x1b[31m\x07 東京 🚀 \u2066x\u2069 "
#: Ids the model would refuse today: the file names must be safe whatever an id holds.
EVIL_IDS = ("con", "CON", "../../etc/passwd", "a b", "a-b", "x" * 300, "nul.txt", "", "Ab/..")


def _hostile_constructed() -> Board:
    """Names of 2,000 characters and ids no slug would allow, built past validation."""
    template = Workload(id="t", name="t").model_dump()
    workloads = tuple(
        Workload.model_construct(**{**template, "id": wid, "name": (EVIL * 60)[:2000]})
        for wid in EVIL_IDS
    )
    shell = Board(name="b", workloads=(Workload(id="t", name="t"),)).model_dump()
    placements = {"con": "lambda", "a b": "ec2", "CON": "bare_metal"}
    return Board.model_construct(
        **{**shell, "name": (EVIL * 60)[:2000], "workloads": workloads, "placements": placements}
    )


def _infeasible() -> Board:
    """A two-hour job placed on Lambda, and one nothing can run (no hypervisor allowed, and more
    vCPU than any metal host has), not placed."""
    job = Workload(id="long-job", name="Nightly job", interface="none", max_runtime_s=7200)
    stuck = Workload(id="stuck", name="Stuck", licence="no_hypervisor", vcpu=1000)
    return Board(name="Limits", workloads=(job, stuck), placements={"long-job": "lambda"})


@pytest.fixture(scope="module")
def synthetic() -> Iterator[Board]:
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("_common").synthetic_board(300, seed=11)
    finally:
        sys.path.remove(str(BENCH))


@pytest.fixture(scope="module")
def boards(demo_board: Board, synthetic: Board, hostile: Board) -> dict[str, Board]:
    return {
        "demo": demo_board,
        "synthetic": synthetic,
        "hostile": hostile,
        "constructed": _hostile_constructed(),
        "infeasible": _infeasible(),
    }


@pytest.fixture(scope="module")
def rendered(boards: dict[str, Board]) -> dict[str, tuple[Board, dict[str, bytes]]]:
    return {
        key: (board, render_wa_lens(board, score_board(board))) for key, board in boards.items()
    }


def _answers(files: dict[str, bytes]) -> dict[str, dict]:
    return {path: json.loads(data) for path, data in files.items() if path.startswith("answers/")}


def _lens_questions(lens: dict) -> dict[str, dict]:
    return {q["id"]: q for pillar in lens["pillars"] for q in pillar["questions"]}


# -- A tiny reader of risk rule conditions: ids, &&, ||, !, parentheses ------------------------

_TOKEN = re.compile(r"\s*(&&|\|\||!|\(|\)|[A-Za-z0-9_]+)")


def _tokens(condition: str) -> list[str]:
    found, at = [], 0
    while at < len(condition):
        match = _TOKEN.match(condition, at)
        assert match, f"bad condition {condition!r} at {at}"
        found.append(match.group(1))
        at = match.end()
    return found


def _holds(condition: str, chosen: set[str]) -> bool:
    if condition == "default":
        return True
    tokens = _tokens(condition)

    def expr(i: int) -> tuple[bool, int]:
        value, i = term(i)
        while i < len(tokens) and tokens[i] == "||":
            other, i = term(i + 1)
            value = value or other
        return value, i

    def term(i: int) -> tuple[bool, int]:
        value, i = factor(i)
        while i < len(tokens) and tokens[i] == "&&":
            other, i = factor(i + 1)
            value = value and other
        return value, i

    def factor(i: int) -> tuple[bool, int]:
        if tokens[i] == "!":
            value, i = factor(i + 1)
            return not value, i
        if tokens[i] == "(":
            value, i = expr(i + 1)
            assert tokens[i] == ")"
            return value, i + 1
        return tokens[i] in chosen, i + 1

    value, end = expr(0)
    assert end == len(tokens), condition
    return value


def _risk(question: dict, chosen: set[str]) -> str:
    return next(rule["risk"] for rule in question["riskRules"] if _holds(rule["condition"], chosen))


# -- The lens ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["demo", "synthetic", "hostile", "constructed", "infeasible"])
def test_the_lens_follows_the_aws_format(rendered, key: str) -> None:
    lens = json.loads(rendered[key][1]["lens.json"])
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(lens), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert len(rendered[key][1]["lens.json"]) <= 500_000


def test_the_lens_is_the_same_for_every_board(rendered) -> None:
    lenses = {files["lens.json"] for _, files in rendered.values()}
    assert len(lenses) == 1
    assert "Alpine" not in lenses.pop().decode("utf-8")


def test_one_pillar_per_framework_pillar_with_the_aws_ids() -> None:
    lens = lens_document()
    assert [p["id"] for p in lens["pillars"]] == [
        "operationalExcellence", "security", "reliability", "performance",
        "costOptimization", "sustainability",
    ]  # fmt: skip
    assert lens["name"] == "Compute placement"
    assert all(t.display_name in lens["description"] for t in default_catalog().targets)


def test_ids_are_unique_and_fit_the_apis() -> None:
    lens = lens_document()
    seen: set[str] = set()
    for pillar in lens["pillars"]:
        for question in pillar["questions"]:
            assert question["id"] not in seen
            seen.add(question["id"])
            ids = [c["id"] for c in question["choices"]]
            assert len(set(ids)) == len(ids)
            assert all(len(i) <= CHOICE_ID_MAX for i in ids)  # UpdateAnswer's SelectedChoices
            nones = [c for c in question["choices"] if c["id"].endswith("_no")]
            assert [c["title"] for c in nones] == ["None of these"], question["id"]
            assert question["choices"][-1] is nones[0]


def test_every_risk_rule_names_only_choices_of_its_own_question() -> None:
    for question in _lens_questions(lens_document()).values():
        own = {c["id"] for c in question["choices"]}
        conditions = [rule["condition"] for rule in question["riskRules"]]
        assert conditions.count("default") == 1 and conditions[-1] == "default"
        risks = [rule["risk"] for rule in question["riskRules"]]
        assert len(set(risks)) == len(risks)
        for condition in conditions[:-1]:
            names = {t for t in _tokens(condition) if t not in {"&&", "||", "!", "(", ")"}}
            assert names and names <= own, (question["id"], names - own)
        # Everything satisfied is no risk; nothing satisfied is the default.
        assert _risk(question, own - {question["choices"][-1]["id"]}) == "NO_RISK"
        assert _risk(question, {question["choices"][-1]["id"]}) == risks[-1]


def test_a_broken_lens_is_refused() -> None:
    """The export's own check catches what the schema would (a long id, a foreign choice)."""
    lens = json.loads(json.dumps(lens_document()))
    question = lens["pillars"][0]["questions"][0]
    question["riskRules"][0]["condition"] = "sec_patching_provider"
    with pytest.raises(ExportError, match="another question"):
        check_lens(lens)
    lens = json.loads(json.dumps(lens_document()))
    lens["pillars"][1]["questions"][0]["id"] = "x" * 129
    with pytest.raises(ExportError, match="malformed"):
        check_lens(lens)


def test_score_questions_risk_follows_the_score_bands(rendered) -> None:
    lens = _lens_questions(lens_document())
    for key in ("demo", "synthetic", "infeasible"):
        board, files = rendered[key]
        scores = score_board(board)
        stems = {a["workload"]["id"]: a for a in _answers(files).values()}
        for workload_id, answer in stems.items():
            placed = scores.workloads[workload_id].targets[answer["workload"]["targetId"]]
            for question in questions():
                if not question.band:
                    continue
                chosen = next(a for a in answer["answers"] if a["QuestionId"] == question.id)
                role = score_role(placed.pillars[question.pillar])
                want = {"score_good": "NO_RISK", "score_fair": "MEDIUM_RISK"}.get(role)
                want = want if placed.feasible else None
                got = _risk(lens[question.id], set(chosen["SelectedChoices"]))
                assert got == (want or "HIGH_RISK"), (workload_id, question.id)


# -- Which rule made each reason ---------------------------------------------------------------


def test_every_reason_on_every_target_has_a_question(rendered) -> None:
    """A scoring rule added without a question fails here, by its label."""
    for key in ("synthetic", "hostile", "infeasible", "demo"):
        scores = score_board(rendered[key][0])
        for workload in scores.workloads.values():
            for target in workload.targets.values():
                Seen.of(target)


def test_a_reason_no_question_claims_is_an_error() -> None:
    board = _infeasible()
    placed = score_board(board).workloads["long-job"].targets["lambda"]
    stray = Factor("A rule nobody wrote a question for", -7.0)
    reasons = {**placed.reasons, "security": (*placed.reasons["security"], stray)}
    broken = TargetScore(placed.target, True, (), placed.pillars, reasons, placed.overall)
    with pytest.raises(ExportError, match="nobody wrote"):
        Seen.of(broken)


# -- The answers -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["demo", "synthetic", "hostile", "constructed", "infeasible"])
def test_answers_name_the_lens_questions_and_choices(rendered, key: str) -> None:
    board, files = rendered[key]
    lens = _lens_questions(json.loads(files["lens.json"]))
    answers = _answers(files)
    assert len(answers) == len(board.workloads)
    names = default_catalog().display_names(board.edition)
    for answer in answers.values():
        assert [a["QuestionId"] for a in answer["answers"]] == list(lens)
        for item in answer["answers"]:
            own = {c["id"] for c in lens[item["QuestionId"]]["choices"]}
            chosen = item["SelectedChoices"]
            assert chosen and set(chosen) <= own and len(set(chosen)) == len(chosen)
            assert not any(c.endswith("_no") for c in chosen) or len(chosen) == 1
            assert units(item["Notes"]) <= NOTES_MAX
            assert item["Notes"] and not BIDI_CONTROLS & set(item["Notes"])
        workload = answer["workload"]
        assert workload["targetName"] == names[workload["targetId"]]
        wa = answer["waWorkload"]
        assert 3 <= units(wa["WorkloadName"]) <= WA_NAME_MAX
        assert 3 <= units(wa["Description"]) <= WA_DESCRIPTION_MAX
        assert not re.search(r"[\x00-\x1f\x7f-\x9f]", wa["WorkloadName"] + wa["Description"])
    wa_names = [
        a["waWorkload"]["WorkloadName"].replace(" ", "").casefold() for a in answers.values()
    ]
    assert len(set(wa_names)) == len(wa_names)  # unique as the Well-Architected Tool compares


def test_an_unplaced_workload_is_answered_for_its_recommendation(rendered) -> None:
    board, files = rendered["hostile"]
    answer = _answers(files)["answers/not-placed.json"]
    recommended = score_board(board).workloads["not-placed"].recommended
    assert answer["workload"]["targetId"] == recommended
    assert answer["workload"]["basis"] == "recommended"
    assert "recommended" in answer["answers"][0]["Notes"].splitlines()[0]


def test_a_placement_that_cannot_run_says_so_first(rendered) -> None:
    answers = _answers(rendered["infeasible"][1])
    job = answers["answers/long-job.json"]
    for item in job["answers"]:
        assert item["Notes"].splitlines()[1].startswith("Cannot run: "), item["QuestionId"]
        if item["QuestionId"].endswith("_score"):
            assert not any(c.endswith("_runs") for c in item["SelectedChoices"])
    limits = next(a for a in job["answers"] if a["QuestionId"] == "rel_limits")
    assert limits["SelectedChoices"] == ["rel_limits_no"]
    stuck = answers["answers/stuck.json"]
    assert stuck["workload"]["basis"] == "closest"


def test_long_notes_are_cut_by_whole_lines() -> None:
    """Dependency reasons quoting ids of 2,000 characters still fit the API's notes."""
    template = Workload(id="t", name="t", architecture="pet").model_dump()
    deps = tuple(
        Workload.model_construct(**{**template, "id": f"{i}-" + "ü🚀" * 999}) for i in range(4)
    )
    user = Workload(id="user", name="User").model_dump()
    user = Workload.model_construct(**{**user, "depends_on": tuple(w.id for w in deps)})
    shell = Board(name="Deps", workloads=(Workload(id="t", name="t"),)).model_dump()
    board = Board.model_construct(
        **{**shell, "workloads": (*deps, user), "placements": {"user": "ec2"}}
    )
    answer = json.loads(render_wa_lens(board, score_board(board))["answers/user.json"])
    notes = {item["QuestionId"]: item["Notes"] for item in answer["answers"]}
    assert all(units(text) <= NOTES_MAX for text in notes.values())
    assert re.search(r"\n… and \d+ more$", notes["rel_dependencies"])
    assert notes["rel_dependencies"].startswith("Placed on ")


# -- Files and the script ----------------------------------------------------------------------


def test_file_names_are_safe_and_unique(rendered) -> None:
    for _, files in rendered.values():
        names = [Path(p).name for p in files if p.startswith("answers/")]
        assert len({n.casefold() for n in names}) == len(names)
        for name in names:
            assert re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,79}\.json", name), name
            assert name.split(".")[0].split("-")[0] not in {"con", "nul", "prn", "aux"} or (
                "-" in name
            )
        assert set(files) - {f"answers/{n}" for n in names} == {
            "lens.json", "README.md", "load-lens.sh",
        }  # fmt: skip


def test_the_output_is_deterministic(rendered) -> None:
    for key in ("hostile", "constructed", "synthetic"):
        board, files = rendered[key]
        assert render_wa_lens(board, score_board(board)) == files


def test_json_files_are_indented_utf8_with_a_final_newline(rendered) -> None:
    _, files = rendered["hostile"]
    for path, data in files.items():
        if path.endswith(".json"):
            text = data.decode("utf-8")
            assert text.endswith("}\n") and text.startswith('{\n  "')
    assert "東京" in b"".join(files.values()).decode("utf-8")


@pytest.mark.parametrize("key", ["demo", "hostile", "constructed", "infeasible"])
def test_the_script_parses_and_holds_no_board_text(rendered, key: str) -> None:
    _, files = rendered[key]
    script = files["load-lens.sh"].decode("utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script
    check = subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True)
    assert check.returncode == 0, check.stderr
    for marker in ("rm -rf", "reboot", "東京", "\u202e", "\x1b"):
        assert marker not in script


def test_readme_names_the_board_without_markup(rendered) -> None:
    readme = rendered["constructed"][1]["README.md"].decode("utf-8")
    assert readme.startswith("<!-- Generated by whiteboard")
    assert not BIDI_CONTROLS & set(readme) and "\x1b" not in readme
    assert "import-lens" in readme and "create-lens-version" in readme
    assert "associate-lenses" in readme and "update-answer" in readme


# -- The script against a stand-in for the AWS CLI ----------------------------------------------

FAKE_AWS = r"""#!/usr/bin/env bash
# Records every call (its arguments NUL-separated, then a record separator) and answers as
# the Well-Architected Tool would.
{ printf '%s\0' "$@"; printf '\036'; } >>"$AWS_LOG"
case "$*" in
  *"configure get region"*) exit 1 ;;
  *"sts get-caller-identity"*) echo "arn:aws:iam::123456789012:user/architect" ;;
  *import-lens*)
    echo '{"LensArn": "arn:aws:wellarchitected:eu-west-1:123456789012:lens/abc",'
    echo ' "Status": "COMPLETE"}' ;;
  *list-workloads*) echo '{"WorkloadSummaries": []}' ;;
  *create-workload*) echo '{"WorkloadId": "0123456789abcdef0123456789abcdef"}' ;;
  *get-workload*) echo '{"Workload": {"Lenses": ["wellarchitected"]}}' ;;
  *) echo '{}' ;;
esac
"""


@pytest.fixture
def loaded(rendered, tmp_path: Path):
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed")

    def run(key: str, *args: str) -> tuple[subprocess.CompletedProcess, list[list[str]], Path]:
        folder = tmp_path / key
        for path, data in rendered[key][1].items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        (folder / "load-lens.sh").chmod(0o755)
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        (bin_dir / "aws").write_text(FAKE_AWS, encoding="utf-8")
        (bin_dir / "aws").chmod(0o755)
        log = tmp_path / f"{key}.log"
        env = {
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "AWS_LOG": str(log),
            "AWS_REGION": "eu-west-1",
            "HOME": str(tmp_path),
        }
        done = subprocess.run(
            ["bash", str(folder / "load-lens.sh"), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        records = log.read_text("utf-8").split("\x1e")[:-1]
        calls = [record.split("\0")[:-1] for record in records]
        return done, calls, folder

    return run


def test_the_script_loads_every_answer_as_written(loaded, rendered) -> None:
    done, calls, _ = loaded("constructed")
    assert done.returncode == 0, done.stderr
    wa = [call[1:] for call in calls if call[0] == "wellarchitected"]
    verbs = [call[0] for call in wa]
    assert verbs[:2] == ["import-lens", "create-lens-version"]
    assert verbs.count("create-workload") == len(EVIL_IDS)
    assert verbs.count("associate-lenses") == len(EVIL_IDS)
    sent = [
        json.loads(call[call.index("--cli-input-json") + 1])
        for call in wa
        if "update-answer" in call
    ]
    written = [
        item
        for path, answer in sorted(_answers(rendered["constructed"][1]).items())
        for item in answer["answers"]
    ]
    assert len(sent) == len(written)
    assert sorted(
        json.dumps({k: s[k] for k in written[0]}, sort_keys=True) for s in sent
    ) == sorted(
        json.dumps(w, sort_keys=True) for w in written
    )  # names and notes arrive untouched, whatever they hold
    assert all(s["LensAlias"].startswith("arn:aws:wellarchitected:") for s in sent)
    file_args = [a for call in calls for a in call if a.startswith("file://")]
    assert file_args == ["file://lens.json"]


def test_the_script_loads_only_the_files_asked_for(loaded) -> None:
    done, calls, folder = loaded("infeasible", "answers/stuck.json")
    assert done.returncode == 0, done.stderr
    assert sum("create-workload" in call for call in calls) == 1
    (folder / "answers" / "left-over.json").write_text("{}", encoding="utf-8")
    done, _, _ = loaded("infeasible", "answers/nope.json")
    assert done.returncode == 1 and "not an answers file" in done.stderr
    done, _, _ = loaded("infeasible")
    assert "skipping answers/left-over.json" in done.stderr


def test_the_script_needs_aws_and_jq(rendered, tmp_path: Path) -> None:
    script = tmp_path / "load-lens.sh"
    script.write_bytes(rendered["demo"][1]["load-lens.sh"])
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    done = subprocess.run(
        [shutil.which("bash") or "bash", str(script)],
        env={"PATH": str(empty)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "aws is needed" in done.stderr
