"""User text made safe for where it is shown.

Names and notes can hold anything a keyboard, a CSV or an attacker can type: line breaks,
terminal escapes (ESC [ ... m, OSC sequences), and the bidi overrides and isolates that make text
read differently from how it is stored (U+202E turns "exe.txt" around). Two treatments:

- `visible`: for a terminal or an error line, every such character written as an escape
  (`\\x1b`, `\\u202e`), so what is there can be seen and nothing acts on the terminal.
- `neutral`: for documents (PDF, SVG, PNG, Terraform comments and README, the window), bidi
  controls and other control characters removed; line breaks and tabs are kept where the
  caller allows them.

`clipped` and `quoted` are `visible` cut to a length, for a value inside a one-line message;
`json_visible` finishes JSON text that keeps non-ASCII letters readable (`ensure_ascii=False`).
"""

from __future__ import annotations

import re

#: Embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))

_BIDI = "".join(sorted(BIDI_CONTROLS))
#: C0 and C1 controls (DEL included) but tab and the line breaks, and bidi controls.
_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_OR_BREAK = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")


def visible(text: str) -> str:
    """`text` on one line with every control, invisible or bidi character as an escape."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def neutral(text: str, *, keep_lines: bool = False) -> str:
    """`text` without bidi controls and control characters. Line breaks and tabs become spaces
    unless `keep_lines`, in which case they stay as they are."""
    pattern = _UNSAFE if keep_lines else _UNSAFE_OR_BREAK
    if not pattern.search(text):
        return text
    if keep_lines:
        return pattern.sub("", text)
    return pattern.sub(lambda m: " " if m.group() in "\t\n\r\u2028\u2029" else "", text)


def one_line(text: str) -> str:
    """`neutral` text with its white space folded: for titles, outline entries, labels."""
    return " ".join(neutral(text).split())


def clipped(text: str, limit: int = 80) -> str:
    """`visible(text)`, cut to `limit` characters with an ellipsis (escapes count as written)."""
    shown = visible(text[: limit + 1])
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def quoted(text: str, limit: int = 60) -> str:
    """A user's value inside a message: `'value'`, visible and cut (`'a very lo…'`)."""
    return f"'{clipped(text, limit)}'"


def json_visible(json_text: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with every character `visible`
    would escape also written as a `\\u` escape: DEL, C1 controls, bidi controls, separators.
    `json.dumps` escapes only the C0 controls; the rest can only occur inside strings, so every
    JSON reader decodes the same value while a terminal shown the text has nothing to act on.
    Line breaks between values (one workload per line) stay."""
    lines = json_text.split("\n")
    if all(line.isprintable() for line in lines):
        return json_text
    return "\n".join(
        line if line.isprintable() else "".join(map(_json_char, line)) for line in lines
    )


def _json_char(char: str) -> str:
    if char.isprintable():
        return char
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key in which numbers compare as numbers, without regard to case: 'app-2'
    before 'App-10' (inventories number their folders and waves)."""
    return tuple(
        (0, int(part)) if index % 2 else (1, part.casefold())
        for index, part in enumerate(_DIGITS.split(text))
    )
