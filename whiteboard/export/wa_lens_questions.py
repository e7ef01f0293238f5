"""How the Well-Architected custom lens reads a placement: questions, choices and risk rules.

The questions themselves, one per family of rules of docs/scoring.md and one per pillar for its
score band, are written in `wa_lens_families`; this module gives them their shape. Every choice
is a favourable state the placement can be in, read off the placement's own reasons: each
`Factor` is assigned to the rule that made it (`rule_of`), and a choice is selected when its
rules take no points away there (`no_loss`), or add some (`gain`). A factor no rule claims is
a scoring rule without a question: an error that names it, caught by the tests.

A choice weighs `major` when its rules can take away at least the width of the fair score band
(`theme.GOOD_FROM - theme.FAIR_FROM`), `minor` when less, `info` when it never sets the risk.
Each question's risk rules follow (see `risk_rules`): every counted choice selected is no risk;
every major one selected is medium risk; anything else is the `default`, high risk when the
question has a major choice and medium when it has none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from whiteboard.catalog import Limit, default_catalog
from whiteboard.export.transaction import ExportError
from whiteboard.model import PILLAR_IDS
from whiteboard.model.vocab import PILLAR_TITLES
from whiteboard.scoring import rules as r
from whiteboard.scoring.results import Factor, TargetScore
from whiteboard.slides.theme import FAIR_FROM, GOOD_FROM

Weight = Literal["major", "minor", "info"]
#: Our pillar id -> (the AWS id that maps a lens pillar onto the Framework's, the name as AWS
#: writes it, the short prefix of our question ids, the pillar's page in the Framework).
AWS_PILLARS: dict[str, tuple[str, str, str, str]] = {
    "operational_excellence": (
        "operationalExcellence", "Operational Excellence", "ops", "operational-excellence"
    ),
    "security": ("security", "Security", "sec", "security"),
    "reliability": ("reliability", "Reliability", "rel", "reliability"),
    "performance_efficiency": (
        "performance", "Performance Efficiency", "perf", "performance-efficiency"
    ),
    "cost_optimization": ("costOptimization", "Cost Optimization", "cost", "cost-optimization"),
    "sustainability": ("sustainability", "Sustainability", "sus", "sustainability"),
}  # fmt: skip
assert tuple(AWS_PILLARS) == PILLAR_IDS, "every pillar needs its Framework id"
#: A choice id ending so is the spec's "None of these" choice.
NONE_SUFFIX = "_no"


def pillar_page(pillar: str) -> str:
    """The pillar's page in the AWS Well-Architected Framework."""
    folder = AWS_PILLARS[pillar][3]
    return f"https://docs.aws.amazon.com/wellarchitected/latest/{folder}-pillar/welcome.html"


# -- Which rule made a factor ------------------------------------------------------------------

