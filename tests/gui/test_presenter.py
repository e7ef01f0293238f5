"""Presenting a hand-made scene with real key presses: steps, build-ups, blanks, jumps, Esc."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QAbstractAnimation, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from whiteboard.gui.presenter import Presentation
from whiteboard.gui.presenter_notes import PREVIEW_MIN_SIZE, NotesWindow
from whiteboard.slides.playback import Script, StepInfo
from whiteboard.slides.scene import Polyline, Rect, Scene, Text

LAST = 10
Key = Qt.Key


def _scene() -> Scene:
    elements = [
        Rect(id="background", role="background", step=0, enter="none", x=0, y=0, w=1920, h=1080),
        Text(
            id="title",
            role="title",
            step=0,
            enter="none",
            x=60,
            y=30,
            w=1200,
            h=80,
            text="Compute abstractions",
            size=48,
            bold=True,
        ),
        # Shown from the start and stacked above the line that grows under it in step 1.
        Text(
            id="stamp",
            role="label",
            step=0,
            enter="none",
            z=20,
            x=1300,
            y=300,
            w=300,
            h=60,
            text="Shared responsibility",
            size=28,
        ),
        Polyline(
            id="line",
            role="responsibility_line",
            step=1,
            enter="grow",
            z=10,
            points=((120, 1000), (1800, 140)),
        ),
    ]
    for n in range(2, LAST + 1):
        x = 120 + (n - 2) * 200
        elements.append(
            Rect(id=f"column:{n}", role="column", step=n, enter="fade", x=x, y=200, w=180, h=700)
        )
        elements.append(
            Text(
                id=f"label:{n}",
                role="column_header",
                step=n,
                enter="slide",
                x=x,
                y=210,
                w=180,
                h=40,
                text=f"Column {n}",
                size=24,
            )
        )
    elements.append(
        Rect(
            id="card:a",
            role="card",
            step=LAST,
            enter="slide",
            data={"workload": "a"},
            x=130,
            y=300,
            w=160,
            h=60,
        )
    )
    elements.append(
        Rect(
            id="card:b",
            role="card",
            step=LAST,
            enter="slide",
            data={"workload": "b"},
            x=130,
            y=380,
            w=160,
            h=60,
        )
    )
    return Scene(name="hand-made", width=1920, height=1080, elements=tuple(elements))


def _script(title: str = "Title", notes: str = "What to say at step") -> Script:
    steps = tuple(StepInfo(n, f"s{n}", f"{title} {n}", f"{notes} {n}.") for n in range(1, LAST + 1))
    return Script(_scene(), steps)


def _presenter_objects(presentation: Presentation) -> list[QObject]:
    roots: list[QObject] = [presentation, presentation.audience, presentation.notes]
    return [root for root in roots if shiboken6.isValid(root)]


def _running(presentation: Presentation) -> list[str]:
    running = []
    for root in _presenter_objects(presentation):
        running += [
            f"animation {a!r}"
            for a in root.findChildren(QAbstractAnimation)
            if a.state() == QAbstractAnimation.State.Running
        ]
        running += [f"timer {t!r}" for t in root.findChildren(QTimer) if t.isActive()]
    return running


@pytest.fixture(autouse=True)
def opened(test_failed: Callable[[], bool]) -> Iterator[list[Presentation]]:
    """Every presentation a test opens; the test fails if one still has a build-up animation
    or its clock running when the test ends. They are closed afterwards either way, so a test
    that failed half-way leaves nothing ticking into the next one."""
    presentations: list[Presentation] = []
    yield presentations
    leftovers = {id(p): _running(p) for p in presentations}
    for presentation in presentations:
        presentation.close()
    if not test_failed():
        assert all(not running for running in leftovers.values()), (
            f"presenter left animations or timers running: {leftovers}"
        )


@pytest.fixture
def present(qtbot: QtBot, opened: list[Presentation]) -> Callable[..., Presentation]:
    def start(full_screen: bool = False) -> Presentation:
        presentation = Presentation(_script())
        opened.append(presentation)
        with qtbot.waitExposed(presentation.audience):
            presentation.start(full_screen=full_screen)
        with qtbot.waitActive(presentation.audience):
            presentation.audience.activateWindow()
        return presentation

    return start


def _shown(presentation: Presentation) -> set[str]:
    return {i for i, item in presentation.player.items.items() if item.isVisible()}


def _assert_final_state(presentation: Presentation, step: int) -> None:
    assert presentation.player.step == step
    assert _shown(presentation) == presentation.script.visible_ids(step)
    # A settled step may keep still items in the view's backdrop (painted there, not by
    # themselves); the frame tests prove the picture is the same.
    frozen = presentation.audience.view.frozen
    for element_id in presentation.script.visible_ids(step):
        item = presentation.player.items[element_id]
        assert item.opacity() == 1.0 or item in frozen, element_id
        assert item.pos().isNull(), element_id
        assert item.element == presentation.script.scene.element(element_id)


def _key(qtbot: QtBot, widget: QWidget, key: Key) -> None:
    qtbot.keyClick(widget, key)


def _leave(qtbot: QtBot, presentation: Presentation) -> None:
    _key(qtbot, presentation.audience, Key.Key_Escape)
    assert presentation.closed


# --- stepping ------------------------------------------------------------------------------------


def test_steps_through_every_step_with_the_clicker_key(qtbot: QtBot, present) -> None:
    presentation = present()
    _assert_final_state(presentation, 0)
    for step in range(1, LAST + 1):
        with qtbot.waitSignal(presentation.player.settled, timeout=2000):
            _key(qtbot, presentation.audience, Key.Key_PageDown)
        _assert_final_state(presentation, step)
        assert not presentation.player.is_animating()
    _key(qtbot, presentation.audience, Key.Key_PageDown)
    _assert_final_state(presentation, LAST)
    _key(qtbot, presentation.audience, Key.Key_Escape)


@pytest.mark.parametrize(
    "key",
    [Key.Key_Right, Key.Key_Down, Key.Key_PageDown, Key.Key_Space, Key.Key_Return, Key.Key_Enter],
)
def test_every_next_key_starts_the_build_up(qtbot: QtBot, present, key: Key) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, key)
    assert presentation.player.step == 1 and presentation.player.is_animating()
    presentation.player.finish()
    _assert_final_state(presentation, 1)
    _leave(qtbot, presentation)


@pytest.mark.parametrize("key", [Key.Key_Left, Key.Key_Up, Key.Key_PageUp, Key.Key_Backspace])
def test_stepping_back_shows_the_previous_state_without_replaying(
    qtbot: QtBot, present, key: Key
) -> None:
    presentation = present()
    for _ in range(3):
        _key(qtbot, presentation.audience, Key.Key_Right)
    presentation.player.finish()
    _key(qtbot, presentation.audience, key)
    assert not presentation.player.is_animating()
    _assert_final_state(presentation, 2)
    _leave(qtbot, presentation)


def test_home_and_end(qtbot: QtBot, present) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_End)
    _assert_final_state(presentation, LAST)
    _key(qtbot, presentation.audience, Key.Key_Home)
    _assert_final_state(presentation, 0)
    _leave(qtbot, presentation)


# --- build-up animations -------------------------------------------------------------------------


def test_a_step_enters_by_animation_and_settles_on_its_own(qtbot: QtBot, present) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_Right)
    _key(qtbot, presentation.audience, Key.Key_Right)
    group = presentation.player.animation
    assert group is not None and 300 <= group.totalDuration() <= 600
    column = presentation.player.items["column:2"]
    label = presentation.player.items["label:2"]
    assert column.isVisible() and column.opacity() < 1.0
    assert label.pos().y() > 0
    with qtbot.waitSignal(presentation.player.settled, timeout=2000):
        pass
    _assert_final_state(presentation, 2)
    _leave(qtbot, presentation)


def test_the_line_grows_from_its_start_to_its_end(qtbot: QtBot, present) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_Right)
    group = presentation.player.animation
    assert group is not None
    group.pause()
    group.setCurrentTime(group.totalDuration() // 2)
    line = presentation.player.items["line"].element
    assert isinstance(line, Polyline)
    (x0, y0), (x1, y1) = line.points
    assert (x0, y0) == (120, 1000) and 120 < x1 < 1800 and 140 < y1 < 1000
    group.resume()
    presentation.player.finish()
    _assert_final_state(presentation, 1)
    _leave(qtbot, presentation)


def test_a_key_mid_animation_finishes_it_at_once(qtbot: QtBot, present) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_End)
    _key(qtbot, presentation.audience, Key.Key_Home)
    _key(qtbot, presentation.audience, Key.Key_Right)
    first = presentation.player.animation
    assert first is not None and first.state() == QAbstractAnimation.State.Running
    _key(qtbot, presentation.audience, Key.Key_Right)
    # The line is whole at once; step 2 is now the only build-up running.
    assert first is not presentation.player.animation
    assert presentation.player.items["line"].element == presentation.script.scene.element("line")
    assert presentation.player.step == 2 and presentation.player.is_animating()
    # Many quick clicks never queue: each one ends the build-up before it.
    for _ in range(5):
        _key(qtbot, presentation.audience, Key.Key_Space)
    running = [
        a
        for a in presentation.player.findChildren(QAbstractAnimation)
        if a.state() == QAbstractAnimation.State.Running and a.parent() is presentation.player
    ]
    assert len(running) == 1
    _key(qtbot, presentation.audience, Key.Key_Left)
    assert not presentation.player.is_animating()
    _assert_final_state(presentation, 6)
    _leave(qtbot, presentation)


# --- blank screens, jumps, leaving ---------------------------------------------------------------


def _centre_colour(presentation: Presentation) -> str:
    image = presentation.audience.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2).name()


@pytest.mark.parametrize(
    ("key", "colour"), [(Key.Key_B, "#000000"), (Key.Key_Period, "#000000"), (Key.Key_W, "#ffffff")]
)
def test_black_and_white_screens_toggle(qtbot: QtBot, present, key: Key, colour: str) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_End)
    slide = _centre_colour(presentation)
    _key(qtbot, presentation.audience, key)
    assert presentation.audience.blank.isVisible()
    assert _centre_colour(presentation) == colour
    _key(qtbot, presentation.audience, key)
    assert not presentation.audience.blank.isVisible()
    assert _centre_colour(presentation) == slide
    _assert_final_state(presentation, LAST)
    _leave(qtbot, presentation)


def test_a_key_after_black_only_brings_the_slide_back(qtbot: QtBot, present) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_B)
    _key(qtbot, presentation.audience, Key.Key_Right)
    assert not presentation.audience.blank.isVisible()
    _assert_final_state(presentation, 0)
    _leave(qtbot, presentation)


def test_number_then_enter_jumps(qtbot: QtBot, present) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_7)
    assert "Go to step 7" in presentation.notes.status.text()
    _key(qtbot, presentation.audience, Key.Key_Return)
    assert not presentation.player.is_animating()
    _assert_final_state(presentation, 7)
    qtbot.keyClicks(presentation.audience, "10")
    _key(qtbot, presentation.audience, Key.Key_Enter)
    _assert_final_state(presentation, 10)
    _key(qtbot, presentation.audience, Key.Key_3)
    _key(qtbot, presentation.audience, Key.Key_Enter)
    _assert_final_state(presentation, 3)
    assert presentation.notes.status.text() == ""
    _leave(qtbot, presentation)


def test_escape_closes_both_windows(qtbot: QtBot, present) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_Right)
    with qtbot.waitSignal(presentation.finished, timeout=1000):
        _key(qtbot, presentation.audience, Key.Key_Escape)
    assert presentation.closed
    assert not presentation.audience.isVisible() and not presentation.notes.isVisible()
    assert not presentation.player.is_animating()


def test_closing_the_audience_window_ends_the_presentation(qtbot: QtBot, present) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_Right)
    with qtbot.waitSignal(presentation.finished, timeout=1000):
        presentation.audience.close()
    assert not presentation.notes.timer.isActive()
    assert not presentation.player.is_animating()


def test_full_screen_on_the_primary_screen(qtbot: QtBot, present) -> None:
    presentation = present(full_screen=True)
    assert presentation.audience.isFullScreen()
    assert presentation.audience.screen() is QApplication.primaryScreen()
    _leave(qtbot, presentation)


# --- the presenter's own window ------------------------------------------------------------------


def test_presenter_view_shows_step_notes_next_and_clock(qtbot: QtBot, present) -> None:
    presentation = present()
    notes = presentation.notes
    assert notes.isVisible() and notes.timer.isActive() and notes.timer.interval() == 1000
    assert notes.elapsed.text() == "00:00"
    assert notes.position.text().startswith("Start")
    _key(qtbot, presentation.audience, Key.Key_Right)
    _key(qtbot, presentation.audience, Key.Key_Right)
    assert notes.position.text() == "Step 2 of 10 — Title 2"
    assert notes.notes.text() == "What to say at step 2."
    assert notes.next_title.text() == "Next: Title 3"
    assert not notes.current.pixmap().isNull() and not notes.next.pixmap().isNull()
    with qtbot.waitSignal(notes.timer.timeout, timeout=2500):
        pass
    assert notes.elapsed.text() == "00:01"
    _key(qtbot, presentation.audience, Key.Key_End)
    assert notes.next_title.text() == "Next: end of the presentation"
    _leave(qtbot, presentation)


def test_keys_in_the_presenter_view_drive_the_slide(qtbot: QtBot, present) -> None:
    presentation = present()
    with qtbot.waitActive(presentation.notes):
        presentation.notes.activateWindow()
    _key(qtbot, presentation.notes, Key.Key_PageDown)
    presentation.player.finish()
    _assert_final_state(presentation, 1)
    _key(qtbot, presentation.notes, Key.Key_B)
    assert presentation.audience.blank.isVisible()
    assert "black" in presentation.notes.status.text()
    _key(qtbot, presentation.notes, Key.Key_Escape)
    assert presentation.closed


def test_editor_shortcuts_are_not_presenter_keys(qtbot: QtBot, present) -> None:
    presentation = present()
    qtbot.keyClick(presentation.audience, Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not presentation.audience.blank.isVisible() and not presentation.closed
    _leave(qtbot, presentation)


def test_the_leftover_check_sees_a_running_build_up_and_the_clock(qtbot: QtBot, present) -> None:
    presentation = present()
    _key(qtbot, presentation.audience, Key.Key_Right)
    running = _running(presentation)
    assert any(entry.startswith("animation") for entry in running)
    assert any(entry.startswith("timer") for entry in running)
    _leave(qtbot, presentation)
    assert _running(presentation) == []


def test_still_items_are_painted_once_and_the_frame_looks_the_same(qtbot: QtBot, present) -> None:
    presentation = present()
    presentation.audience.resize(960, 540)
    _key(qtbot, presentation.audience, Key.Key_5)
    _key(qtbot, presentation.audience, Key.Key_Return)
    _key(qtbot, presentation.audience, Key.Key_Right)
    view = presentation.audience.view
    group = presentation.player.animation
    assert group is not None
    group.pause()
    group.setCurrentTime(group.totalDuration() // 2)
    hidden = {i for i, item in presentation.player.items.items() if item.opacity() == 0.0}
    # Columns 2..5 sit beside column 6 and are frozen; the title and background too.
    assert {"background", "title", "column:2", "column:3"} <= hidden
    # Column 6 enters, the line lies over it, and the stamp lies over the line: all live.
    assert not {"column:6", "line", "stamp"} & hidden
    with_backdrop = view.grab().toImage()
    view.thaw()
    assert view.grab().toImage() == with_backdrop
    group.resume()
    presentation.player.finish()
    _assert_final_state(presentation, 6)
    _leave(qtbot, presentation)


def test_an_item_above_a_growing_line_stays_live(qtbot: QtBot, present) -> None:
    presentation = present()
    presentation.audience.resize(960, 540)
    _key(qtbot, presentation.audience, Key.Key_Right)
    group = presentation.player.animation
    assert group is not None
    group.pause()
    group.setCurrentTime(group.totalDuration() // 3)
    items = presentation.player.items
    assert items["background"].opacity() == 0.0 and items["stamp"].opacity() == 1.0
    with_backdrop = presentation.audience.view.grab().toImage()
    presentation.audience.view.thaw()
    assert presentation.audience.view.grab().toImage() == with_backdrop
    group.resume()
    presentation.player.finish()
    _assert_final_state(presentation, 1)
    _leave(qtbot, presentation)


def test_past_the_last_step_the_audience_sees_the_end_and_next_leaves(
    qtbot: QtBot, present
) -> None:
    presentation = present()
    audience = presentation.audience
    _key(qtbot, audience, Key.Key_End)
    assert not audience.end.isVisible()
    _key(qtbot, audience, Key.Key_Right)
    assert audience.end.isVisible() and "End of the build-up" in audience.end.text()
    assert "end screen" in presentation.notes.status.text()
    _key(qtbot, audience, Key.Key_Left)
    assert not audience.end.isVisible() and presentation.player.step == presentation.script.last
    _key(qtbot, audience, Key.Key_Right)
    _key(qtbot, audience, Key.Key_Right)
    assert presentation.closed


def test_p_brings_the_presenter_view_forward_and_back(qtbot: QtBot, present) -> None:
    presentation = present()
    assert presentation.front is presentation.audience
    _key(qtbot, presentation.audience, Key.Key_P)
    assert presentation.front is presentation.notes
    _key(qtbot, presentation.notes, Key.Key_P)
    assert presentation.front is presentation.audience
    # With one screen the presenter view fits it.
    if presentation.one_screen:
        room = presentation.audience.screen().availableGeometry()
        assert presentation.notes.width() <= room.width()
        assert presentation.notes.height() <= room.height()
    _leave(qtbot, presentation)


# --- fitting the screen --------------------------------------------------------------------------

#: Free areas of small single screens: 1280x720, and 1280x800 under a 32 px top panel.
SMALL_ROOMS = [QRect(0, 0, 1280, 720), QRect(0, 32, 1280, 768)]
LONG_TITLE = "Your workloads on Amazon ECS and Amazon EKS, on EC2 instances you patch yourself"
LONG_NOTES = " ".join(["Say this about the step, slowly, then pause for questions."] * 60)


def _grow_fonts(window: QWidget, factor: float) -> None:
    """Every label's text `factor` times larger: what a font with a tall line spacing (the
    system's Noto Sans is 15 % taller than DejaVu Sans) does to the layout, and more."""
    for label in window.findChildren(QLabel):
        font = label.font()
        font.setPixelSize(round(font.pixelSize() * factor))
        label.setFont(font)


