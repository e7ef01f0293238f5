"""The compute abstractions slide as a backend-neutral scene.

One column per target of the board's edition, left to right by abstraction rank (five in the
2018 edition, seven in the 2026 one); icons and captions come from the catalog. Each column is
the stack of layers from the catalog, hardware at the top, your code at the bottom, coloured by
who runs it. The responsibility line is computed from the catalog's provider layers: it crosses
each column right below the layers the provider runs without a break. Every element is tagged
with the story step that reveals it (from the edition's story file); the board's workload
cards enter after the story, one column per step.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import NamedTuple

from whiteboard.catalog import Catalog, Layer, Target, default_catalog
from whiteboard.model import NEWEST_EDITION, Board, EditionId, TargetId
from whiteboard.scoring.results import BoardScore
from whiteboard.slides import geometry as g
from whiteboard.slides.cards import (
    card_elements,
    card_labels,
    placed_numbers,
    placed_score,
    resolve_scores,
)
from whiteboard.slides.group_cards import group_card_elements, group_stats, pager_elements
from whiteboard.slides.scene import Icon, Polyline, Rect, Scene, Shape, Text
from whiteboard.slides.story import (
    Story,
    placed_by_target,
    story_of,
    workload_step_numbers,
)
from whiteboard.slides.textfit import largest_size, text_width
from whiteboard.slides.theme import MIN_TEXT
from whiteboard.slides.trays import (
    DEFAULT_VIEW,
    CardTile,
    GroupTile,
    Tray,
    TrayView,
    board_group_of,
    tray,
)

TITLE = "Compute on AWS: who runs what"
LEVEL_NAMES = {
    "physical": "Physical servers",
    "instance": "Virtual machines",
    "container": "Containers",
    "function": "Functions",
}
BODY = 20.0
#: Body text shrinks down to this in narrow columns before it wraps or is cut: the theme's
#: smallest text, readable (11 px) in workshop mode on a 1280x720 projector.
SMALL_BODY = MIN_TEXT
SERVICE_MIN = MIN_TEXT
HEADER_NAME, HEADER_NAME_MIN = 32.0, 20.0
HEADER_LEVEL, HEADER_LEVEL_MIN = 22.0, MIN_TEXT
#: Columns at least this wide (five of them on the slide) keep the big header icon.
HEADER_WIDE_COLUMN = 300.0


class _Builder:
    """Collects shapes, tagging each with the story step its id belongs to."""

    def __init__(self, frame: g.Frame, story: Story) -> None:
        self.frame = frame
        self.story = story
        self.shapes: list[Shape] = []

    def rect(self, id: str, role: str, box: g.Box, radius: float = 0.0, **extra: object) -> None:
        x, y, w, h = self.frame.box(*box)
        self._add(Rect, id, role, x=x, y=y, w=w, h=h, radius=self.frame.size(radius), **extra)

    def text(self, id: str, role: str, box: g.Box, text: str, size: float, **extra: object) -> None:
        x, y, w, h = self.frame.box(*box)
        self._add(
            Text, id, role, x=x, y=y, w=w, h=h, text=text, size=self.frame.size(size), **extra
        )

    def icon(self, id: str, name: str, box: g.Box) -> None:
        x, y, w, h = self.frame.box(*box)
        self._add(Icon, id, "icon", name=name, x=x, y=y, w=w, h=h, z=4.0)

    def polyline(
        self, id: str, role: str, points: Iterable[tuple[float, float]], **extra: object
    ) -> None:
        scaled = tuple(self.frame.point(x, y) for x, y in points)
        self._add(Polyline, id, role, points=scaled, **extra)

    def _add(self, kind: type, id: str, role: str, **fields: object) -> None:
        step = self.story.step_of(id)
        enter = self.story.step(step).enter if step else "none"
        fields.setdefault("enter", enter)
        self.shapes.append(kind(id=id, role=role, step=step, **fields))


def compute_slide(
    board: Board | None = None,
    scores: BoardScore | None = None,
    catalog: Catalog | None = None,
    *,
    width: float = 1920,
    height: float = 1080,
    selected: str | None = None,
    story: Story | None = None,
    edition: EditionId | None = None,
    view: TrayView = DEFAULT_VIEW,
    matches: Collection[str] | None = None,
) -> Scene:
    """The compute slide for a board (or the bare story of `edition`, the newest by default).

    `view` and `matches` are the window's: which group each column has open and on which page
    (`slides.trays`), and the workloads its search found (highlighted), None without one."""
    catalog = catalog or default_catalog()
    edition = board.edition if board is not None else (edition or NEWEST_EDITION)
    story = story or story_of(edition, catalog)
    scores = resolve_scores(board, scores)
    out = _Builder(g.Frame(width, height), story)
    columns = catalog.edition(edition).targets
    _backdrop(out, board)
    _spaces(out, catalog, columns)
    targets = catalog.edition_targets(edition)
    header = _header(targets, g.column_width(columns))
    for target in targets:
        _column(out, target, catalog, columns, header)
    meta: dict[str, object] = {"story_steps": len(story.steps)}
    if board is not None:
        found = None if matches is None else frozenset(matches)
        meta.update(_cards(out, board, scores, selected, view, found))
    steps = max((shape.step for shape in out.shapes), default=0)
    return Scene("compute", width, height, tuple(out.shapes), steps=steps, meta=meta)


def _backdrop(out: _Builder, board: Board | None) -> None:
    out.rect("background", "background", (0, 0, g.BASE_W, g.BASE_H), z=-10.0)
    top, bottom = g.TITLE_BAND
    out.text(
        "title", "title", (g.MARGIN, top, 1100, bottom - top), TITLE, 40, bold=True, valign="middle"
    )
    if board is not None:
        out.text(
            "subtitle",
            "subtitle",
            (1160, top, g.BASE_W - g.MARGIN - 1160, bottom - top),
            board.name,
            24,
            align="right",
            valign="middle",
        )


def _spaces(out: _Builder, catalog: Catalog, columns: g.Columns) -> None:
    line = g.line_points(catalog, columns)
    left, right = g.MARGIN, g.BASE_W - g.MARGIN
    provider_top, consumer_bottom = g.PROVIDER_STRIP[0], g.CONSUMER_STRIP[1]
    provider = [(left, provider_top), (right, provider_top), *reversed(line)]
    consumer = [*line, (right, consumer_bottom), (left, consumer_bottom)]
    out.polyline("space:provider", "provider_space", provider, closed=True, z=-5.0)
    out.polyline("space:consumer", "consumer_space", consumer, closed=True, z=-5.0)
    out.polyline("line", "responsibility_line", line, z=10.0)
    top, bottom = g.PROVIDER_STRIP
    label = "Provider space: AWS runs it"
    label_w = text_width(label, 22, bold=True) + 4
    out.icon(
        "space-icon:provider", "cloud", (right - 12 - label_w - 40, top + 3, 32, bottom - top - 6)
    )
    out.text(
        "space-label:provider",
        "space_label",
        (right - 12 - label_w, top, label_w, bottom - top),
        label,
        22,
        bold=True,
        align="right",
        valign="middle",
    )
    top, bottom = g.CONSUMER_STRIP
    out.text(
        "space-label:consumer",
        "space_label",
        (left + 12, top, 600, bottom - top),
        "Consumer space: you run it",
        22,
        bold=True,
        valign="middle",
    )
    top, bottom = g.PROVIDER_STRIP
    out.text(
        "levels-label",
        "muted_label",
        (left + 12, top, 560, bottom - top),
        "Higher abstraction, less heavy lifting for you",
        BODY,
        valign="middle",
    )
    middle = (top + bottom) / 2
    out.polyline("levels-arrow", "arrow", [(left + 580, middle), (1300, middle)], arrow=True)
    top, bottom = g.SPECTRUM_BAND
    middle = (top + bottom) / 2
    out.text(
        "spectrum-label:left",
        "label",
        (left + 12, top, 320, bottom - top),
        "Lift and shift",
        22,
        bold=True,
        valign="middle",
    )
    out.text(
        "spectrum-label:right",
        "label",
        (right - 332, top, 320, bottom - top),
        "Cloud native",
        22,
        bold=True,
        align="right",
        valign="middle",
    )
    out.polyline(
        "spectrum-arrow", "arrow", [(left + 240, middle), (right - 210, middle)], arrow=True
    )


class _Header(NamedTuple):
    """One header layout for every column of a slide, so narrow columns shrink alike.

    Wide columns (five on the slide) put a big icon beside the name and the level line; narrow
    ones (seven) put a small icon beside the name and give the level line the whole width.
    """

    icon: float
    name: float
    level: float
    wide: bool


def _level_text(target: Target) -> str:
    return f"{LEVEL_NAMES[target.abstraction_level]} · {target.year}"


def _header(targets: Iterable[Target], column_w: float) -> _Header:
    """The largest type at which every column name and level line of the slide fits."""
    targets = tuple(targets)
    wide = column_w >= HEADER_WIDE_COLUMN
    icon = 46.0 if wide else 30.0
    name_w, level_w = _header_widths(column_w, icon, wide)
    name = min(
        largest_size(t.short_name, HEADER_NAME, name_w, 40, minimum=HEADER_NAME_MIN, bold=True)
        for t in targets
    )
    level = min(
        largest_size(_level_text(t), HEADER_LEVEL, level_w, 28, minimum=HEADER_LEVEL_MIN)
        for t in targets
    )
    return _Header(icon, name, level, wide)


def _header_widths(column_w: float, icon: float, wide: bool) -> tuple[float, float]:
    name_w = column_w - icon - 30
    return name_w, (name_w if wide else column_w - 20)


def _column(
    out: _Builder, target: Target, catalog: Catalog, columns: g.Columns, header: _Header
) -> None:
    x, w = g.base_column(target.id, columns)
    top, bottom = g.HEADER_BAND[0], g.SERVICE_BAND[1]
    out.rect(f"column:{target.id}", "column_frame", (x, top, w, bottom - top), radius=10)
    icon = header.icon
    icon_y = top + 8 if header.wide else top + 11
    out.icon(f"icon:{target.id}", target.slide.header_icon, (x + 10, icon_y, icon, icon))
    name_w, level_w = _header_widths(w, icon, header.wide)
    name_x = x + icon + 20
    out.text(
        f"header:{target.id}",
        "column_header",
        (name_x, top + 6, name_w, 40),
        target.short_name,
        header.name,
        bold=True,
        valign="middle",
    )
    out.text(
        f"header-level:{target.id}",
        "header_level",
        (name_x if header.wide else x + 10, top + 46, level_w, 28),
        _level_text(target),
        header.level,
        valign="middle",
    )
    _services(out, target, x, w)
    _layers(out, target, catalog, x, w)
    top, bottom = g.NOTE_BAND
    note = target.slide.column_note
    out.text(
        f"note:{target.id}",
        "note",
        (x + 8, top, w - 16, bottom - top),
        note,
        largest_size(note, BODY, w - 16, bottom - top, minimum=SMALL_BODY),
        align="center",
        valign="middle",
    )
    top, bottom = g.CARD_BAND
    out.rect(
        f"drop:{target.id}",
        "column",
        (x, top, w, bottom - top),
        radius=10,
        data={"target": target.id},
    )


def _services(out: _Builder, target: Target, x: float, w: float) -> None:
    top, bottom = g.SERVICE_BAND
    count = len(target.services)
    gap = 5.0
    box_h = min(44.0, (bottom - top - gap * (count - 1)) / count)
    # Narrow columns give the service name the room: a smaller icon and year.
    narrow = w < HEADER_WIDE_COLUMN
    year_size = SMALL_BODY if narrow else BODY
    year_w = text_width("2026", year_size) + 4
    for index, service in enumerate(target.services):
        y = top + index * (box_h + gap)
        sid = f"{target.id}:{index}"
        inner_x, inner_w = x + 8, w - 16
        out.rect(
            f"service:{sid}",
            "service",
            (inner_x, y, inner_w, box_h),
            radius=6,
            z=3.0,
            data={"target": target.id, "role": service.role},
        )
        icon = min(box_h - 10, 26.0 if narrow else 34.0)
        icon_y = y + (box_h - icon) / 2
        out.icon(
            f"service-icon:{sid}", target.slide.service_icon, (inner_x + 6, icon_y, icon, icon)
        )
        name_x = inner_x + 12 + icon
        name_w = inner_w - icon - 16 - year_w
        out.text(
            f"service-text:{sid}",
            "service_text",
            (name_x, y, name_w, box_h),
            service.name,
            largest_size(service.name, BODY, name_w, box_h, minimum=SERVICE_MIN, bold=True),
            bold=True,
            valign="middle",
            z=4.0,
        )
        out.text(
            f"service-year:{sid}",
            "year",
            (inner_x + inner_w - year_w - 4, y, year_w, box_h),
            str(service.year),
            year_size,
            align="right",
            valign="middle",
            z=4.0,
        )


def _layers(out: _Builder, target: Target, catalog: Catalog, x: float, w: float) -> None:
    row_h = g.row_height(catalog)
    depth = g.split_depth(target, catalog)
    inset = g.label_inset(w)
    for index, layer in enumerate(catalog.layers):
        y = g.STACK_BAND[0] + index * row_h
        role, label = _layer_role(target, layer, index, depth)
        lid = f"{target.id}:{layer.id}"
        out.rect(
            f"layer:{lid}",
            role,
            (x, y + 1, w, row_h - 2),
            z=1.0,
            data={
                "target": target.id,
                "layer": layer.id,
                "owner": "consumer" if role == "layer_consumer" else "provider",
            },
        )
        out.text(
            f"layer-text:{lid}",
            "layer_text",
            (x + inset, y + 2, w - 2 * inset, row_h - 4),
            label,
            largest_size(label, BODY, w - 2 * inset, row_h - 4, minimum=SMALL_BODY),
            align="center",
            valign="middle",
            z=2.0,
        )


#: The layer that is the hosts themselves: on managed hosts AWS runs it, in the customer's account.
HOST_LAYER = "container_data_plane"
IN_ACCOUNT_LABEL = "Container hosts, in your account"


def _layer_role(target: Target, layer: Layer, index: int, depth: int) -> tuple[str, str]:
    """Style and label of one cell: provider, consumer, a provider island below the line, or
    provider-run hosts that live in the customer's account (managed hosts, Lambda MI)."""
    traits = target.traits
    if (
        layer.id == HOST_LAYER
        and target.provider_runs(layer.id)
        and traits.host_managed_by == "provider"
        and traits.hosts_in_customer_account
    ):
        return "layer_in_account", IN_ACCOUNT_LABEL
    if index < depth:
        return "layer_provider", layer.name
    if target.provider_runs(layer.id):
        return "layer_island", f"{layer.name}, run by AWS"
    return "layer_consumer", layer.name