#: The catalog's per-target rows (Rule or null) that each pillar applies, by rule name.
_ROWS: dict[str, tuple[str, ...]] = {
    "operational_excellence": ("hardware_counters_fit", "hardware_virtualisation_fit"),
    "security": ("isolation", "privileged_shared_host"),
    "reliability": ("cattle_replacement", "pet_fragility", "multi_az_by_default", "stateful"),
    "performance_efficiency": ("gpu_fit", "big_memory_fit", "scale_speed"),
    "cost_optimization": ("licence_byol_fit", "pet_replatform_cost"),
    "sustainability": (),
}
_DEPENDENCY_POINTS = {r.DEPENDENCY_DIRECT_POINTS} | {
    n * r.DEPENDENCY_INDIRECT_POINTS for n in range(1, r.DEPENDENCY_INDIRECT_CAP + 1)
}
_UTILISATION = {
    label.format(traffic=words) for label in r.UTILISATION_LABELS.values()
    for words in r.TRAFFIC_WORDS.values()
}  # fmt: skip
Test = Callable[[Factor], bool]
#: The rules each pillar applies that have no catalog row, in the order they are tried.
_FIXED: dict[str, tuple[tuple[str, Test], ...]] = {
    "operational_excellence": (
        ("layers", lambda f: not f.specific),
        ("architecture_fit", lambda f: f.label in r.ARCHITECTURE_FIT_LABELS.values()),
        ("unconfirmed", lambda f: f.doubt),
        ("scratch_volume", lambda f: f.points == r.SCRATCH_VOLUME_OPS),
    ),
    "security": (
        ("patching", lambda f: not f.specific),
        ("compliance_unconfirmed", lambda f: f.doubt),
        ("compliance_not_listed", lambda f: f.points == r.COMPLIANCE_NOT_LISTED),
    ),
    "reliability": (
        ("sync_timeout", lambda f: f.points == r.SYNC_TIMEOUT_POINTS),
        ("dependencies", lambda f: f.points in _DEPENDENCY_POINTS),
    ),
    "performance_efficiency": (
        ("cold_starts", lambda f: r.COLD_START_REMEDY in f.label),
        ("headroom", lambda f: f.points == r.HEADROOM_POINTS),
    ),
    "cost_optimization": (
        ("estimate", lambda f: r.COST_FLOOR_POINTS <= f.points <= r.COST_CHEAPEST_POINTS),
    ),
    "sustainability": (
        ("utilisation", lambda f: f.label in _UTILISATION),
        ("small_on_metal", lambda f: f.points == r.SMALL_ON_METAL_SUSTAINABILITY),
    ),
}


def rule_of(pillar: str, factor: Factor, target: str) -> str:
    """The rule behind one reason of a pillar on a target; ExportError when none claims it."""
    rows = default_catalog().target(target).scoring
    for name in _ROWS[pillar]:
        row = getattr(rows, name)
        if row is not None and row.label == factor.label:
            return name
    for name, test in _FIXED[pillar]:
        if test(factor):
            return name
    raise ExportError(
        f"the Well-Architected lens has no question for the {PILLAR_TITLES[pillar]} reason "
        f"'{factor.label}': a scoring rule needs a question in export/wa_lens_questions.py"
    )


@dataclass(frozen=True, slots=True)
class Seen:
    """One placement as the choices read it: its score and its reasons by rule."""

    score: TargetScore
    by_rule: Mapping[str, tuple[Factor, ...]]

    @classmethod
    def of(cls, score: TargetScore) -> Seen:
        found: dict[str, list[Factor]] = {}
        for pillar, factors in score.reasons.items():
            for factor in factors:
                found.setdefault(rule_of(pillar, factor, score.target), []).append(factor)
        return cls(score, {rule: tuple(fs) for rule, fs in found.items()})

    def points(self, *rules: str) -> list[float]:
        return [f.points for rule in rules for f in self.by_rule.get(rule, ())]


# -- How much a rule can take away -------------------------------------------------------------


def _rows_worst(*names: str) -> float:
    return min(
        sum(row.points for n in names if (row := getattr(t.scoring, n)) is not None)
        for t in default_catalog().targets
    )


@cache
def worst(rule: str) -> float:
    """The most points `rule` can take away from one pillar score (0 if it only adds)."""
    targets = default_catalog().targets
    fixed = {
        "layers": min(
            (len(t.provider_layers) - r.OPS_NEUTRAL_LAYERS) * max(r.OPS_POINTS_PER_LAYER.values())
            for t in targets
        ),
        "architecture_fit": min(
            min(t.scoring.architecture_fit.pet, t.scoring.architecture_fit.cattle) for t in targets
        ),
        "unconfirmed": r.UNCONFIRMED_FIT,
        "scratch_volume": r.SCRATCH_VOLUME_OPS,
        "patching": min(r.SECURITY_SELF_PATCH.values()),
        "compliance_not_listed": r.COMPLIANCE_NOT_LISTED,
        "compliance_unconfirmed": r.COMPLIANCE_UNCONFIRMED,
        "sync_timeout": r.SYNC_TIMEOUT_POINTS,
        "dependencies": r.DEPENDENCY_DIRECT_CAP * r.DEPENDENCY_DIRECT_POINTS
        + r.DEPENDENCY_INDIRECT_CAP * r.DEPENDENCY_INDIRECT_POINTS,
        "cold_starts": min(p for row in r.COLD_START.values() for p in row.values()),
        "headroom": 2 * r.HEADROOM_POINTS,
        "estimate": r.COST_FLOOR_POINTS,
        "utilisation": min(min(t.scoring.utilisation.model_dump().values()) for t in targets),
        "small_on_metal": r.SMALL_ON_METAL_SUSTAINABILITY,
    }
    return min(0.0, fixed[rule] if rule in fixed else _rows_worst(rule))


