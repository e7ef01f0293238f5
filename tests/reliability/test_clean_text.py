"""Names are attacks too: terminal escapes, line breaks and bidi overrides in user text.

The attack is data (below); every test runs the real output (the CLI as users call it, the
exported SVG, PNG, PDF, Terraform files and README) and checks what a reader would see:
a terminal gets one printable line per message with the controls written as escapes, and the
documents carry no bidi control that could make a name read differently from what it is.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.export.tfcheck import all_resources, literal
from whiteboard.cli import main
from whiteboard.model import Board, Workload, save_board
from whiteboard.model.text import BIDI_CONTROLS, neutral, visible
from whiteboard.paths import DEMO_BOARD

#: Each piece alone breaks a terminal line or a reading order.
OSC_TITLE = "\x1b]0;pwned\x07"  # sets the terminal's window title
CSI_RED = "\x1b[31m"
C1_CSI = "\x9b2J"  # the one-byte CSI some terminals honour: clear screen
RLO = "\u202e"  # right-to-left override: "invoice\u202egpj.exe" shows as "invoiceexe.jpg"
ISOLATES = "\u2066\u2067\u2068\u2069"
EMBEDDINGS = "\u202a\u202b\u202c\u202d"

BOARD_NAME = f"Acme{OSC_TITLE} {CSI_RED}red\rover\nnext {RLO}fdp.cod {C1_CSI}"
WEB_NAME = f"Web {CSI_RED}shop\nline two\r{RLO}invoicegpj.exe"
GPU_NAME = f"Train{OSC_TITLE}er {ISOLATES}{EMBEDDINGS}iso"
#: What a reader should see in documents once the controls are gone.
WEB_CLEAN = "invoicegpj.exe"


def _board(web: str = WEB_NAME, gpu: str = GPU_NAME, name: str = BOARD_NAME) -> Board:
    """A web shop, a GPU trainer placed where it cannot run (a top risk quoting its name), a
    function (for the Terraform description) and a dependency cycle."""
    return Board(
        name=name,
        workloads=(
            Workload(id="web", name=web, architecture="cattle", depends_on=("api",)),
            Workload(id="api", name=f"API {RLO}ipa", depends_on=("web",)),
            Workload(id="trainer", name=gpu, gpu=True, stateful=True),
            Workload(id="hook", name=web, traffic="event_driven", max_runtime_s=30),
        ),
        placements={"web": "fargate", "api": "ec2", "trainer": "lambda", "hook": "lambda"},
    )


def _plain_board() -> Board:
    """The same board with every name plain: the shape the hostile one must keep."""
    return _board(web="Web shop", gpu="Trainer", name="Acme")


def _neutral_board() -> Board:
    """The hostile board's names as documents should draw them: controls removed."""
    return _board(*(neutral(n, keep_lines=True) for n in (WEB_NAME, GPU_NAME, BOARD_NAME)))


def _terminal_safe(text: str) -> list[str]:
    """The lines of `text`, each checked printable (no ESC, CR, C1, bidi control)."""
    lines = text.split("\n")
    assert lines[-1] == "", repr(text[-40:])
    for line in lines[:-1]:
        assert line.isprintable(), repr(line)
    return lines[:-1]


@pytest.fixture
def board_file(tmp_path: Path) -> Path:
    path = tmp_path / "board.json"
    save_board(_board(), path)
    return path


# -- the terminal ------------------------------------------------------------------------------


def test_validate_score_recommend_and_import_print_names_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, board_file: Path
) -> None:
    assert main(["validate", str(board_file)]) == 0
    captured = capsys.readouterr()
    [line] = _terminal_safe(captured.out)
    assert f"valid board '{visible(BOARD_NAME)}'" in line
    assert "\\x1b]0;pwned\\x07" in line and "\\u202e" in line and "\\x9b" in line
    assert len(_terminal_safe(captured.err)) == 1  # the dependency cycle warning

    plain = tmp_path / "plain.json"
    save_board(_plain_board(), plain)
    assert main(["score", str(plain)]) == 0
    plain_lines = _terminal_safe(capsys.readouterr().out)
    assert main(["score", str(board_file)]) == 0
    lines = _terminal_safe(capsys.readouterr().out)
    assert len(lines) == len(plain_lines)  # no name added or broke a line
    assert f"Board: {visible(BOARD_NAME)}" in lines
    assert f"web - {visible(WEB_NAME)}" in lines
    assert any(visible(GPU_NAME) in line and "cannot run" in line for line in lines)

    out = tmp_path / f"out{OSC_TITLE}\n{RLO}.json"
    assert main(["recommend", str(board_file), "-o", str(out)]) == 0
    [line] = _terminal_safe(capsys.readouterr().out)
    assert visible(str(out)) in line

    source = tmp_path / "inventory.csv"
    source.write_text(f'name\n"{WEB_NAME}"\n', encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "b.json"), "--name", GPU_NAME]) == 0
    [line] = _terminal_safe(capsys.readouterr().out)
    assert f"wrote board '{visible(GPU_NAME)}' with 1 workloads" in line


