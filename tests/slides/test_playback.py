"""The presenter's playback model, without a display: keys, steps, blank screens, entrances."""

from __future__ import annotations

import pytest

from whiteboard.slides.playback import (
    KEY_BINDINGS,
    MAX_STEP_MS,
    Action,
    Playback,
    Script,
    StepInfo,
    action_for,
    entrances,
    fill_steps,
    format_elapsed,
    partial_points,
    screen_roles,
    slug,
)
from whiteboard.slides.scene import Polyline, Rect, Scene, Text


def _scene() -> Scene:
    return Scene(
        name="hand-made",
        width=1920,
        height=1080,
        elements=(
            Rect(
                id="background", role="background", step=0, enter="none", x=0, y=0, w=1920, h=1080
            ),
            Polyline(
                id="line",
                role="responsibility_line",
                step=1,
                enter="grow",
                points=((100, 1000), (1800, 100)),
            ),
            Rect(id="column:ec2", role="column", step=2, enter="fade", x=0, y=0, w=10, h=10),
            Text(
                id="label:ec2",
                role="label",
                step=2,
                enter="slide",
                x=0,
                y=0,
                w=10,
                h=10,
                text="EC2",
                size=20,
            ),
            Rect(
                id="layer:ec2:os", role="layer_consumer", step=3, enter="grow", x=0, y=0, w=9, h=9
            ),
            Rect(
                id="card:a",
                role="card",
                step=4,
                enter="slide",
                data={"workload": "a"},
                x=0,
                y=0,
                w=9,
                h=9,
            ),
            Text(
                id="card:a:name",
                role="card_text",
                step=4,
                enter="slide",
                data={"workload": "a"},
                x=0,
                y=0,
                w=9,
                h=9,
                text="A",
                size=12,
            ),
            *(
                Rect(
                    id=f"card:w{i}",
                    role="card",
                    step=4,
                    enter="slide",
                    data={"workload": f"w{i}"},
                    x=0,
                    y=0,
                    w=9,
                    h=9,
                )
                for i in range(20)
            ),
            Polyline(
                id="area",
                role="provider_space",
                step=1,
                enter="grow",
                closed=True,
                points=((0, 0), (10, 0), (10, 10)),
            ),
            Rect(id="quiet", role="card", step=4, enter="none", x=0, y=0, w=9, h=9),
        ),
    )


def _script() -> Script:
    steps = tuple(StepInfo(n, f"s{n}", f"Step {n}", f"notes {n}") for n in range(1, 5))
    return Script(_scene(), steps)


def _press(playback: Playback, *keys: str) -> None:
    for key in keys:
        playback.press(key)


# --- keys ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["Right", "Down", "PageDown", "Space", "Return", "Enter"])
def test_next_keys_move_one_step_forward_and_animate(key: str) -> None:
    playback = Playback(last=4)
    change = playback.press(key)
    assert change is not None and (change.before, change.after, change.animate) == (0, 1, True)


@pytest.mark.parametrize("key", ["Left", "Up", "PageUp", "Backspace"])
def test_previous_keys_step_back_without_animating(key: str) -> None:
    playback = Playback(last=4, step=3)
    change = playback.press(key)
    assert change is not None and (change.after, change.animate) == (2, False)


def test_home_and_end() -> None:
    playback = Playback(last=8, step=3)
    assert playback.press("End").after == 8  # type: ignore[union-attr]
    assert playback.press("Home").after == 0  # type: ignore[union-attr]


def test_steps_stop_at_both_ends() -> None:
    playback = Playback(last=2)
    _press(playback, "Left", "Left")
    assert playback.step == 0
    _press(playback, "Right", "Right", "Right")
    change = playback.press("Right")
    assert playback.step == 2 and change is not None and not change.moved and not change.animate


def test_unbound_keys_are_not_the_presenters() -> None:
    assert Playback(last=3).press("F12") is None
    assert action_for("Q") is None


