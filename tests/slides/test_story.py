"""The story file: validation with clear errors, step lookup, and the workload steps after it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whiteboard.model import Board, load_board
from whiteboard.slides.compute import compute_slide
from whiteboard.slides.story import (
    STORY_FILE,
    StoryError,
    load_story,
    story_of,
    workload_steps,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _raw() -> dict:
    return json.loads(STORY_FILE.read_text(encoding="utf-8"))


def _write(tmp_path: Path, raw: object) -> Path:
    path = tmp_path / "story.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_the_shipped_story_has_eight_steps_in_order() -> None:
    story = load_story()
    assert [step.number for step in story.steps] == list(range(1, 9))
    assert story.step(4).id == "containers"


def test_every_story_step_reveals_elements_that_exist() -> None:
    story = load_story()
    ids = [element.id for element in compute_slide()]
    for step in story.steps:
        revealed = [i for i in ids if story.step_of(i) == step.number]
        assert revealed, f"step {step.number} reveals nothing"
        for pattern in step.reveals:
            assert any(step.reveals_id(i) for i in ids), f"{pattern} matches no element"


def test_step_of_takes_the_first_matching_step_and_zero_for_none() -> None:
    story = load_story()
    assert story.step_of("line") == 1
    assert story.step_of("layer:ec2:guest_os") == 3
    assert story.step_of("header:fargate") == 7
    assert story.step_of("title") == 0


def test_a_wrong_enter_names_file_and_field(tmp_path: Path) -> None:
    raw = _raw()
    raw["steps"][2]["enter"] = "bounce"
    with pytest.raises(StoryError, match=r"story\.json: steps\[2\]\.enter"):
        load_story(_write(tmp_path, raw))


def test_missing_steps_are_reported(tmp_path: Path) -> None:
    raw = _raw()
    del raw["steps"][5]
    with pytest.raises(StoryError, match=r"story\.json: .*numbered from 1 in order"):
        load_story(_write(tmp_path, raw))


def test_notes_must_be_three_to_six_sentences(tmp_path: Path) -> None:
    raw = _raw()
    raw["steps"][0]["notes"] = "Too short."
    with pytest.raises(StoryError, match=r"steps\[0\]\.notes: .*3 to 6 sentences"):
        load_story(_write(tmp_path, raw))


def test_broken_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(StoryError, match=r"story\.json: is not valid JSON"):
        load_story(path)


def test_workload_steps_follow_the_columns_left_to_right(demo_board: Board) -> None:
    steps = workload_steps(demo_board)
    assert [s.number for s in steps] == list(range(9, 9 + len(steps)))
    assert [s.target for s in steps] == ["bare_metal", "ec2", "containers", "fargate", "lambda"]
    containers = steps[2]
    assert "Product catalogue API (score " in containers.notes
    assert "Payments service (score " in containers.notes


def test_workload_steps_call_out_placements_that_break_a_limit(demo_board: Board) -> None:
    board = demo_board.with_placement("perf-lab", "lambda")
    notes = next(s.notes for s in workload_steps(board) if s.target == "lambda")
    assert "Kernel performance lab" in notes
    assert "hard limit" in notes


def test_a_board_without_placements_has_no_workload_steps() -> None:
    assert workload_steps(Board(name="empty")) == []


def test_the_2026_story_keeps_the_2018_steps_then_adds_the_new_rungs() -> None:
    old, new = story_of("2018"), story_of("2026")
    assert len(old.steps) == 8 and len(new.steps) == 10
    assert [s.id for s in new.steps[:7]] == [s.id for s in old.steps[:7]]
    assert [s.id for s in new.steps[7:]] == ["managed-hosts", "managed-functions", "whole-picture"]
    assert new.step_of("column:managed_containers") == 8
    assert new.step_of("column:lambda_managed") == 9
    assert old.step_of("column:managed_containers") == 0


def test_workload_steps_of_a_2026_board_follow_its_ten_story_steps() -> None:
    board = load_board(FIXTURES / "board_v2.json")
    steps = workload_steps(board)
    assert steps[0].number == 11
    assert "managed_containers" in [s.target for s in steps]
    assert any("ECS Managed Instances / EKS Auto Mode" in s.title for s in steps)