def test_score_json_keeps_the_names_and_escapes_every_control(
    capsys: pytest.CaptureFixture[str], board_file: Path
) -> None:
    """The JSON contract is unchanged: a reader decodes the names exactly as typed."""
    assert main(["score", str(board_file), "--format", "json"]) == 0
    out = capsys.readouterr().out
    _terminal_safe(out)
    data = json.loads(out)
    assert data["board"] == BOARD_NAME
    assert "\\u009b" in out and "\\u202e" in out
    assert len(data["workloads"]) == 4
    assert any(GPU_NAME in risk for risk in data["summary"]["top_risks"])


# -- CSV import errors -------------------------------------------------------------------------

HEADER = "id,name,stateful,depends_on,architecture"


@pytest.mark.parametrize(
    ("rows", "argv", "expected"),
    [
        (
            [f'a,A,"ye{OSC_TITLE}s\nno",,'],
            [],
            "inventory.csv:2: stateful: 'ye\\x1b]0;pwned\\x07s\\nno' is not a yes/no value "
            "(use true/false, yes/no or 1/0)",
        ),
        (
            [f'a,A,no,"Nob\rody{RLO}",'],
            [],
            "inventory.csv:2: depends_on: 'Nob\\rody\\u202e' is neither the id nor the name of "
            "a workload in this file",
        ),
        (
            ["a,A,no,,pet", "b,B,no,,pet", "a,C,no,,pet"],
            [],
            "inventory.csv:4: id: 'a' is already the id on line 2",
        ),
        (
            [f"a,A,no,,{CSI_RED}cow\n"],
            [],
            "inventory.csv:2: architecture: Input should be 'pet' or 'cattle', not '\\x1b[31mcow'",
        ),
        (["a,A,no,,pet"], ["--name", " \t "], "--name: must not be blank"),
    ],
    ids=["cell-with-escapes", "dependency-with-cr-and-rlo", "duplicate-id", "enum", "blank-name"],
)
def test_every_import_error_is_one_line_naming_file_line_and_column(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    rows: list[str],
    argv: list[str],
    expected: str,
) -> None:
    source = tmp_path / "inventory.csv"
    source.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "board.json"
    assert main(["import", str(source), "-o", str(out), *argv]) == 2
    [line] = _terminal_safe(capsys.readouterr().err)
    assert line == f"whiteboard: {expected}"
    assert not out.exists()


def test_a_huge_hostile_cell_gives_a_short_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "inventory.csv"
    cell = (CSI_RED + "\n" + RLO) * 10_000
    source.write_text(f'{HEADER}\n,A,"{cell}",,\n', "utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "b.json")]) == 2
    [line] = _terminal_safe(capsys.readouterr().err)
    assert line.startswith("whiteboard: inventory.csv:2: stateful: '\\x1b[31m\\n\\u202e")
    assert "…'" in line and len(line) < 200


# -- --weights ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "weights",
    [
        "security=1\n2",
        f"security=1{CSI_RED}",
        f"secu{OSC_TITLE}rity=1",
        f"security\r\n{RLO}",
        "security=" + "9\n" * 5_000,
    ],
)
@pytest.mark.parametrize("command", ["score", "recommend"])
def test_weights_errors_are_one_line_whatever_the_text_holds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, weights: str, command: str
) -> None:
    argv = [command, str(DEMO_BOARD), "--weights", weights]
    if command == "recommend":
        argv += ["-o", str(tmp_path / "out.json")]
    assert main(argv) == 2
    [line] = _terminal_safe(capsys.readouterr().err)
    assert line.startswith("whiteboard: --weights: ") and len(line) < 300
    assert not (tmp_path / "out.json").exists()


