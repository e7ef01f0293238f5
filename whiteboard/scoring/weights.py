"""Pillar weights: the board's own, and the `--weights pillar=number,...` override."""

from __future__ import annotations

from collections.abc import Mapping

from whiteboard.model import DEFAULT_WEIGHTS, PILLAR_IDS, PillarId
from whiteboard.model.board import MAX_WEIGHT
from whiteboard.model.text import clipped, quoted


class WeightsError(ValueError):
    """A weights text or mapping is not usable; `str()` is one sentence naming the problem, on
    one line: the text it quotes is shown with `visible` and cut, whatever it holds."""


def parse_weights(text: str) -> dict[PillarId, float]:
    """'cost_optimization=3, security=2' -> {'cost_optimization': 3.0, 'security': 2.0}.

    Only the named pillars are returned; the caller merges them over the board's weights.
    """
    weights: dict[PillarId, float] = {}
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            continue
        name, sep, value = (part.strip() for part in item.partition("="))
        if not sep or not name or not value:
            raise WeightsError(f"weights: {quoted(item)} should look like pillar=number")
        pillar = _pillar(name)
        if pillar in weights:
            raise WeightsError(f"weights: {pillar} is given twice")
        weights[pillar] = _weight(pillar, value)
    if not weights:
        raise WeightsError("weights: no pillar=number pairs given")
    return weights


def resolve_weights(
    base: Mapping[PillarId, float] | None, override: Mapping[str, float] | None
) -> dict[PillarId, float]:
    """All six pillars: defaults, then the board's weights, then the override."""
    full: dict[PillarId, float] = dict(DEFAULT_WEIGHTS)
    full.update(base or {})
    for name, value in (override or {}).items():
        pillar = _pillar(name)
        full[pillar] = _weight(pillar, value)
    if not any(full.values()):
        raise WeightsError("weights: at least one pillar needs a weight above 0")
    return full


def _pillar(name: str) -> PillarId:
    if name not in PILLAR_IDS:
        raise WeightsError(
            f"weights: {quoted(name)} is not a pillar; use one of {', '.join(PILLAR_IDS)}"
        )
    return name  # type: ignore[return-value]


def _weight(pillar: str, value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise WeightsError(f"weights: {pillar}={clipped(str(value))} is not a number") from None
    if not 0 <= number <= MAX_WEIGHT:
        raise WeightsError(
            f"weights: {pillar}={clipped(str(value))} should be between 0 and {MAX_WEIGHT:g}"
        )
    return number
