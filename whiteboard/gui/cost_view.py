"""The dollars in the inspector: a cost cell per target, and the selected workload's estimate
(line items, the Spot and Savings Plan alternatives, the assumptions) as wrapping rich text.

Every figure is USD a month on demand in the price table's region, said once in the section
heading and in every cell's tooltip. A figure resting on a price no AWS source confirmed
carries `UNCONFIRMED_MARK`, and its tooltip says what the mark means. A target that cannot
run the workload is not priced (nothing sold there runs it): its cell is a dash, greyed as its
scores are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from whiteboard.cost.estimate import Estimate, usd
from whiteboard.cost.prices import default_prices
from whiteboard.model import TargetId
from whiteboard.scoring.results import TargetScore, WorkloadScore
from whiteboard.slides.theme import GREYED, MUTED, WARN

COST_HEADER = "USD/month"
#: After a figure that rests on a price no AWS source confirmed.
UNCONFIRMED_MARK = "*"
UNCONFIRMED_TIP = (
    f"{UNCONFIRMED_MARK} A price this figure rests on is not confirmed by an AWS source: "
    "check it on AWS's pricing pages before quoting it."
)
NOT_ESTIMATED = "–"
NOT_PRICED = "It cannot run here: nothing sold here runs it, so it is not priced."
#: Keeps "us-east-1" on one line (Qt's rich text ignores `white-space: nowrap` on a span).
NON_BREAKING_HYPHEN = "\u2011"


def basis() -> str:
    return default_prices().basis


def cost_header_tip() -> str:
    return f"What the workload costs a month on each target, in USD, {basis()}.\n{UNCONFIRMED_TIP}"


def amount(value: float) -> str:
    """A cell's figure without the currency (the column header names it): '3,644.16'."""
    return usd(value).replace("USD ", "")


def cost_cell(result: TargetScore) -> tuple[str, str]:
    """The text and the tooltip of a target's cell in the cost column."""
    cost = result.estimate
    if cost is None:
        return NOT_ESTIMATED, NOT_PRICED if not result.feasible else "Not estimated."
    text = amount(cost.usd_month) + ("" if cost.confirmed else f" {UNCONFIRMED_MARK}")
    tip = [f"{usd(cost.usd_month)} a month, {basis()}."]
    tip += [f"Or {alternative}." for alternative in cost.alternatives]
    if not cost.confirmed:
        tip.append(UNCONFIRMED_TIP)
    return text, "\n".join(tip)


def cost_html(score: WorkloadScore, name: Callable[[TargetId], str]) -> str:
    """The estimate on the placement (on the recommendation when unplaced), with the
    recommendation's figure beside it when that is another target."""
    shown = score.placed_on or score.recommended
    if shown is None:
        return ""
    result = score.targets[shown]
    cost = result.estimate
    role = "placed" if shown == score.placed_on else "recommended"
    if cost is None:
        return _not_priced(score, shown, role, name)
    colour = "" if result.feasible else f"color:{GREYED};"
    parts = [
        f"<div style='{colour}'><b>Cost on {escape(name(shown))}</b> ({role}): "
        f"<b>{_money(cost.usd_month)}</b> a month, "
        f"{escape(basis()).replace('-', NON_BREAKING_HYPHEN)}" + _mark(cost.confirmed) + "</div>",
        _items(cost, result.feasible),
    ]
    if cost.alternatives:
        parts.append(
            f"<div style='{colour}'>Bought another way:</div>"
            + _list(f"Or {a}" for a in cost.alternatives)
        )
    best = score.recommended
    if best is not None and best != shown:
        parts.append(_compare(cost, score.targets[best], name(best)))
    if cost.assumptions:
        parts.append(
            f"<div style='color:{MUTED};margin-top:4px'>Assumes:</div>"
            + _list(cost.assumptions, MUTED)
        )
    if not cost.confirmed:
        parts.append(f"<div style='color:{MUTED}'>{escape(UNCONFIRMED_TIP)}</div>")
    return "".join(parts)


def _not_priced(
    score: WorkloadScore, shown: TargetId, role: str, name: Callable[[TargetId], str]
) -> str:
    """A placement that cannot run has no figure; the recommendation's is the one to read."""
    text = (
        f"<div style='color:{GREYED}'><b>Cost on {escape(name(shown))}</b> ({role}): not "
        "priced, it cannot run there.</div>"
    )
    best = score.recommended
    if best is not None and best != shown and score.targets[best].estimate is not None:
        other = score.targets[best].estimate
        text += (
            f"<div style='margin-top:4px'>On {escape(name(best))} (recommended): "
            f"<b>{_money(other.usd_month)}</b> a month{_mark(other.confirmed)}</div>"
            + _items(other, True)
        )
    return text


def _money(value: float) -> str:
    """'USD 72.08' as markup that never breaks between the currency and the figure."""
    return escape(usd(value)).replace(" ", "&nbsp;")


def _mark(confirmed: bool) -> str:
    return "" if confirmed else f" <span style='color:{WARN}'>{UNCONFIRMED_MARK}</span>"


def _items(cost: Estimate, feasible: bool) -> str:
    colour = "" if feasible else GREYED
    rows = []
    for item in cost.items:
        text = f"{escape(item.label)} = <b>{_money(item.usd)}</b>"
        if not item.confirmed:
            text += f" <span style='color:{WARN}'>(price not confirmed)</span>"
        rows.append(text)
    return _list(rows, colour, escaped=True)


def _compare(cost: Estimate, best: TargetScore, best_name: str) -> str:
    other = best.estimate
    if other is None:
        return ""
    difference = other.usd_month - cost.usd_month
    if abs(difference) < 0.005:
        how = "the same"
    else:
        how = f"{_money(abs(difference))}&nbsp;{'more' if difference > 0 else 'less'}"
    return (
        f"<div style='margin-top:4px'>On {escape(best_name)} (recommended): "
        f"<b>{_money(other.usd_month)}</b> a month{_mark(other.confirmed)}, {how}</div>"
    )


def _list(rows: Iterable[str], colour: str = "", *, escaped: bool = False) -> str:
    """Rows as a bullet list; `escaped` rows are markup already."""
    style = f"color:{colour};" if colour else ""
    items = "".join(f"<li style='{style}'>{row if escaped else escape(row)}</li>" for row in rows)
    return f"<ul style='margin:0 0 0 -20px'>{items}</ul>" if items else ""