def _cut_off(notes: NotesWindow) -> list[str]:
    """The parts of the presenter view that do not lie whole inside its window."""
    parts = {
        "position": notes.position,
        "clock": notes.elapsed,
        "now": notes.current,
        "next title": notes.next_title,
        "next": notes.next,
        "notes": notes.findChild(QScrollArea),
        "status": notes.status,
    }
    inside = notes.rect()
    return [
        name
        for name, widget in parts.items()
        if not inside.contains(QRect(widget.mapTo(notes, widget.rect().topLeft()), widget.size()))
    ]


@pytest.mark.parametrize("room", SMALL_ROOMS, ids=["1280x720", "1280x800-panel"])
def test_the_presenter_view_fits_a_small_screen_whatever_the_font(
    qtbot: QtBot, opened: list[Presentation], monkeypatch: pytest.MonkeyPatch, room: QRect
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(room))
    presentation = Presentation(_script(LONG_TITLE, LONG_NOTES))
    opened.append(presentation)
    notes = presentation.notes
    _grow_fonts(notes, 2.0)
    with qtbot.waitExposed(presentation.audience):
        presentation.start(full_screen=False)
    _key(qtbot, presentation.audience, Key.Key_End)
    _key(qtbot, presentation.audience, Key.Key_7)  # a status line as well
    QApplication.processEvents()  # the layout settles on posted events
    assert presentation.one_screen
    assert room.contains(notes.frameGeometry()), (notes.frameGeometry(), room)
    assert room.contains(presentation.audience.frameGeometry())
    assert _cut_off(notes) == []
    # The previews shrink but still show the slides; the long notes scroll instead of growing.
    picture = notes.next.picture_rect()
    assert picture.width() >= PREVIEW_MIN_SIZE[0] and picture.height() >= PREVIEW_MIN_SIZE[1]
    assert notes.findChild(QScrollArea).verticalScrollBar().maximum() > 0
    assert notes.position.text() == f"Step 10 of 10 — {LONG_TITLE} 10"
    _leave(qtbot, presentation)


def test_with_room_the_previews_keep_their_full_size(
    qtbot: QtBot, present, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, 1920, 1080))
    presentation = present()
    notes = presentation.notes
    QApplication.processEvents()
    assert notes.width() >= 1280 and notes.height() >= 800
    assert notes.current.picture_rect().size().toTuple() == (560, 315)
    assert notes.next.picture_rect().size().toTuple() == (560, 315)
    _leave(qtbot, presentation)
