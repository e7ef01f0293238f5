"""What one column's card tray shows, from a handful of workloads to thousands.

A tray is 218 units tall: four full cards (names on two lines), or eight compact ones, one a
row across the whole tray so each name reads on one line at the slide's smallest size (two a
row left about eight characters of a name at 1280x720). Past that a column shows its
workloads by group (`Workload.group`, the application, wave or folder an inventory
gave them): one group card each, with its count, score range and how many cannot run there.
A group opens in place (its workloads as compact cards); a column of more groups, or an open
group of more workloads, than the tray holds turns pages with a pager row. Nothing is ever
out of reach: every workload is on some page of some group, and `reveal` says which.

Which group is open and which page shows is the window's view (`TrayView`), not the board's:
exports and the presenter draw the default view (every group closed, first page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from whiteboard.model import Board, TargetId
from whiteboard.model.text import natural_key
from whiteboard.slides.geometry import (
    CARD_BAND,
    CARD_GAP,
    CARD_H,
    CARD_PAD,
    Box,
    Columns,
    base_column,
)

#: The group of workloads that have none; its card says "Ungrouped".
UNGROUPED = ""
UNGROUPED_LABEL = "Ungrouped"
#: A group card: a name line and a line of counts; group cards sit closer than workload
#: cards, so four and a pager fit a tray.
GROUP_H = 40.0
GROUP_GAP = 4.0
PAGER_H = 24.0
#: A compact card: one row across the tray, just taller than a line of `theme.MIN_TEXT` (21.6
#: units), so eight rows fill a tray and an open group shows five and a pager.
COMPACT_ROW_H = 23.0
COMPACT_GAP = 2.5

Mode = Literal["cards", "compact", "groups", "open"]


@dataclass(frozen=True, slots=True)
class TrayView:
    """The window's view of the trays: the group open in each column and the page each
    column shows (0 is the first). Unknown groups and pages past the end fall back to the
    default, so a view survives any edit of the board."""

    open_groups: Mapping[TargetId, str] = field(default_factory=dict)
    pages: Mapping[TargetId, int] = field(default_factory=dict)

    def opened(self, target: TargetId, group: str | None) -> TrayView:
        """This view with `group` open in the column (None closes it), on its first page."""
        open_groups = {k: v for k, v in self.open_groups.items() if k != target}
        if group is not None:
            open_groups[target] = group
        pages = {k: v for k, v in self.pages.items() if k != target}
        return TrayView(open_groups, pages)

    def paged(self, target: TargetId, page: int) -> TrayView:
        return TrayView(dict(self.open_groups), {**self.pages, target: max(0, page)})


DEFAULT_VIEW = TrayView()


@dataclass(frozen=True, slots=True)
class CardTile:
    workload_id: str
    box: Box
    compact: bool


@dataclass(frozen=True, slots=True)
class GroupTile:
    """One group of the column: `index` numbers it within the column (element ids use it,
    never the group's own text), `ids` are its workloads there, in board order."""

    group: str
    index: int
    ids: tuple[str, ...]
    box: Box
    open: bool

    @property
    def label(self) -> str:
        return self.group or UNGROUPED_LABEL


@dataclass(frozen=True, slots=True)
class PagerTile:
    page: int
    pages: int
    box: Box
    #: What the pages hold, for its words: "groups" or "workloads".
    holds: str
    #: How many items sit on the other pages.
    elsewhere: int


Tile = CardTile | GroupTile | PagerTile


@dataclass(frozen=True, slots=True)
class Tray:
    target: TargetId
    mode: Mode
    tiles: tuple[Tile, ...]
    page: int = 0
    pages: int = 1

    @property
    def cards(self) -> tuple[CardTile, ...]:
        return tuple(t for t in self.tiles if isinstance(t, CardTile))

    @property
    def groups(self) -> tuple[GroupTile, ...]:
        return tuple(t for t in self.tiles if isinstance(t, GroupTile))

    @property
    def pager(self) -> PagerTile | None:
        return next((t for t in self.tiles if isinstance(t, PagerTile)), None)


# -- the inner box of a tray, in design-grid units ----------------------------------------------


@dataclass(frozen=True, slots=True)
class _Inner:
    x: float
    y: float
    w: float
    h: float

    def rows(self, height: float) -> int:
        return max(1, int((self.h + CARD_GAP) // (height + CARD_GAP)))

    def full_row(self, y: float, height: float) -> Box:
        return (self.x, y, self.w, height)


def _inner(target: TargetId, columns: Columns) -> _Inner:
    x, w = base_column(target, columns)
    top, bottom = CARD_BAND
    return _Inner(x + CARD_PAD, top + CARD_PAD, w - 2 * CARD_PAD, bottom - top - 2 * CARD_PAD)


def full_capacity(target: TargetId, columns: Columns) -> int:
    return _inner(target, columns).rows(CARD_H)


def compact_capacity(target: TargetId, columns: Columns) -> int:
    return _compact_rows(_inner(target, columns).h)


def _compact_rows(height: float) -> int:
    """How many compact rows fit in `height` (at least one)."""
    return max(1, int((height + COMPACT_GAP) // (COMPACT_ROW_H + COMPACT_GAP)))


# -- grouping -----------------------------------------------------------------------------------


def groups_of(ids: Sequence[str], group_of: Callable[[str], str | None]) -> dict[str, list[str]]:
    """Group -> its ids (board order), groups in natural order ("app-2" before "app-10"),
    without regard to case, "Ungrouped" last."""
    found: dict[str, list[str]] = {}
    for workload_id in ids:
        found.setdefault(group_of(workload_id) or UNGROUPED, []).append(workload_id)
    order = sorted(found, key=lambda g: (g == UNGROUPED, natural_key(g), g))
    return {g: found[g] for g in order}


def board_group_of(board: Board) -> Callable[[str], str | None]:
    return lambda workload_id: board.workload(workload_id).group


# -- the layout ---------------------------------------------------------------------------------


def tray(
    target: TargetId,
    columns: Columns,
    ids: Sequence[str],
    group_of: Callable[[str], str | None],
    view: TrayView = DEFAULT_VIEW,
) -> Tray:
    """The tiles of one column (design-grid boxes) for its placed workloads `ids`."""
    inner = _inner(target, columns)
    if len(ids) <= inner.rows(CARD_H):
        return Tray(target, "cards", _full_cards(inner, ids))
    if len(ids) <= _compact_rows(inner.h):
        return Tray(target, "compact", _compact_cards(inner, ids, inner.y))
    groups = groups_of(ids, group_of)
    opened = view.open_groups.get(target)
    if len(groups) == 1:
        opened = next(iter(groups))  # one group: open already, a click would be a waste
    if opened in groups:
        return _open_group(target, inner, groups, opened, view.pages.get(target, 0))
    return _group_cards(target, inner, groups, view.pages.get(target, 0))


def _full_cards(inner: _Inner, ids: Sequence[str]) -> tuple[Tile, ...]:
    step = CARD_H + CARD_GAP
    return tuple(
        CardTile(wid, inner.full_row(inner.y + i * step, CARD_H), False)
        for i, wid in enumerate(ids)
    )


def _compact_cards(inner: _Inner, ids: Sequence[str], top: float) -> tuple[Tile, ...]:
    """Compact cards from `top` down, one a row across the tray."""
    step = COMPACT_ROW_H + COMPACT_GAP
    return tuple(
        CardTile(wid, inner.full_row(top + i * step, COMPACT_ROW_H), True)
        for i, wid in enumerate(ids)
    )


def _pages(count: int, whole: int, paged: int) -> tuple[int, int]:
    """(items a page, pages): `whole` fit without a pager, `paged` beside one."""
    if count <= whole:
        return whole, 1
    per_page = max(1, paged)
    return per_page, -(-count // per_page)


def _pager_box(inner: _Inner) -> Box:
    return inner.full_row(inner.y + inner.h - PAGER_H, PAGER_H)


def _group_cards(
    target: TargetId, inner: _Inner, groups: Mapping[str, list[str]], page: int
) -> Tray:
    step = GROUP_H + GROUP_GAP
    whole = max(1, int((inner.h + GROUP_GAP) // step))
    paged = max(1, int((inner.h - PAGER_H) // step))
    per_page, pages = _pages(len(groups), whole, paged)
    page = min(max(page, 0), pages - 1)
    names = list(groups)
    shown = names[page * per_page : (page + 1) * per_page]
    tiles: list[Tile] = [
        GroupTile(
            name,
            names.index(name),
            tuple(groups[name]),
            inner.full_row(inner.y + i * step, GROUP_H),
            False,
        )
        for i, name in enumerate(shown)
    ]
    if pages > 1:
        tiles.append(PagerTile(page, pages, _pager_box(inner), "groups", len(names) - len(shown)))
    return Tray(target, "groups", tuple(tiles), page, pages)


def _open_group(
    target: TargetId,
    inner: _Inner,
    groups: Mapping[str, list[str]],
    opened: str,
    page: int,
) -> Tray:
    names = list(groups)
    members = groups[opened]
    head = GroupTile(
        opened, names.index(opened), tuple(members), inner.full_row(inner.y, GROUP_H), True
    )
    top = inner.y + GROUP_H + GROUP_GAP
    room = inner.y + inner.h - top
    # Beside a pager the rows keep a gap above it.
    whole = _compact_rows(room)
    paged = _compact_rows(room - PAGER_H - COMPACT_GAP)
    per_page, pages = _pages(len(members), whole, paged)
    page = min(max(page, 0), pages - 1)
    shown = members[page * per_page : (page + 1) * per_page]
    tiles: list[Tile] = [head, *_compact_cards(inner, shown, top)]
    if pages > 1:
        tiles.append(
            PagerTile(page, pages, _pager_box(inner), "workloads", len(members) - len(shown))
        )
    return Tray(target, "open", tuple(tiles), page, pages)


def reveal(
    view: TrayView,
    target: TargetId,
    columns: Columns,
    ids: Sequence[str],
    group_of: Callable[[str], str | None],
    workload_id: str,
) -> TrayView:
    """The view with `workload_id`'s card on screen in its column: its group open, on its
    page. Unchanged when the card shows already (or the column needs no groups)."""
    current = tray(target, columns, ids, group_of, view)
    if any(card.workload_id == workload_id for card in current.cards):
        return view
    if current.mode in ("cards", "compact"):
        return view
    group = group_of(workload_id) or UNGROUPED
    opened = view.opened(target, group)
    first = tray(target, columns, ids, group_of, opened)
    members = next(g.ids for g in first.groups if g.open)
    per_page = max(1, len(first.cards))
    return opened.paged(target, members.index(workload_id) // per_page)