def _weight_of(rules: tuple[str, ...]) -> Weight:
    # A rule that can move a score across the whole fair band is a major one.
    return "major" if sum(worst(rule) for rule in rules) <= FAIR_FROM - GOOD_FROM else "minor"


# -- Questions and choices ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    name: str
    title: str
    #: What the choice means, and what to do when it is not selected.
    helpful: str
    improvement: str
    url: str
    test: Callable[[Seen], bool]
    weight: Weight
    #: The rules the choice reads, whose reasons the answer's notes quote.
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Question:
    pillar: str
    name: str
    title: str
    description: str
    url: str
    choices: tuple[Choice, ...]
    #: The pillar's score band question: its notes quote every reason of the pillar.
    band: bool = False

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules whose reasons the notes quote, in the order the choices name them."""
        return tuple(dict.fromkeys(rule for choice in self.choices for rule in choice.rules))

    @property
    def id(self) -> str:
        return f"{AWS_PILLARS[self.pillar][2]}_{self.name}"

    def choice_id(self, choice: Choice) -> str:
        return f"{self.id}_{choice.name}"

    @property
    def none_id(self) -> str:
        return f"{self.id}{NONE_SUFFIX}"


def no_loss(name: str, title: str, helpful: str, fix: str, url: str, *rules: str) -> Choice:
    """A choice selected when none of `rules` takes points away on the placement."""

    def test(seen: Seen) -> bool:
        return all(points >= 0 for points in seen.points(*rules))

    return Choice(name, title, helpful, fix, url, test, _weight_of(rules), rules)


def gain(
    name: str, title: str, helpful: str, fix: str, url: str, rule: str, weight: Weight
) -> Choice:
    """A choice selected when `rule` adds points on the placement."""

    def test(seen: Seen) -> bool:
        return any(points > 0 for points in seen.points(rule))

    return Choice(name, title, helpful, fix, url, test, weight, (rule,))


def fact(limit: str, when: Callable[[object], bool] | None = None) -> Limit:
    """The first confirmed fact `limit` of a target (in rank order) whose value is set, or for
    which `when` holds: the page the lens cites for a rule, and the value it quotes."""
    test = when or (lambda value: value is not None and value is not False)
    for target in default_catalog().targets:
        found = getattr(target.limits, limit)
        if found.confirmed and test(found.value):
            return found
    raise ExportError(f"the Well-Architected lens cites {limit}, which no target documents")


def source(limit: str, when: Callable[[object], bool] | None = None) -> str:
    return str(fact(limit, when).source)


def risk_rules(question: Question) -> list[dict[str, str]]:
    """The question's risk rules, least risky first, the `default` last."""
    counted = [question.choice_id(c) for c in question.choices if c.weight != "info"]
    major = [question.choice_id(c) for c in question.choices if c.weight == "major"]
    found = [{"condition": " && ".join(counted), "risk": "NO_RISK"}]
    if major and len(major) < len(counted):
        found.append({"condition": " && ".join(major), "risk": "MEDIUM_RISK"})
    found.append({"condition": "default", "risk": "HIGH_RISK" if major else "MEDIUM_RISK"})
    return found


def selected(question: Question, seen: Seen) -> list[str]:
    """The choice ids the placement satisfies; the "None of these" choice when none."""
    chosen = [question.choice_id(c) for c in question.choices if c.test(seen)]
    return chosen or [question.none_id]