def _cards(
    out: _Builder,
    board: Board,
    scores: BoardScore | None,
    selected: str | None,
    view: TrayView,
    matches: frozenset[str] | None,
) -> dict[str, object]:
    """Each column's tray (`slides.trays`): cards while they fit, else group cards."""
    frame = out.frame
    placed = placed_by_target(board)
    step_of = workload_step_numbers(placed, len(out.story.steps) + 1)
    group_of = board_group_of(board)
    trays: dict[TargetId, Tray] = {}
    for target, ids in placed.items():
        if not ids:
            continue
        shown = trays[target] = tray(target, board.targets, ids, group_of, view)
        out.shapes.extend(
            _tray_shapes(shown, board, scores, selected, matches, step_of[target], frame)
        )
    unplaced = len(board.workloads) - sum(len(ids) for ids in placed.values())
    return {"card_steps": step_of, "trays": trays, "unplaced": unplaced}


def _tray_shapes(
    shown: Tray,
    board: Board,
    scores: BoardScore | None,
    selected: str | None,
    matches: frozenset[str] | None,
    step: int,
    frame: g.Frame,
) -> list[Shape]:
    target = shown.target
    shapes: list[Shape] = []
    cards = [tile for tile in shown.tiles if isinstance(tile, CardTile)]
    card_scores = {t.workload_id: placed_score(scores, t.workload_id, target) for t in cards}
    fits = []
    for tile in cards:
        score = card_scores[tile.workload_id]
        name = board.workload(tile.workload_id).name
        fits.append(
            (name, frame.box(*tile.box), tile.compact, score is not None and not score.feasible)
        )
    labels = dict(zip(card_scores, card_labels(fits), strict=True))
    for tile in shown.tiles:
        if isinstance(tile, CardTile):
            wid = tile.workload_id
            shapes.extend(
                card_elements(
                    wid,
                    board.workload(wid).name,
                    target,
                    frame.box(*tile.box),
                    card_scores[wid],
                    compact=tile.compact,
                    selected=wid == selected,
                    matched=matches is not None and wid in matches,
                    step=step,
                    label=labels[wid],
                )
            )
        elif isinstance(tile, GroupTile):
            numbers = lambda wid, on: placed_numbers(scores, wid, on)  # noqa: E731
            stats = group_stats(tile.ids, target, numbers, matches)
            holds = selected is not None and selected in tile.ids
            shapes.extend(
                group_card_elements(target, tile, stats, frame, step=step, holds_selected=holds)
            )
        else:
            shapes.extend(pager_elements(target, tile, frame, step=step))
    return shapes