def test_key_table_is_data_with_one_action_per_key() -> None:
    keys = [binding.key for binding in KEY_BINDINGS]
    assert len(keys) == len(set(keys))
    assert {action_for("PageDown"), action_for("PageUp"), action_for("Period")} == {
        Action.NEXT,
        Action.PREVIOUS,
        Action.BLACK,
    }
    assert all(binding.title for binding in KEY_BINDINGS)


# --- number then Enter ---------------------------------------------------------------------------


def test_number_then_enter_jumps_without_animation() -> None:
    playback = Playback(last=12)
    _press(playback, "1", "1")
    assert playback.step == 0 and playback.typed == "11"
    change = playback.press("Return")
    assert change is not None and (change.after, change.animate) == (11, False)
    assert playback.typed == ""


def test_jump_to_the_next_step_animates_like_next() -> None:
    playback = Playback(last=8, step=2)
    playback.press("3")
    assert playback.press("Enter").animate  # type: ignore[union-attr]


def test_jump_beyond_the_end_lands_on_the_last_step() -> None:
    playback = Playback(last=9)
    _press(playback, "4", "2", "Return")
    assert playback.step == 9


def test_zero_then_enter_goes_to_the_start() -> None:
    playback = Playback(last=9, step=5)
    _press(playback, "0", "Return")
    assert playback.step == 0


def test_other_keys_forget_the_typed_number() -> None:
    playback = Playback(last=9)
    _press(playback, "5", "Right", "Return")
    assert playback.step == 2


def test_only_the_last_digits_count() -> None:
    playback = Playback(last=500)
    _press(playback, "9", "1", "2", "3", "Return")
    assert playback.step == 123


# --- black and white -----------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "colour"), [("B", "black"), ("Period", "black"), ("W", "white")])
def test_blank_keys_toggle(key: str, colour: str) -> None:
    playback = Playback(last=4, step=2)
    assert playback.press(key).blank == colour  # type: ignore[union-attr]
    assert playback.press(key).blank == "none"  # type: ignore[union-attr]
    assert playback.step == 2


def test_white_replaces_black_and_b_then_period_returns() -> None:
    playback = Playback(last=4)
    _press(playback, "B", "W")
    assert playback.blank == "white"
    _press(playback, "B", "Period")
    assert playback.blank == "none"


def test_first_navigation_key_after_a_blank_only_brings_the_slide_back() -> None:
    playback = Playback(last=4, step=2)
    playback.press("B")
    change = playback.press("Right")
    assert change is not None and (change.after, change.blank) == (2, "none")
    assert playback.press("Right").after == 3  # type: ignore[union-attr]


def test_escape_leaves_from_anywhere() -> None:
    playback = Playback(last=4)
    playback.press("B")
    change = playback.press("Escape")
    assert change is not None and change.leave


def test_last_step_must_be_sensible() -> None:
    with pytest.raises(ValueError, match="last step"):
        Playback(last=-1)


# --- the script ----------------------------------------------------------------------------------


def test_visible_elements_grow_step_by_step() -> None:
    script = _script()
    assert script.visible_ids(0) == {"background"}
    assert script.visible_ids(1) == {"background", "line", "area"}
    assert script.visible_ids(2) == {"background", "line", "area", "column:ec2", "label:ec2"}
    assert len(script.visible_ids(4)) == len(script.scene.elements)


def test_entrances_follow_the_enter_kind() -> None:
    script = _script()
    assert [(e.element_id, e.kind) for e in script.entrances(1)] == [
        ("line", "grow"),
        ("area", "fade"),
    ]
    kinds = {e.element_id: (e.kind, e.offset) for e in script.entrances(2)}
    assert kinds["column:ec2"] == ("fade", (0.0, 0.0))
    assert kinds["label:ec2"][0] == "slide" and kinds["label:ec2"][1][1] > 0
    # "grow" means drawing along a line; a box that grows simply fades in.
    assert [e.kind for e in script.entrances(3)] == ["fade"]
    assert script.entrances(0) == ()


