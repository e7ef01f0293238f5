"""A workload's name as a card shows it: on one line, on two, or cut with an ellipsis, and cut
in the middle where two names would otherwise read alike.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from whiteboard.model.text import neutral
from whiteboard.slides.textfit import ELLIPSIS, directed, ellipsize, text_width, wrap

#: Most of a card's text width the part of a name that tells it apart from others may take
#: when the middle is cut: the start of the name always keeps the other 40 %.
TAIL_SHARE = 0.6


def distinct_ellipses(fits: Sequence[tuple[str, float, float]]) -> list[str]:
    """Each (name, size, width) cut to fit; where two different names would cut alike
    ("Zahlungsa…" twice), they are cut in the middle instead, keeping their start and the part
    that tells them apart ("Zahlu…Nord", "Zahlu…Süd")."""
    return [label.text for label in distinct_labels([(*fit, None) for fit in fits])]


@dataclass(frozen=True, slots=True)
class NameLabel:
    """A name as a card shows it: one line, or two lines joined by a newline, at `size`."""

    text: str
    size: float

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))


def two_lines(name: str, size: float, width: float) -> tuple[str, str] | None:
    """`name` broken into a first line that fits `width` and the rest (which may not fit), or
    None when it fits on one line. Words break where they can; a word wider than the whole
    line breaks between characters."""
    folded = " ".join(name.split())
    lines = wrap(folded, size, width)
    if len(lines) < 2:
        return None
    first = lines[0]
    return first, folded[len(first) :].lstrip()


def name_label(name: str, size: float, width: float, wrapped: float | None = None) -> NameLabel:
    """`name` on one line at `size` when it fits; else, when `wrapped` (the two-line size) is
    given, on two lines at that size, the second cut with an ellipsis if it must; else cut
    with an ellipsis on one line. Controls are left out first (`text.neutral`), as the
    renderers leave them out, so a hostile name breaks where its visible twin does."""
    name = neutral(name)
    if text_width(name, size) <= width:
        return NameLabel(name, size)
    split = two_lines(name, wrapped, width) if wrapped else None
    if split is None or wrapped is None:
        return NameLabel(ellipsize(name, size, width), size)
    first, rest = split
    return NameLabel(_two_lines_text(name, first, ellipsize(rest, wrapped, width)), wrapped)


def _two_lines_text(name: str, first: str, second: str) -> str:
    """A name's two lines as one text; the second reads in the name's direction (a Hebrew
    name's "12" on its second line sits at the right, as the line above starts there)."""
    return f"{first}\n{directed(name, [second])[0]}"


def distinct_labels(fits: Sequence[tuple[str, float, float, float | None]]) -> list[NameLabel]:
    """Each (name, size, width, two-line size or None) fitted by `name_label`; where two
    different names would still read alike ("Zahlungsa…" twice, or the same second line cut
    alike), their last line is cut in the middle instead, keeping its start and the part that
    tells them apart ("Zahlu…Nord", "Zahlu…Süd")."""
    fitted = [name_label(*fit) for fit in fits]
    names_by_text: dict[str, set[str]] = {}
    for (name, *_), label in zip(fits, fitted, strict=True):
        names_by_text.setdefault(label.text, set()).add(name)
    labels = []
    for (name, _size, width, _wrapped), label in zip(fits, fitted, strict=True):
        alike = names_by_text[label.text]
        if len(alike) < 2:
            labels.append(label)
        elif len(label.lines) == 1:
            middle = _cut_in_the_middle(name, _first_difference(alike), label.size, width)
            labels.append(NameLabel(middle, label.size))
        else:
            # Alike on two lines: the first lines are the same, the rests differ.
            first = label.lines[0]
            rests = {_rest_after(other, first) for other in alike}
            rest = _rest_after(name, first)
            middle = _cut_in_the_middle(rest, _first_difference(rests), label.size, width)
            labels.append(NameLabel(_two_lines_text(name, first, middle), label.size))
    return labels


def _rest_after(name: str, first: str) -> str:
    return " ".join(name.split())[len(first) :].lstrip()


def _first_difference(names: Collection[str]) -> int:
    """Where names stop sharing their start, backed up to the start of that word."""
    first, *others = names
    shared = len(first)
    for other in others:
        shared = next(
            (i for i, (a, b) in enumerate(zip(first[:shared], other, strict=False)) if a != b),
            min(shared, len(other)),
        )
    common = first[:shared]
    space = common.rfind(" ")
    return space + 1 if space >= 0 else len(common)


def _cut_in_the_middle(name: str, differs_at: int, size: float, width: float) -> str:
    """`name` as its start, cut with an ellipsis, then the part from `differs_at` on. That part
    gets the room it needs to stay whole, up to TAIL_SHARE of the width, and the start all the
    rest: on a compact card, eight names that differ in their last digit read
    "Realtime fraud…0", not "Realti…0". A longer part is cut at its end (its start is where
    the names differ)."""
    rest = name[differs_at:]
    tail_room = min(text_width(rest, size), width * TAIL_SHARE)
    head = ellipsize(name[:differs_at], size, width - tail_room)
    if not head.endswith(ELLIPSIS):
        head = head.rstrip() + ELLIPSIS if head.strip() else ""
    room = width - text_width(head, size)
    return head + ellipsize(rest, size, room)
