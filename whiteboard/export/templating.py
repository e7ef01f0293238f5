"""Jinja2 as every generated text file here is rendered (Terraform stubs, the lens's README and
load script): a missing variable is an error, never an empty string; nothing is HTML-escaped
(each filter quotes for its own language); files keep their final newline and block tags
leave no blank lines behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2


def environment(folder: Path, **options: Any) -> jinja2.Environment:
    """An environment loading the templates of `folder`; `options` override the defaults."""
    settings: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "autoescape": False,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
        **options,
    }
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), **settings)
