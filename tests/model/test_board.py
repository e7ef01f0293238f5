"""Board and Workload validation: the contracts of DESIGN.md, enforced."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from whiteboard.model import DEFAULT_WEIGHTS, PILLAR_IDS, Board, Workload, slugify


def _board(**fields: object) -> Board:
    base: dict[str, object] = {"name": "Workshop", "workloads": [{"id": "a", "name": "A"}]}
    base.update(fields)
    return Board.model_validate(base)


def test_workload_defaults_cover_every_field_but_id_and_name() -> None:
    workload = Workload(id="web", name="Web")
    assert workload.architecture == "pet"
    assert workload.max_runtime_s is None and workload.always_on
    assert workload.os == "linux" and workload.traffic == "steady"
    assert workload.compliance == () and workload.depends_on == ()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("vcpu", 0),
        ("vcpu", 1921),
        ("memory_gib", -1),
        ("memory_gib", 32_769),
        ("ephemeral_storage_gib", -0.5),
        ("max_runtime_s", 0),
        ("os", "beos"),
        ("traffic", "bursty"),
        ("architecture", "sheep"),
        ("ops_maturity", "expert"),
        ("id", "Not A Slug"),
        ("id", "-leading"),
        ("name", ""),
        ("compliance", ["pci", "PCI"]),
        ("surprise", 1),
    ],
)
def test_workload_rejects_out_of_contract_values(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        Workload.model_validate({"id": "w", "name": "W", field: value})


def test_workload_bounds_are_inclusive() -> None:
    workload = Workload(id="big", name="Big", vcpu=448, memory_gib=24_576)
    assert (workload.vcpu, workload.memory_gib) == (448, 24_576)


def test_workload_cannot_depend_on_itself() -> None:
    with pytest.raises(ValidationError, match="cannot depend on itself"):
        Workload(id="a", name="A", depends_on=("a",))


def test_compliance_words_are_normalised_to_lower_case() -> None:
    assert Workload(id="p", name="P", compliance=[" PCI ", "Hipaa"]).compliance == ("pci", "hipaa")


def test_board_rejects_duplicate_ids() -> None:
    with pytest.raises(ValidationError, match=r"workloads\[1\]\.id: 'a' is already the id"):
        _board(workloads=[{"id": "a", "name": "A"}, {"id": "a", "name": "B"}])


def test_board_rejects_dangling_dependency_and_placement() -> None:
    with pytest.raises(ValidationError, match="names unknown workload 'ghost'"):
        _board(workloads=[{"id": "a", "name": "A", "depends_on": ["ghost"]}])
    with pytest.raises(ValidationError, match=r"placements\.ghost"):
        _board(placements={"ghost": "ec2"})


def test_board_rejects_unknown_target() -> None:
    with pytest.raises(ValidationError):
        _board(placements={"a": "mainframe"})


def test_weights_are_completed_with_defaults_and_bounded() -> None:
    board = _board(weights={"security": 3})
    assert board.weights["security"] == 3
    assert board.weights["sustainability"] == DEFAULT_WEIGHTS["sustainability"]
    assert set(board.weights) == set(PILLAR_IDS)
    with pytest.raises(ValidationError):
        _board(weights={"security": -1})
    with pytest.raises(ValidationError):
        _board(weights={"speed": 1})
    with pytest.raises(ValidationError, match="at least one pillar"):
        _board(weights=dict.fromkeys(PILLAR_IDS, 0))


def test_board_is_frozen() -> None:
    board = _board()
    with pytest.raises(ValidationError):
        board.name = "changed"  # type: ignore[misc]


def test_edits_return_new_valid_boards(demo_board: Board) -> None:
    moved = demo_board.with_placement("thumbnails", "fargate")
    assert moved.placement("thumbnails") == "fargate"
    assert demo_board.placement("thumbnails") == "lambda"
    assert moved.with_placement("thumbnails", None).placement("thumbnails") is None

    added = demo_board.with_workload(Workload(id="new-one", name="New"), index=0)
    assert added.workloads[0].id == "new-one" and len(added.workloads) == 13

    with pytest.raises(ValueError, match="needed by"):
        demo_board.without_workload("orders-db")
    removed = demo_board.without_workload("thumbnails")
    assert not removed.has_workload("thumbnails") and "thumbnails" not in removed.placements


def test_edit_that_breaks_an_invariant_is_refused(demo_board: Board) -> None:
    with pytest.raises(ValidationError):
        demo_board.with_placement("web-shop", "mainframe")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        demo_board.with_placement("nobody", "ec2")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Web Shop (EU)", "web-shop-eu"),
        ("  ", "workload"),
        ("Ünïcode déjà", "unicode-deja"),
        ("Payment gateway für Österreich", "payment-gateway-fur-osterreich"),
        ("Straße Łódź Ærø", "strasse-lodz-aero"),
        ("東京 データ", "workload"),
        ("ＡＢＣ full width", "abc-full-width"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("field", "value"),
    [("vcpu", True), ("max_runtime_s", False), ("stateful", "yes"), ("gpu", 1), ("privileged", "")],
)
def test_workload_refuses_loose_types_a_hand_edited_file_might_hold(
    field: str, value: object
) -> None:
    with pytest.raises(ValidationError):
        Workload.model_validate({"id": "w", "name": "W", field: value})
