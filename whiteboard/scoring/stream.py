"""`whiteboard score --format json`, written as it is scored.

The text is byte for byte what `json.dumps(serialize.board_score_to_dict(score),
ensure_ascii=False)` gives, laid out one workload per line and finished by
`model.text.json_visible` (the contract, see `serialize`), but no document is built first:

- The summary comes first in the text but is made of every workload's numbers, so each
  workload is scored once, in full, and its object written to a temporary file (a spool) and
  dropped (`Scorer.stream` keeps only its numbers); then the summary is written, and the
  spool copied after it. Memory stays flat whatever the size of the board, and no workload is
  scored twice.
- Each workload's object is put together from pieces of JSON text instead of dicts handed to
  an encoder. Workloads share most pieces (a pillar's reasons on a target come from memoised
  columns, an estimate is shared by every workload of its shape), so each piece is encoded,
  and made `json_visible`, once.

`tests/scoring/test_stream.py` holds this to the dict-based form on boards with every feature.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any, BinaryIO, TextIO

from whiteboard.cost.estimate import Estimate
from whiteboard.gcpause import collector_paused
from whiteboard.model import PILLAR_IDS
from whiteboard.model.text import json_visible
from whiteboard.scoring.engine import STREAM_MEMO_MAX, Scorer
from whiteboard.scoring.results import Factor, TargetScore, WorkloadScore
from whiteboard.scoring.serialize import json_number as _num
from whiteboard.scoring.serialize import summary_to_dict

#: Workload objects written to the spool at once: fewer, bigger writes.
LINES_PER_WRITE = 200
#: Bytes (or characters) copied from the spool to the output at once.
SPOOL_CHUNK = 1 << 20
#: Entries an identity cache keeps before it starts afresh (it holds what it names, so a
#: reused id can never answer for another object, and memory stays bounded).
CACHE_MAX = 16_384


def write_board_score_json(scorer: Scorer, out: TextIO) -> None:
    """Write the board's scores to `out` as the contract's JSON text."""
    with collector_paused(), tempfile.TemporaryFile() as spool:
        board = scorer.board
        if board.workloads:
            _spool_workloads(scorer, spool)
        head = {
            "board": board.name,
            "edition": board.edition,
            "targets": list(scorer.target_ids),
            "weights": {pillar: _num(scorer.weights[pillar]) for pillar in PILLAR_IDS},
            "summary": summary_to_dict(scorer.summary()),
        }
        opening = json_visible(json.dumps(head, ensure_ascii=False)[:-1])
        if not board.workloads:
            out.write(opening + ', "workloads": []}\n')
            return
        out.write(opening + ', "workloads": [\n')
        spool.seek(0)
        binary = _utf8_bytes_of(out)
        if binary is not None:  # the spool's bytes are already what `out` would write
            out.flush()
            shutil.copyfileobj(spool, binary, SPOOL_CHUNK)
        else:
            text = io.TextIOWrapper(spool, encoding="utf-8")
            while chunk := text.read(SPOOL_CHUNK):
                out.write(chunk)
            text.detach()
        out.write("\n]}\n")


def _utf8_bytes_of(out: TextIO) -> BinaryIO | None:
    """The byte stream under `out` when writing text to `out` means writing its UTF-8 bytes
    there unchanged (a UTF-8 stream that does not translate line ends), else None."""
    binary = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None) or ""
    if binary is None or codecs.lookup(encoding).name != "utf-8" or os.linesep != "\n":
        return None
    return binary  # type: ignore[no-any-return]


def _spool_workloads(scorer: Scorer, spool: BinaryIO) -> None:
    """Each workload's object, one per line, as it is scored (`Scorer.stream`, which keeps the
    numbers the summary needs), as UTF-8."""
    encode = _workload_encoder(scorer.target_ids)
    lines: list[str] = []
    separator = ""  # before each batch but the first
    for score in scorer.stream():
        lines.append(encode(score))
        if len(lines) >= LINES_PER_WRITE:
            spool.write((separator + ",\n".join(lines)).encode("utf-8"))
            separator = ",\n"
            lines.clear()
    if lines:
        spool.write((separator + ",\n".join(lines)).encode("utf-8"))


def _visible(value: Any) -> str:
    """One JSON value as the contract writes it (`ensure_ascii=False`, then `json_visible`,
    which works character by character, so pieces can be made visible one at a time)."""
    return json_visible(json.dumps(value, ensure_ascii=False))


def _text(value: str) -> str:
    return json_visible(encode_basestring(value))


def _number(value: float) -> str:
    """A number as `json.dumps` writes it (`repr`; NaN and the infinities by their names)."""
    if value.__class__ is float:
        if value - value == 0.0:  # finite
            return float.__repr__(value)
        return _visible(value)
    if value.__class__ is int:
        return int.__repr__(value)
    return _visible(value)


def _workload_encoder(target_ids: tuple[str, ...]) -> Callable[[WorkloadScore], str]:
    """A function from a workload's score to its object's JSON text, with the memos of what
    workloads share in its closure (see the module note). Memos keyed on an object's id hold
    the object, so a reused id never answers for another; each starts afresh when full."""
    target_keys = {t: f"{encode_basestring(t)}: " for t in target_ids}
    strings: dict[str, str] = {}
    numbers: dict[float, str] = {}
    rows: dict[tuple[float, ...], str] = {}
    pillar_maps: dict[int, tuple[Mapping[str, float], str]] = {}
    violation_lists: dict[tuple[str, ...], str] = {}
    reason_lists: dict[int, tuple[tuple[Factor, ...], str]] = {}
    factor_texts: dict[int, tuple[Factor, str]] = {}
    costs: dict[int, tuple[Estimate, str]] = {}
    #: Whole workloads' targets are shared only through `Scorer.stream`'s bounded memo.
    shared_targets: dict[int, tuple[Mapping[str, TargetScore], str]] = {}
    reasons_get, factors_get, maps_get = reason_lists.get, factor_texts.get, pillar_maps.get
    no_cost = '"cost_usd_month": null, "cost_items": [], "cost_confirmed": null'

    def string(value: str) -> str:
        found = strings.get(value)
        if found is None:
            if len(strings) >= CACHE_MAX:
                strings.clear()
            found = strings[value] = _text(value)
        return found

    def number(value: float) -> str:
        found = numbers.get(value)
        if found is None:
            found = _number(_num(value))
            if value == value and len(numbers) < CACHE_MAX:  # NaN never finds itself
                numbers[value] = found
        return found

    def factor_list(factors: tuple[Factor, ...]) -> str:
        parts = []
        for f in factors:
            hit = factors_get(id(f))
            if hit is None or hit[0] is not f:
                if len(factor_texts) >= CACHE_MAX:
                    factor_texts.clear()
                hit = factor_texts[id(f)] = (f, _text(str(f)))
            parts.append(hit[1])
        return "[" + ", ".join(parts) + "]"

    def reason_list(factors: tuple[Factor, ...]) -> str:
        """Called where `reasons_get` missed: the columns the engine memoises share these."""
        text = factor_list(factors)
        if len(reason_lists) >= CACHE_MAX:
            reason_lists.clear()
        reason_lists[id(factors)] = (factors, text)
        return text

    def row_of(pillars: Mapping[str, float]) -> str:
        """Called where `maps_get` missed: the engine shares one mapping per row of scores."""
        scores = _in_pillar_order(pillars)
        text = rows.get(scores)
        if text is None:
            values = [f"{key}{number(s)}" for key, s in zip(_PILLAR_KEYS, scores, strict=True)]
            text = "{" + ", ".join(values) + "}"
            if len(rows) >= CACHE_MAX:
                rows.clear()
            rows[scores] = text
        if len(pillar_maps) >= CACHE_MAX:
            pillar_maps.clear()
        pillar_maps[id(pillars)] = (pillars, text)
        return text

    def violation_list(violations: tuple[str, ...]) -> str:
        found = violation_lists.get(violations)
        if found is None:
            found = "[" + ", ".join([string(v) for v in violations]) + "]"
            if len(violation_lists) < CACHE_MAX:
                violation_lists[violations] = found
        return found

    def cost(estimate: Estimate | None) -> str:
        if estimate is None:
            return no_cost
        hit = costs.get(id(estimate))
        if hit is not None and hit[0] is estimate:
            return hit[1]
        usd = _number(round(estimate.usd_month, 2))
        items = "[" + ", ".join([string(str(item)) for item in estimate.items]) + "]"
        confirmed = "true" if estimate.confirmed else "false"
        text = f'"cost_usd_month": {usd}, "cost_items": {items}, "cost_confirmed": {confirmed}'
        if len(costs) >= CACHE_MAX:
            costs.clear()
        costs[id(estimate)] = (estimate, text)
        return text

    def target(ts: TargetScore) -> str:
        ops, sec, rel, perf, cst, sus = _in_pillar_order(ts.reasons)
        pillars = ts.pillars
        return _TARGET % (
            "true" if ts.feasible else "false",
            violation_list(ts.violations),
            hit[1] if (hit := maps_get(id(pillars))) and hit[0] is pillars else row_of(pillars),
            number(ts.overall),
            hit[1] if (hit := reasons_get(id(ops))) and hit[0] is ops else reason_list(ops),
            hit[1] if (hit := reasons_get(id(sec))) and hit[0] is sec else reason_list(sec),
            # Reliability carries what a workload inherits from its dependencies, so its lists
            # are mostly its own: made from the factors' texts, never kept.
            factor_list(rel),
            hit[1] if (hit := reasons_get(id(perf))) and hit[0] is perf else reason_list(perf),
            hit[1] if (hit := reasons_get(id(cst))) and hit[0] is cst else reason_list(cst),
            hit[1] if (hit := reasons_get(id(sus))) and hit[0] is sus else reason_list(sus),
            cost(ts.estimate),
        )

    def targets_object(targets: Mapping[str, TargetScore]) -> str:
        hit = shared_targets.get(id(targets))
        if hit is not None and hit[0] is targets:
            return hit[1]
        text = "{" + ", ".join([target_keys[t] + target(ts) for t, ts in targets.items()]) + "}"
        if len(shared_targets) >= STREAM_MEMO_MAX:
            shared_targets.clear()
        shared_targets[id(targets)] = (targets, text)
        return text

    def workload(ws: WorkloadScore) -> str:
        margin = "null" if ws.margin is None else _number(ws.margin)
        placed, best, runner = ws.placed_on, ws.recommended, ws.runner_up
        return (
            f'{{"id": {_text(ws.workload_id)}, '
            f'"placed_on": {"null" if placed is None else string(placed)}, '
            f'"recommended": {"null" if best is None else string(best)}, '
            f'"runner_up": {"null" if runner is None else string(runner)}, "margin": {margin}, '
            f'"why": {string(ws.why)}, "targets": {targets_object(ws.targets)}}}'
        )

    return workload


_PILLAR_KEYS = tuple(f"{encode_basestring(p)}: " for p in PILLAR_IDS)
_in_pillar_order = itemgetter(*PILLAR_IDS)
#: One target's object, with its pillars' reasons in PILLAR_IDS order.
_TARGET = (
    '{"feasible": %s, "violations": %s, "pillars": %s, "overall": %s, "reasons": {'
    + ", ".join(f"{key}%s" for key in _PILLAR_KEYS)
    + "}, %s}"
)
