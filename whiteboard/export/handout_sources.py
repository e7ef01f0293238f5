"""The handout's sources section: every documented limit behind the scores, with its page.

An expert in the room (or a customer reading at home) can check each number: per target of the
board's edition, the limit in our words, the AWS page it was read from and the day. A fact no
AWS page confirmed is said to be unconfirmed, and that it never rules a workload out.
"""

from __future__ import annotations

from typing import Protocol

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from whiteboard.catalog import Limit, default_catalog
from whiteboard.model import Board

UNCONFIRMED = "Not confirmed by AWS documentation when checked, so never used as a hard limit."


class _Builder(Protocol):
    board: Board

    def heading(self, key: str, title: str, level: int = 0) -> Flowable: ...
    def para(self, text: str, style: str = "body") -> Paragraph: ...
    def bullet(self, text: str) -> Flowable: ...


def limit_line(limit: Limit) -> str:
    """One bullet: the limit in our words, where and when it was read, and if unconfirmed."""
    line = f"{limit.summary} Source: {limit.source} (checked {limit.checked_on.isoformat()})."
    return line if limit.confirmed else f"{line} {UNCONFIRMED}"


def sources_section(b: _Builder) -> list[Flowable]:
    catalog = default_catalog()
    edition = catalog.edition(b.board.edition)
    flow: list[Flowable] = [
        CondPageBreak(200),
        b.heading("sources", "Where the limits come from"),
        b.para(
            f"The hard limits and traits behind every score of the {edition.name}, each with "
            "the public AWS page it was read from and the day it was checked."
        ),
    ]
    for target in catalog.edition_targets(edition.id):
        flow += [CondPageBreak(90), b.heading(f"sources-{target.id}", target.display_name, 1)]
        # Limits that share one sentence and page (vCPU and memory "up to the host") once.
        lines = dict.fromkeys(limit_line(limit) for _name, limit in target.limits.items())
        flow += [b.bullet(line) for line in lines]
    return flow
