"""Style roles -> colours and strokes, shared by every renderer so the window, the PNG/SVG and
the PDF page cannot drift apart. Calm colours, large type: it must read like a slide.

Layouts may add roles; a role missing here is a bug that the theme test catches.
"""

from __future__ import annotations

from dataclasses import dataclass

from whiteboard.paths import ASSETS_DIR

FONT_FAMILY = "DejaVu Sans"
FONT_FILES = {
    "regular": ASSETS_DIR / "fonts" / "DejaVuSans.ttf",
    "bold": ASSETS_DIR / "fonts" / "DejaVuSans-Bold.ttf",
}
#: Shipped fonts for the scripts DejaVu lacks (licences in assets/fonts/LICENSES.md), so names
#: in Chinese, Japanese or Korean never turn into boxes, whatever the viewer has installed.
FALLBACK_FONT_FILES = {
    "cjk": ASSETS_DIR / "fonts" / "DroidSansFallbackFull.ttf",
    "korean": ASSETS_DIR / "fonts" / "NanumGothic.ttf",
}


@dataclass(frozen=True, slots=True)
class Style:
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    #: Text colour for Text elements.
    text: str = "#1d2733"
    opacity: float = 1.0
    dash: tuple[float, ...] = ()


INK = "#1d2733"
MUTED = "#5b6b7c"
PROVIDER = "#dcebf7"
PROVIDER_EDGE = "#7aa7cf"
CONSUMER = "#fbeedd"
CONSUMER_EDGE = "#d9a86c"
LINE = "#c0392b"
GOOD = "#2e8b57"
WARN = "#d68910"
BAD = "#c0392b"
#: What the window's search found (a frame, never a fill of the score colours).
MATCH = "#c98a00"
#: Scores of a target that cannot run the workload, in every view: still shown (they explain
#: the trade-off) but greyed, never in a score band's colour, so they cannot pass for a fit.
GREYED = MUTED

#: The smallest text a slide draws, in design units (the slide is 1920 x 1080): 11 pixels
#: once the slide is shown 1174 pixels wide (660 high) or more, as in workshop mode on a
#: 1280x720 projector, window title and menu bar included. Cards, labels and notes shrink to
#: fit down to this size, then wrap or are cut (the window shows a cut text whole on hover).
MIN_TEXT = 18.0

