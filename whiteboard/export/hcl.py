"""Small HCL helpers: quoted strings, identifiers, comments and `terraform fmt` alignment.

User text (board and workload names) reaches the Terraform files only through `quote` (inside
strings) or `comment` (after `#`), so nothing a user types can end a string, start an
interpolation (`${...}` would let Terraform read local files) or run a template directive.
Bidi controls (U+202E and friends, which make text read differently from what it is) are
escaped inside strings, so the value survives and shows, and dropped from comments.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from whiteboard.model.text import BIDI_CONTROLS, one_line

K = TypeVar("K")

_SIMPLE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_NOT_IDENTIFIER_CHAR = re.compile(r"[^A-Za-z0-9_]+")
_UNDERSCORES = re.compile(r"__+")
_BIDI = "".join(sorted(BIDI_CONTROLS))
_NEEDS_ESCAPE = re.compile(f'[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}"\\\\]|[$%]\\{{')


def escape(text: str) -> str:
    r"""The body of an HCL quoted string that Terraform reads back as exactly `text`.

    A literal `${` or `%{` is written `\u0024{` / `\u0025{`: Terraform decodes these after it
    has looked for template sequences, so they stay text (checked with real `terraform apply`
    in tests/export/test_hcl.py). The documented `$${` / `%%{` means the same to Terraform, but
    python-hcl2 rejects it when no `}` follows, and reviewers' tools should parse our output.
    """
    if not _NEEDS_ESCAPE.search(text):
        return text
    out: list[str] = []
    for index, char in enumerate(text):
        if char in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[char])
        elif char in "$%" and text[index + 1 : index + 2] == "{":
            out.append("\\u0024" if char == "$" else "\\u0025")
        elif _is_control(char):
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return "".join(out)


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029) or char in BIDI_CONTROLS


def quote(text: str) -> str:
    """A complete HCL quoted string holding exactly `text`."""
    return f'"{escape(text)}"'


def comment(text: str, limit: int = 120) -> str:
    """User text made safe for the rest of a `#` comment line (and, through `_markdown`, for
    the README): one line, no control or bidi characters (`text.one_line`), cut to `limit`."""
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def identifier(text: str) -> str:
    """A Terraform identifier from any text: letters, digits and `_`, never starting with a digit.

    Hyphens become underscores (the Terraform style) and runs of underscores one, so a double
    underscore can join two identifiers unambiguously; a digit or nothing at the start gets `w_`.
    """
    name = _UNDERSCORES.sub("_", _NOT_IDENTIFIER_CHAR.sub("_", text)).strip("_").lower()
    if not name or not (name[0].isalpha() or name[0] == "_"):
        name = f"w_{name}"
    return name


def is_identifier(text: str) -> bool:
    return bool(_IDENTIFIER_RE.match(text))


def unique_identifiers(keys: Iterable[str]) -> dict[str, str]:
    """key -> identifier, unique and independent of order: clashes get a short hash of the key.

    `web-shop` and `web_shop` both map to `web_shop` at first; each then gets its own suffix, so
    adding a workload never renames the resources of another.
    """
    return unique_names({key: identifier(key) for key in keys})


def unique_names(candidates: Mapping[K, str]) -> dict[K, str]:
    """key -> its candidate name, with a short hash of the key added wherever candidates clash."""
    counts: dict[str, int] = {}
    for name in candidates.values():
        counts[name] = counts.get(name, 0) + 1
    return {
        key: name if counts[name] == 1 else f"{name}_{short_hash(repr(key))}"
        for key, name in candidates.items()
    }


def short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


# -- terraform fmt alignment ------------------------------------------------------------------

#: Strings (skipped whole), comments, comparison operators, `=` and brackets.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|#.*|//.*|==|!=|<=|>=|=>|[=()\[\]{}]')


def _split_assignment(line: str) -> int | None:
    """Index of the `=` of a single-line attribute (`key = value` whose value closes on the line).

    Mirrors hclwrite: a line whose value opens more brackets than it closes starts a multi-line
    expression and takes no part in alignment; `==`, `!=`, `<=`, `>=` and `=>` are not assignments.
    """
    if "=" not in line:
        return None
    equals: int | None = None
    depth = 0
    for match in _TOKEN.finditer(line):
        token = match.group()
        first = token[0]
        if first == '"' or (len(token) == 2 and first not in "#/"):
            continue
        if first in "#/":
            break
        if token == "=":
            if equals is None:
                if not line[: match.start()].strip():
                    return None
                equals = match.start()
        elif equals is not None:
            depth += 1 if token in "([{" else -1
    return equals if equals is not None and depth == 0 else None


def align_attributes(text: str) -> str:
    """Align the `=` of consecutive single-line attributes the way `terraform fmt` does."""
    lines = text.split("\n")
    out: list[str] = []
    chain: list[tuple[str, str]] = []

    def flush() -> None:
        width = max((len(lead) for lead, _ in chain), default=0)
        out.extend(f"{lead.ljust(width)} = {rest}" for lead, rest in chain)
        chain.clear()

    for line in lines:
        equals = _split_assignment(line)
        if equals is None:
            flush()
            out.append(line)
        else:
            chain.append((line[:equals].rstrip(), line[equals + 1 :].strip()))
    flush()
    return "\n".join(out)
