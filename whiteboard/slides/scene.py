"""The backend-neutral scene every renderer draws: the window, the presenter, PNG/SVG and PDF.

Coordinates are scene units with the origin top-left and y growing downwards (as in Qt and SVG;
the reportlab renderer flips). Every element carries a stable `id`, a style `role` (looked up in
`slides.theme`), the build-up `step` that reveals it, and how it `enter`s. Renderers never invent
geometry or colours of their own: if a renderer needs something, it belongs here or in the theme.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from whiteboard.model.text import neutral

Point = tuple[float, float]
Enter = Literal["none", "fade", "grow", "slide"]
HAlign = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]

#: Step 0: shown from the start (background, titles). Steps 1..8: the story. 9+: board workloads.
ALWAYS = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Element:
    id: str
    role: str
    step: int = ALWAYS
    enter: Enter = "fade"
    #: Free tags for renderers and the GUI, e.g. {"workload": "web-shop", "target": "ec2"}.
    data: Mapping[str, str] = field(default_factory=dict)
    #: Painting order inside the scene; higher is on top.
    z: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Rect(Element):
    x: float
    y: float
    w: float
    h: float
    radius: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Ellipse(Element):
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Polyline(Element):
    points: tuple[Point, ...]
    closed: bool = False
    #: Draw an arrow head at the last point.
    arrow: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Text(Element):
    """Text laid out inside a box; renderers wrap words to `w` and never overflow `h` silently.

    `text` is made `neutral` here, the one door every drawn string goes through (SVG, PNG,
    PDF, the window): bidi overrides and isolates and other control characters are removed,
    line breaks and tabs kept. A name typed with U+202E cannot read backwards on the slide.
    """

    x: float
    y: float
    w: float
    h: float
    text: str
    size: float
    bold: bool = False
    align: HAlign = "left"
    valign: VAlign = "top"

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", neutral(self.text, keep_lines=True))


@dataclass(frozen=True, slots=True, kw_only=True)
class Icon(Element):
    """One of our own icons, `assets/icons/<name>.svg`, fitted into the box."""

    name: str
    x: float
    y: float
    w: float
    h: float


Shape = Rect | Ellipse | Polyline | Text | Icon


@dataclass(frozen=True, slots=True)
class Scene:
    """A whole slide or chart: its size, its elements in painting order, and its step count."""

    name: str
    width: float
    height: float
    elements: tuple[Shape, ...]
    #: Story steps this scene knows (the presenter may add workload steps after them).
    steps: int = 0
    meta: Mapping[str, object] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Shape]:
        return iter(self.elements)

    def visible_at(self, step: int) -> tuple[Shape, ...]:
        """Elements shown once the build-up has reached `step` (the final step shows all)."""
        return tuple(e for e in self.elements if e.step <= step)

    def element(self, element_id: str) -> Shape:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    @property
    def last_step(self) -> int:
        return max((e.step for e in self.elements), default=ALWAYS)