# -- documents: no bidi control survives -------------------------------------------------------


@pytest.fixture(scope="module")
def exported() -> dict[str, bytes]:
    """Every export of the hostile board, rendered as `whiteboard export` renders it (the
    writing step, being reworked elsewhere, is not under test here), by file name; plus the
    PNGs of the board whose names are the hostile ones without their controls."""
    from whiteboard.export.handout import render_handout
    from whiteboard.export.terraform import render_terraform
    from whiteboard.render.qt_image import scene_to_png
    from whiteboard.render.svg import scene_to_svg
    from whiteboard.scoring import score_board
    from whiteboard.slides.chart import pets_cattle_chart
    from whiteboard.slides.compute import compute_slide

    files: dict[str, bytes] = {}
    for board, stem in ((_board(), "slide"), (_neutral_board(), "neutral")):
        scores = score_board(board)
        scenes = {"": compute_slide(board, scores), "-chart": pets_cattle_chart(board, scores)}
        for suffix, scene in scenes.items():
            files[f"{stem}{suffix}.png"] = scene_to_png(scene, 1920, 1080)
            files[f"{stem}{suffix}.svg"] = scene_to_svg(scene).encode()
        if stem == "slide":
            stubs = render_terraform(board)
            files |= {f"stubs/{name}": text.encode() for name, text in stubs.items()}
            files["handout.pdf"] = render_handout(board, scores, terraform_files=stubs)
    return files


def _no_bidi(text: str) -> bool:
    return not BIDI_CONTROLS.intersection(text)


def test_svg_text_has_no_bidi_or_terminal_controls(exported: dict[str, bytes]) -> None:
    for name in ("slide.svg", "slide-chart.svg"):
        root = ET.fromstring(exported[name])
        texts = ["".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")]
        assert texts
        for text in texts:
            assert _no_bidi(text) and "\x1b" not in text, repr(text)
        assert "API ipa" in texts  # the name is kept, only its override is gone


def test_png_draws_a_hostile_name_as_it_draws_the_name_without_controls(
    exported: dict[str, bytes],
) -> None:
    """Qt applies the bidi algorithm when it paints: an override left in would turn the text
    around, and the pixels would differ from those of the board whose names lack it."""
    for suffix in ("", "-chart"):
        hostile = exported[f"slide{suffix}.png"]
        assert hostile.startswith(b"\x89PNG")
        assert hostile == exported[f"neutral{suffix}.png"]


def test_pdf_text_outline_and_title_have_no_bidi_controls(exported: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(exported["handout.pdf"]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert _no_bidi(text)
    assert WEB_CLEAN in text.replace("\n", "")
    titles = list(_outline_titles(reader.outline))
    assert any("invoicegpj" in title for title in titles)
    assert all(_no_bidi(title) and title.isprintable() for title in titles)
    title = reader.metadata.title
    assert title is not None and _no_bidi(title) and title.isprintable()


def _outline_titles(outline: list) -> Iterator[str]:
    for item in outline:
        if isinstance(item, list):
            yield from _outline_titles(item)
        else:
            yield item.title


def test_terraform_comments_readme_and_tags_drop_bidi_but_strings_keep_it_escaped(
    exported: dict[str, bytes],
) -> None:
    files = {
        name.removeprefix("stubs/"): data.decode()
        for name, data in exported.items()
        if name.startswith("stubs/")
    }
    assert "README.md" in files and "lambda.tf" in files
    for name, text in files.items():
        assert _no_bidi(text) and "\x1b" not in text, name
    comments = [
        line for name, text in files.items() if name.endswith(".tf") for line in text.split("\n")
    ]
    assert any(line.lstrip().startswith("#") and WEB_CLEAN in line for line in comments)
    assert WEB_CLEAN in files["README.md"]
    functions = all_resources(files, "aws_lambda_function")
    assert literal(functions["hook"]["description"]) == WEB_NAME
    assert "\\u202e" in files["lambda.tf"]
    bodies = all_resources(files).values()
    tags = [literal(body["tags"]["Name"]) for body in bodies if "tags" in body]
    assert "API ipa" in tags and all(_no_bidi(tag) for tag in tags)
