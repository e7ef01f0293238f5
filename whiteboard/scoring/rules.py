"""Every weight the scoring uses, in one table, so a rule can be read and tuned in one place.

Each pillar starts at BASE_SCORE and the rules add or subtract points; the sum is clamped to
0..100. The points that differ per target (its row of each rule table) live with the target in
the catalog (`whiteboard/catalog/targets.json`, `scoring`); the ones here hold for every target.
Every applied rule becomes a `Factor(label, points)` so the number can be explained. Labels
are written for architects in a workshop: short, concrete, our own words. docs/scoring.md
explains each rule in plain language; keep the two in step.
"""

from __future__ import annotations

from typing import Final

BASE_SCORE: Final = 50.0
SCORE_MIN: Final = 0.0
SCORE_MAX: Final = 100.0


# -- Operational excellence ---------------------------------------------------------------------

#: Points per provider-run layer above (or below) the middle of the stack. A low-maturity team
#: gains most when the provider takes layers off its hands, and loses most when it must run them.
OPS_POINTS_PER_LAYER: Final = {"low": 7.0, "medium": 5.0, "high": 3.0}
#: Provider-run layers at which the ops rule is neutral (containers on EC2 run three).
OPS_NEUTRAL_LAYERS: Final = 3

#: A workload needs something a target offers only by a fact no AWS page confirmed: not a hard
#: limit, but a risk the room should check first (one factor, whatever the count).
UNCONFIRMED_FIT: Final = -12.0
UNCONFIRMED_PREFIX: Final = "Not confirmed in AWS documentation"

#: Scratch beyond local storage on a volume attached to each unit (an ECS-managed EBS volume).
SCRATCH_VOLUME_OPS: Final = -3.0

ARCHITECTURE_FIT_LABELS: Final = {
    ("pet", True): "A pet moves as it is onto a host it can keep (lift and shift)",
    ("pet", False): "A pet has to be re-architected into disposable units first",
    ("cattle", True): "Disposable units built for automation end up on hand-built hosts",
    ("cattle", False): "Disposable units fit a platform built to replace them",
}

# -- Security -----------------------------------------------------------------------------------

#: Who patches the operating system under the workload: one factor, whoever it is. When the
#: provider does, a fixed plus; when the team does, the less mature the team, the bigger the gap.
SECURITY_PROVIDER_PATCHES: Final = (6.0, "AWS patches the operating system under it")
SECURITY_SELF_PATCH: Final = {"low": -10.0, "medium": -6.0, "high": -2.0}
#: A regime the target is not in scope for: regulated data needs an exception or another home.
COMPLIANCE_NOT_LISTED: Final = -30.0
#: A regime whose scope on the target no AWS page confirmed: check before relying on it.
COMPLIANCE_UNCONFIRMED: Final = -25.0

# -- Reliability --------------------------------------------------------------------------------

#: A dependency that is a single point of failure drags its dependants down with it.
DEPENDENCY_DIRECT_POINTS: Final = -8.0
DEPENDENCY_DIRECT_CAP: Final = 2
DEPENDENCY_INDIRECT_POINTS: Final = -4.0
DEPENDENCY_INDIRECT_CAP: Final = 2
#: A synchronous request longer than the usual listener waits for (API Gateway's timeout).
SYNC_TIMEOUT_POINTS: Final = -10.0

# -- Performance efficiency ---------------------------------------------------------------------

#: Memory at or above this many GiB needs the memory-optimised families (R, X, U7i).
BIG_MEMORY_GIB: Final = 256.0
#: Using more than this share of a target's largest size leaves little headroom.
HEADROOM_SHARE: Final = 0.5
HEADROOM_POINTS: Final = -6.0
#: Cold starts by how the workload is reached and its traffic: a caller waiting on a request
#: feels them, most when traffic is idle (nearly every request finds no warm environment);
#: steady traffic keeps environments warm. Jobs and event consumers barely notice.
COLD_START: Final = {
    "request_response": {"idle": -10.0, "spiky": -8.0, "event_driven": -4.0, "steady": -2.0},
    "none": {"idle": -1.0, "spiky": -1.0, "event_driven": -1.0, "steady": 0.0},
    "long_lived_connections": {"idle": 0.0, "spiky": 0.0, "event_driven": 0.0, "steady": 0.0},
}
COLD_START_WORDS: Final = {
    "idle": "most requests of mostly idle traffic find no warm environment",
    "spiky": "each burst of traffic starts new environments",
    "event_driven": "events that arrive after a quiet spell start new environments",
    "steady": "steady traffic keeps most environments warm; the rest start cold",
}
COLD_START_REMEDY: Final = "SnapStart or provisioned concurrency removes most of it"
#: How fast each target adds capacity when bursts come (spiky and event-driven traffic).
BURST_TRAFFIC: Final = frozenset({"spiky", "event_driven"})

# -- Cost optimisation --------------------------------------------------------------------------

#: The cost pillar reads the monthly estimates (scoring/costs.py): the cheapest target that can
#: run the workload gets COST_CHEAPEST_POINTS, and each doubling of the cost above it adds
#: COST_POINTS_PER_DOUBLING, down to COST_FLOOR_POINTS. COST_SMOOTHING_USD is added to both
#: figures first, so a few dollars' difference between two small bills weighs little.
COST_CHEAPEST_POINTS: Final = 20.0
COST_POINTS_PER_DOUBLING: Final = -10.0
COST_FLOOR_POINTS: Final = -40.0
COST_SMOOTHING_USD: Final = 10.0
#: The reason quotes "n times the cheapest" only from this cheapest figure up (a ratio to a few
#: cents says nothing), and calls a ratio under COST_SAME_RATIO "about the same".
COST_RATIO_FROM_USD: Final = 1.0
COST_SAME_RATIO: Final = 1.05
COST_UNCONFIRMED_WORDS: Final = "a price it rests on is not confirmed"

# -- Sustainability -----------------------------------------------------------------------------

TRAFFIC_WORDS: Final = {
    "steady": "steady traffic",
    "spiky": "spiky traffic",
    "event_driven": "event-driven traffic",
    "idle": "mostly idle work",
}
#: A whole physical host for fewer vCPUs than this mostly idles, powered on.
SMALL_ON_METAL_VCPU: Final = 32.0

UTILISATION_LABELS: Final = {
    True: "Shared capacity stays busy even with {traffic}",
    False: "Capacity kept for {traffic} sits unused much of the time",
}
SMALL_ON_METAL_SUSTAINABILITY: Final = -10.0

# -- Recommendation -----------------------------------------------------------------------------

#: Overall points under which two targets count as a close call in the one-line why.
CLOSE_CALL_MARGIN: Final = 3.0
#: A placement this many overall points below the recommendation is worth a top-risk line.
MISPLACED_MARGIN: Final = 10.0
TOP_RISKS_MAX: Final = 6
WEAKEST_LINKS_MAX: Final = 3
