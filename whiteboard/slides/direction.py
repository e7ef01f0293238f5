"""The direction of text: a paragraph's base direction, each character's bidi level and the
order in which the parts of a line are drawn (the Unicode bidi algorithm, as python-bidi
applies it; python-bidi is imported only for text with right-to-left characters).

A line's direction comes from its first strong character (rules P2, P3; `textfit` marks the
lines of a paragraph so they all read its way).
"""

from __future__ import annotations

import re
import unicodedata

_LEVEL = re.compile(r"Level\(\s*(\d+)")
_RTL_CLASSES = frozenset(("R", "AL", "AN"))
_STRONG_RTL = frozenset(("R", "AL"))


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def is_rtl(text: str) -> bool:
    """Whether `text` is a right-to-left paragraph: its first strong character, outside
    isolates, is right to left (bidi rules P2, P3, as python-bidi applies them)."""
    if text.isascii() or not any(unicodedata.bidirectional(c) in _STRONG_RTL for c in text):
        return False
    from bidi import get_base_level

    return get_base_level(text) == 1


def bidi_levels(text: str, rtl: bool | None = None) -> list[int] | None:
    """The resolved bidi embedding level of every character (odd: right to left) in a line
    whose base direction is `rtl` (None: its own, `is_rtl`); None for a left-to-right line
    with no right-to-left character at all (the usual case, and free)."""
    if rtl is None:
        rtl = is_rtl(text)
    if not rtl and not _has_rtl(text):
        return None
    from bidi import get_display

    # python-bidi gives the levels only through its debug report (one per UTF-8 byte).
    report = get_display(text, base_dir="R" if rtl else "L", debug=True)
    section = report[report.index("levels:") : report.index("paragraphs:")]
    per_byte = [int(level) for level in _LEVEL.findall(section)]
    levels, offset = [], 0
    for char in text:
        levels.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    if offset != len(per_byte):
        raise RuntimeError(f"python-bidi returned {len(per_byte)} levels for {offset} bytes")
    return levels


def visual_order(levels: list[int]) -> list[int]:
    """Indexes of items with these levels in display order (rule L2 of the bidi algorithm)."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = order[index:end][::-1]
            index = end
    return order


def mirrored(part: str) -> str:
    """A right-to-left run drawn character by character: reversed, brackets mirrored."""
    from bidi.mirror import MIRRORED

    return "".join(MIRRORED.get(char, char) for char in reversed(part))
