"""Exports of boards with arbitrary names: Terraform that parses and means the same, PDFs that open.

Each board is rendered twice: as drawn, and with every piece of user text (board name, notes,
workload names and kinds) swapped for plain words. User text may only ever land inside string
literals, so the two renders must parse to the same structure once string literals are masked,
and carry the same live `${...}` / `%{...}` template sequences.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

import hcl2
import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from tests.reliability.strategies import boards
from whiteboard.export.handout import render_handout
from whiteboard.export.terraform import render_terraform
from whiteboard.export.terraform_shapes import DAEMON_KINDS, kind_words, port_of
from whiteboard.model import Board, Workload

_SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def plain_twin(board: Board) -> Board:
    """The same board with every piece of free text replaced by harmless words. What a kind
    means to the stubs (its port, whether it runs on every host) is kept."""
    workloads = tuple(
        Workload.model_validate(
            {
                **w.model_dump(),
                "name": f"Name {i}",
                "kind": "agent" if kind_words(w) & DAEMON_KINDS else "service",
                "port": port_of(w),
            }
        )
        for i, w in enumerate(board.workloads)
    )
    return board.with_fields(name="Plain board", notes="", workloads=workloads)


def _live_templates(text: str) -> list[str]:
    """`${...}` and `%{...}` sequences HCL would evaluate; `$${` and `%%{` are escapes."""
    found, index = [], 0
    while index < len(text):
        if text.startswith(("$${", "%%{"), index):
            index += 3
        elif text.startswith(("${", "%{"), index):
            end = text.find("}", index)
            found.append(text[index : end + 1 if end >= 0 else len(text)])
            index += 2
        else:
            index += 1
    return found


_COMMENT_KEYS = ("__comments__", "__inline_comments__")


def _masked_comments(comments: Any) -> Any:
    """Comments may quote user text; how many there are is part of the shape."""
    return ["<comment>" for _ in comments] if isinstance(comments, list) else "<comment>"


def _shape(value: Any, templates: Counter[str]) -> Any:
    """The parsed tree with string literals masked; live templates counted on the way."""
    if isinstance(value, dict):
        return {
            key: _masked_comments(inner) if key in _COMMENT_KEYS else _shape(inner, templates)
            for key, inner in value.items()
        }
    if isinstance(value, list):
        return [_shape(inner, templates) for inner in value]
    if isinstance(value, str):
        templates.update(_live_templates(value))
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            return "<string>"
    return value


def terraform_shape(board: Board) -> tuple[dict[str, Any], Counter[str]]:
    templates: Counter[str] = Counter()
    shapes = {}
    for name, text in render_terraform(board).items():
        if name.endswith(".tf"):
            shapes[name] = _shape(hcl2.loads(text), templates)  # raises on invalid HCL
    return shapes, templates


@_SETTINGS
@given(board=boards(max_workloads=6))
def test_terraform_for_arbitrary_names_parses_and_user_text_stays_in_strings(
    board: Board,
) -> None:
    shape, templates = terraform_shape(board)
    plain_shape, plain_templates = terraform_shape(plain_twin(board))
    assert shape == plain_shape
    assert templates == plain_templates


def test_the_shape_check_sees_text_that_escapes_its_string() -> None:
    """What the property looks for, shown on hand-made HCL: a broken-out name changes shape."""
    safe = hcl2.loads('locals {\n  name = "a $${b} %%{c}"\n}\n')
    escaped = hcl2.loads('locals {\n  name = "a"\n  extra = "b"\n}\n')
    live = hcl2.loads('locals {\n  name = "a ${file("x")}"\n}\n')
    counted: Counter[str] = Counter()
    assert _shape(safe, counted) != _shape(escaped, Counter())
    assert counted == Counter()
    _shape(live, counted)
    assert list(counted) == ['${file("x")}']


@pytest.mark.parametrize("name", ["50%{", "cost ${", "$${", "%%{ open"])
def test_names_with_an_unclosed_template_sequence_parse_as_written(name: str) -> None:
    board = Board(name="Gap", workloads=(Workload(id="w1", name=name),), placements={"w1": "ec2"})
    for file_name, text in render_terraform(board).items():
        if file_name.endswith(".tf"):
            hcl2.loads(text)


_MARK = re.compile(r"zq(\d+)zq")


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(board=boards(max_workloads=4))
def test_the_handout_for_arbitrary_names_opens_and_names_every_workload(board: Board) -> None:
    marked = board.with_fields(
        workloads=tuple(
            w.model_copy(update={"name": f"zq{i}zq {w.name}"[:200]})
            for i, w in enumerate(board.workloads)
        )
    )
    data = render_handout(marked)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    text = "\n".join(page.extract_text() for page in reader.pages)
    found = {int(number) for number in _MARK.findall(text)}
    assert found >= set(range(len(board.workloads)))
