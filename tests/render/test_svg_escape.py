"""The SVG writer escapes text and attributes exactly as `xml.sax.saxutils` would (it keeps
its own copy: importing saxutils costs `export --svg` a twentieth of a second)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from hypothesis import given
from hypothesis import strategies as st

from whiteboard.render.svg import _escape, _quoteattr

MARKUP = st.text(alphabet=st.sampled_from("ab&<>\"'\n\r\t -–ü😀"), max_size=12)


@given(MARKUP)
def test_text_is_escaped_as_saxutils_does(text: str) -> None:
    assert _escape(text) == escape(text)


@given(MARKUP)
def test_attributes_are_quoted_as_saxutils_does(text: str) -> None:
    assert _quoteattr(text) == quoteattr(text)


def test_svg_export_does_not_import_saxutils() -> None:
    import subprocess
    import sys

    code = "import sys, whiteboard.render.svg; print('xml.sax.saxutils' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