def test_workload_cards_stagger_but_one_card_enters_together() -> None:
    by_id = {e.element_id: e for e in entrances(_scene(), 4)}
    assert "quiet" not in by_id
    assert by_id["card:a"].delay_ms == by_id["card:a:name"].delay_ms == 0
    assert by_id["card:w0"].delay_ms > 0


@pytest.mark.parametrize("step", range(1, 5))
def test_every_step_takes_between_300_and_600_ms(step: int) -> None:
    moves = entrances(_scene(), step)
    assert 300 <= max(e.end_ms for e in moves) <= MAX_STEP_MS
    assert all(300 <= e.duration_ms <= 600 for e in moves)


def test_frame_names_and_labels() -> None:
    script = _script()
    assert script.frame_name(1) == "step-01-s1.png"
    assert script.label(0) == "Start"
    assert script.label(3) == "Step 3 of 4"
    assert script.info(2).notes == "notes 2"
    assert script.info(0).title == "Start"


def test_script_checks_its_step_numbers() -> None:
    with pytest.raises(ValueError, match="numbered"):
        Script(_scene(), (StepInfo(2, "b", "B"),))
    with pytest.raises(ValueError, match="only 1 steps"):
        Script(_scene(), (StepInfo(1, "a", "A"),))


def test_fill_steps_names_the_steps_nobody_described() -> None:
    filled = fill_steps([StepInfo(2, "two", "Two")], last=3)
    assert [info.slug for info in filled] == ["step-1", "two", "step-3"]


def test_slug_and_elapsed() -> None:
    assert slug("EC2 & Lightsail (2006)") == "ec2-lightsail-2006"
    assert slug("!!!") == "step"
    assert format_elapsed(0) == "00:00"
    assert format_elapsed(725.9) == "12:05"
    assert format_elapsed(3723) == "1:02:03"
    assert format_elapsed(-4) == "00:00"


def test_a_growing_line_is_cut_by_length() -> None:
    points = ((0.0, 0.0), (100.0, 0.0), (100.0, 300.0))
    assert partial_points(points, 0.0) == ((0.0, 0.0), (0.0, 0.0))
    assert partial_points(points, 0.25) == ((0.0, 0.0), (100.0, 0.0))
    assert partial_points(points, 0.5) == ((0.0, 0.0), (100.0, 0.0), (100.0, 100.0))
    assert partial_points(points, 1.0) == points
    assert partial_points(((5.0, 5.0),), 0.5) == ((5.0, 5.0),)


def test_the_presenter_view_goes_on_the_second_screen() -> None:
    assert screen_roles(1) == (0, None)
    assert screen_roles(2) == (0, 1)
    assert screen_roles(3, primary=1) == (1, 0)


def test_next_on_the_last_step_shows_the_end_then_leaves() -> None:
    playback = Playback(3, step=3)
    change = playback.press("Right")
    assert change is not None and change.ended and change.after == 3 and not change.leave
    back = playback.press("Left")
    assert back is not None and not back.ended and back.after == 3  # the slide again
    assert playback.press("PageDown").ended  # type: ignore[union-attr]
    leave = playback.press("Space")
    assert leave is not None and leave.leave


def test_the_end_gives_way_to_a_jump_or_the_start() -> None:
    playback = Playback(5, step=5)
    playback.press("Right")
    first = playback.press("Home")
    assert first is not None and not first.ended and first.after == 0
    playback.go(5)
    playback.press("Right")
    playback.press("2")
    jump = playback.press("Return")
    assert jump is not None and not jump.ended and jump.after == 2


def test_p_swaps_the_windows_and_moves_nothing() -> None:
    playback = Playback(4, step=2)
    change = playback.press("P")
    assert change is not None and change.swap_windows and change.after == 2 and not change.moved