STYLES: dict[str, Style] = {
    "background": Style(fill="#ffffff"),
    "title": Style(text=INK),
    "subtitle": Style(text=MUTED),
    "label": Style(text=INK),
    "muted_label": Style(text=MUTED),
    "provider_space": Style(fill=PROVIDER, opacity=0.55),
    "consumer_space": Style(fill=CONSUMER, opacity=0.55),
    "space_label": Style(text=MUTED),
    "responsibility_line": Style(stroke=LINE, stroke_width=6.0),
    "column": Style(fill="#ffffff", stroke="#c9d3dd", stroke_width=1.5, dash=(8.0, 6.0)),
    "column_frame": Style(fill="#f7f9fb", stroke="#d5dde5", stroke_width=1.0),
    "column_header": Style(text=INK),
    "header_level": Style(text=MUTED),
    "layer_provider": Style(fill="#b9d6ee", stroke=PROVIDER_EDGE, stroke_width=1.0),
    "layer_consumer": Style(fill="#f6d7ae", stroke=CONSUMER_EDGE, stroke_width=1.0),
    "layer_island": Style(fill="#b9d6ee", stroke="#1f6fb2", stroke_width=2.0, dash=(7.0, 5.0)),
    #: Provider-run hosts in the customer's account: provider blue, hatched edge of the consumer.
    "layer_in_account": Style(fill="#cfe3f3", stroke="#c98a3d", stroke_width=2.0, dash=(5.0, 4.0)),
    "layer_text": Style(text=INK),
    "service": Style(fill="#ffffff", stroke="#1f3a5f", stroke_width=2.0),
    "service_text": Style(text="#1f3a5f"),
    "year": Style(text=MUTED),
    "arrow": Style(stroke=MUTED, stroke_width=3.0),
    "icon": Style(stroke=INK, stroke_width=2.0),
    "card": Style(fill="#ffffff", stroke="#8896a6", stroke_width=1.5),
    "card_selected": Style(fill="#eef6ff", stroke="#1f6fb2", stroke_width=3.0),
    "card_infeasible": Style(fill="#fdecea", stroke=BAD, stroke_width=2.5),
    "card_text": Style(text=INK),
    "score_good": Style(fill=GOOD, text="#ffffff"),
    "score_fair": Style(fill=WARN, text="#ffffff"),
    "score_poor": Style(fill=BAD, text="#ffffff"),
    "score_none": Style(fill="#aab5c0", text="#ffffff"),
    "score_text": Style(text="#ffffff"),
    "violation_mark": Style(fill=BAD, stroke="#ffffff", stroke_width=1.5, text="#ffffff"),
    "violation_text": Style(text="#ffffff"),
    "more_label": Style(text=MUTED),
    #: A workload the window's search found: a warm highlight no score colour uses.
    "card_match": Style(fill="#fff6d5", stroke=MATCH, stroke_width=3.5),
    "group_card": Style(fill="#f3f6f9", stroke="#8896a6", stroke_width=1.5),
    "group_open": Style(fill="#e8eef5", stroke="#1f3a5f", stroke_width=2.0),
    "group_match": Style(fill="#fff6d5", stroke=MATCH, stroke_width=3.5),
    "group_count": Style(text=MUTED),
    "group_cannot_run": Style(text=BAD),
    "group_found": Style(text=MATCH),
    "pager": Style(fill="#f3f6f9", stroke="#c9d3dd", stroke_width=1.0),
    "pager_button": Style(fill="#ffffff", stroke="#8896a6", stroke_width=1.5),
    "pager_text": Style(text=INK),
    "chart_frame": Style(fill="#ffffff", stroke="#9aa7b4", stroke_width=1.5),
    "quadrant": Style(fill="#f4f7fa", stroke="#d5dde5", stroke_width=1.0),
    "quadrant_label": Style(text=MUTED),
    "axis": Style(stroke=INK, stroke_width=2.5),
    "axis_label": Style(text=INK),
    "reference_point": Style(fill="#1f3a5f", stroke="#ffffff", stroke_width=1.5),
    "reference_label": Style(text="#1f3a5f"),
    "movement_arrow": Style(stroke="#1f6fb2", stroke_width=3.0, dash=(8.0, 6.0)),
    "workload_point": Style(fill="#e67e22", stroke="#ffffff", stroke_width=1.5),
    "workload_point_infeasible": Style(fill=BAD, stroke="#ffffff", stroke_width=1.5),
    "workload_point_unplaced": Style(fill="#8896a6", stroke="#ffffff", stroke_width=1.5),
    "workload_label": Style(text=INK),
    "note": Style(text=MUTED),
}


def style(role: str) -> Style:
    """The style of a role; KeyError names the role so a layout typo fails loudly in tests."""
    try:
        return STYLES[role]
    except KeyError:
        raise KeyError(f"no style for role '{role}' in slides/theme.py") from None


#: Colour bands of an overall score. The engine's scores cluster between 35 and 75, so "good"
#: starts at 60: a clear fit shows green, a workable one amber, a poor one red.
GOOD_FROM = 60.0
FAIR_FROM = 45.0


def score_role(overall: float) -> str:
    """Colour band of an overall score: good from 60, fair from 45, poor below."""
    if overall >= GOOD_FROM:
        return "score_good"
    if overall >= FAIR_FROM:
        return "score_fair"
    return "score_poor"


#: A possible but poor fit where red must mean "cannot run" (the drag overlay): the scale's
#: neutral end.
POOR_FIT = MUTED


def fit_color(overall: float) -> str:
    """The score scale of a target that can run the workload, with no red: green, amber, then
    the neutral `POOR_FIT`."""
    return POOR_FIT if score_role(overall) == "score_poor" else score_color(overall, True)


def score_color(overall: float, feasible: bool = True) -> str:
    """The band's colour for widgets that colour text rather than draw scene elements."""
    if not feasible:
        return BAD
    return {"score_good": GOOD, "score_fair": WARN, "score_poor": BAD}[score_role(overall)]
