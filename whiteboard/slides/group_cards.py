"""The shapes of a group card and of a tray's pager (see `slides.trays`).

A group card reads like a workload card grown a second line: the group's name, then how many
of its workloads the column holds and, in the impossible style, how many of them cannot run
there; the band on the right gives the range of their scores. Element ids number the group
within its column (`group:ec2:3`), never quote its name: names are the customer's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from whiteboard.model import TargetId
from whiteboard.slides.geometry import Box, Frame
from whiteboard.slides.scene import Rect, Shape, Text
from whiteboard.slides.textfit import ellipsize, largest_size, text_width
from whiteboard.slides.theme import score_role
from whiteboard.slides.trays import GroupTile, PagerTile

#: Painting order: the same as workload cards.
GROUP_Z = 20.0
OPEN_MARK, CLOSED_MARK = "▾", "▸"
#: (overall, can run there) of a workload on a target, None when it is not scored.
Numbers = Callable[[str, TargetId], "tuple[float, bool] | None"]


@dataclass(frozen=True, slots=True)
class GroupStats:
    """A group's workloads on one target: how many, their scores' range and mean (of those
    that can run there), how many cannot run there, how many a search matched."""

    count: int
    low: float | None
    high: float | None
    mean: float | None
    cannot_run: int
    matched: int = 0

    @property
    def scored(self) -> bool:
        return self.low is not None or self.cannot_run > 0


def group_stats(
    ids: Iterable[str], target: TargetId, numbers: Numbers, matches: frozenset[str] | None
) -> GroupStats:
    count = cannot = 0
    fits: list[float] = []
    matched = 0
    for workload_id in ids:
        count += 1
        if matches is not None and workload_id in matches:
            matched += 1
        found = numbers(workload_id, target)
        if found is None:
            continue
        overall, feasible = found
        if feasible:
            fits.append(overall)
        else:
            cannot += 1
    if not fits:
        return GroupStats(count, None, None, None, cannot, matched)
    return GroupStats(count, min(fits), max(fits), sum(fits) / len(fits), cannot, matched)


def score_range(stats: GroupStats) -> str:
    """'41–78', '64' when all score alike, '✕' when none can run there, '–' unscored."""
    if stats.low is None or stats.high is None:
        return "✕" if stats.cannot_run else "–"
    low, high = round(stats.low), round(stats.high)
    return f"{low}" if low == high else f"{low}–{high}"


def status_parts(stats: GroupStats) -> list[tuple[str, str]]:
    """The second line as (role, words) parts: what the search found, what cannot run (in
    the impossible style), or that all can."""
    parts = []
    if stats.matched:
        parts.append(("group_found", f"{stats.matched:,} found"))
    if stats.cannot_run:
        parts.append(("group_cannot_run", f"{stats.cannot_run:,} cannot run"))
    elif stats.scored and not stats.matched:
        parts.append(("group_count", "all can run here"))
    return parts


def group_card_elements(
    target: TargetId,
    tile: GroupTile,
    stats: GroupStats,
    frame: Frame,
    *,
    step: int,
    holds_selected: bool = False,
) -> list[Shape]:
    x, y, w, h = frame.box(*tile.box)
    uid = f"{target}:{tile.index}"
    data = {"group": tile.group, "target": target, "group_index": str(tile.index)}
    common = {"step": step, "enter": "slide", "data": data}
    shapes: list[Shape] = [
        Rect(
            id=f"group:{uid}",
            role=_frame_role(tile, stats, holds_selected),
            z=GROUP_Z,
            x=x,
            y=y,
            w=w,
            h=h,
            radius=h * 0.16,
            **common,
        )
    ]
    pad = h * 0.14
    band_w = max(h * 1.45, text_width(score_range(stats), h * 0.34, bold=True) + pad * 2)
    band = (x + w - band_w - pad * 0.6, y + pad * 0.8, band_w, h - pad * 1.6)
    text_x = x + pad
    text_w = band[0] - pad * 0.6 - text_x
    name_size, line_size = h * 0.38, h * 0.31
    count = f" ({stats.count:,})"
    room = max(0.0, text_w - text_width(count, name_size, bold=True))
    name = f"{OPEN_MARK if tile.open else CLOSED_MARK} {tile.label}"
    shapes.append(
        Text(
            id=f"group-name:{uid}",
            role="card_text",
            z=GROUP_Z + 1,
            x=text_x,
            y=y + pad * 0.4,
            w=text_w,
            h=h * 0.5,
            text=ellipsize(name, name_size, room, bold=True) + count,
            size=name_size,
            bold=True,
            valign="middle",
            **common,
        )
    )
    line = (text_x, y + h * 0.5, text_w, h * 0.44)
    shapes.extend(_status(uid, stats, line, line_size, common))
    shapes.extend(_band(uid, stats, band, h * 0.34, common))
    return shapes


def _frame_role(tile: GroupTile, stats: GroupStats, holds_selected: bool) -> str:
    if holds_selected and not tile.open:
        return "card_selected"
    if stats.matched:
        return "group_match"
    if stats.cannot_run:
        return "card_infeasible"
    return "group_open" if tile.open else "group_card"


def _status(
    uid: str, stats: GroupStats, box: Box, size: float, common: dict[str, object]
) -> list[Shape]:
    x, y, w, h = box
    shapes: list[Shape] = []
    used = 0.0
    for index, (role, words) in enumerate(status_parts(stats)):
        text = ("· " if index else "") + words
        room = w - used
        if room <= size:
            break
        text = ellipsize(text, size, room, bold=True)
        shapes.append(
            Text(
                id=f"group-status-{index}:{uid}",
                role=role,
                z=GROUP_Z + 1,
                x=x + used,
                y=y,
                w=room,
                h=h,
                text=text,
                size=size,
                bold=role != "group_count",
                valign="middle",
                **common,  # type: ignore[arg-type]
            )
        )
        used += text_width(text + " ", size, bold=True)
    return shapes


def _band(
    uid: str, stats: GroupStats, band: Box, size: float, common: dict[str, object]
) -> list[Shape]:
    bx, by, bw, bh = band
    if stats.mean is not None:
        role = score_role(stats.mean)
    else:
        role = "score_poor" if stats.cannot_run else "score_none"
    label = score_range(stats)
    return [
        Rect(
            id=f"group-band:{uid}",
            role=role,
            z=GROUP_Z + 1,
            x=bx,
            y=by,
            w=bw,
            h=bh,
            radius=bh * 0.2,
            **common,  # type: ignore[arg-type]
        ),
        Text(
            id=f"group-score:{uid}",
            role="score_text",
            z=GROUP_Z + 2,
            x=bx,
            y=by,
            w=bw,
            h=bh,
            text=label,
            size=size,
            bold=True,
            align="center",
            valign="middle",
            **common,  # type: ignore[arg-type]
        ),
    ]


def pager_words(tile: PagerTile) -> str:
    """'2 / 5 · 31 more groups': where the column is, and what the other pages hold."""
    noun = tile.holds if tile.elsewhere != 1 else tile.holds.rstrip("s")
    return f"{tile.page + 1} / {tile.pages} · {tile.elsewhere:,} more {noun}"


def pager_elements(target: TargetId, tile: PagerTile, frame: Frame, *, step: int) -> list[Shape]:
    """A row with the page and what the other pages hold, between a previous and a next
    button (data "page": the page each turns to, wrapping around)."""
    x, y, w, h = frame.box(*tile.box)
    common = {"step": step, "enter": "fade", "z": GROUP_Z}
    button_w = h * 1.3
    size = h * 0.55
    words_w = w - 2 * button_w - 8
    fitted = largest_size(pager_words(tile), size, words_w, h, minimum=size * 0.75)
    shapes: list[Shape] = [
        Rect(
            id=f"pager:{target}",
            role="pager",
            x=x,
            y=y,
            w=w,
            h=h,
            radius=h * 0.3,
            data={"target": target},
            **common,  # type: ignore[arg-type]
        ),
        Text(
            id=f"pager-text:{target}",
            role="pager_text",
            x=x + button_w + 4,
            y=y,
            w=words_w,
            h=h,
            text=ellipsize(pager_words(tile), fitted, words_w),
            size=fitted,
            align="center",
            valign="middle",
            data={"target": target},
            **common,  # type: ignore[arg-type]
        ),
    ]
    turns = (("prev", "‹", x, tile.page - 1), ("next", "›", x + w - button_w, tile.page + 1))
    for name, glyph, bx, page in turns:
        data = {"target": target, "pager": name, "page": str(page % tile.pages)}
        shapes.append(
            Rect(
                id=f"pager-{name}:{target}",
                role="pager_button",
                x=bx,
                y=y,
                w=button_w,
                h=h,
                radius=h * 0.3,
                data=data,
                **{**common, "z": GROUP_Z + 1},  # type: ignore[arg-type]
            )
        )
        shapes.append(
            Text(
                id=f"pager-{name}-text:{target}",
                role="pager_text",
                x=bx,
                y=y,
                w=button_w,
                h=h,
                text=glyph,
                size=h * 0.8,
                bold=True,
                align="center",
                valign="middle",
                data=data,
                **{**common, "z": GROUP_Z + 2},  # type: ignore[arg-type]
            )
        )
    return shapes
