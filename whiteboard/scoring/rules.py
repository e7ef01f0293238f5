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

ARCHITECTURE_FIT_LABELS: Final = {
    ("pet", True): "A pet moves as it is onto a host it can keep (lift and shift)",
    ("pet", False): "A pet has to be re-architected into disposable units first",
    ("cattle", True): "Disposable units built for automation end up on hand-built hosts",
    ("cattle", False): "Disposable units fit a platform built to replace them",
}

# -- Security -----------------------------------------------------------------------------------

#: Layers that need security patches; each one the provider runs is patched for the team.
PATCHED_LAYERS: Final = {
    "guest_os": "the guest OS",
    "container_data_plane": "the container hosts",
    "runtime_scaling": "the language runtime",
}
SECURITY_PER_PATCHED_LAYER: Final = 5.0
#: When the team patches the guest OS itself; the less mature the team, the bigger the gap.
SECURITY_SELF_PATCH: Final = {"low": -10.0, "medium": -6.0, "high": -2.0}
#: Per compliance regime the target is in scope for: points per layer the provider attests.
COMPLIANCE_POINTS_PER_PROVIDER_LAYER: Final = 2.0
#: Per compliance regime the target is not listed for: the whole stack is the team's to evidence.
COMPLIANCE_NOT_LISTED: Final = -4.0
COMPLIANCE_NAMES: Final = {"pci": "PCI DSS", "hipaa": "HIPAA", "soc": "SOC", "iso": "ISO 27001"}

# -- Reliability --------------------------------------------------------------------------------

#: A dependency that is a single point of failure drags its dependants down with it.
DEPENDENCY_DIRECT_POINTS: Final = -8.0
DEPENDENCY_DIRECT_CAP: Final = 2
DEPENDENCY_INDIRECT_POINTS: Final = -4.0
DEPENDENCY_INDIRECT_CAP: Final = 2

# -- Performance efficiency ---------------------------------------------------------------------

#: Memory at or above this many GiB counts as big.
BIG_MEMORY_GIB: Final = 64.0
HARDWARE_ACCESS_FIT: Final = (12.0, "Direct access to processor features, no hypervisor between")
#: vCPUs at or above this count benefit from having no hypervisor in the way.
BIG_CPU_VCPU: Final = 32.0
BIG_CPU_ON_METAL: Final = (4.0, "No hypervisor overhead on a big CPU-bound workload")
#: Using more than this share of a target's largest size leaves little headroom.
HEADROOM_SHARE: Final = 0.5
HEADROOM_POINTS: Final = -6.0
#: Cold starts, by traffic: bursts and user-facing traffic feel them most.
COLD_START: Final = {"spiky": -12.0, "steady": -6.0, "event_driven": -3.0, "idle": 0.0}
#: How fast each target adds capacity when bursts come (spiky and event-driven traffic).
BURST_TRAFFIC: Final = frozenset({"spiky", "event_driven"})

# -- Cost optimisation --------------------------------------------------------------------------

BILLING_LABELS: Final = {
    ("per_instance_second", True): "Paid per running second: busy capacity is cheap capacity",
    ("per_instance_second", False): "Paid for every running second; {traffic} leaves it unused",
    ("per_task_second", True): "Paid per task-second: tasks run only while there is work",
    ("per_task_second", False): "Paid per task-second: always-busy tasks cost more than hosts",
    ("per_request", True): "Paid per request: idle time costs nothing",
    ("per_request", False): "Paid per request: constant traffic costs more than capacity",
}
TRAFFIC_WORDS: Final = {
    "steady": "steady traffic",
    "spiky": "spiky traffic",
    "event_driven": "event-driven traffic",
    "idle": "mostly idle work",
}
#: Steady load at or above this many vCPUs counts as heavy.
HEAVY_VCPU: Final = 4.0
#: Points per USD of control-plane fee per hour (EKS: USD 0.10/h -> -6).
CONTROL_PLANE_POINTS_PER_USD_HOUR: Final = -60.0
LICENCE_ON_METAL: Final = (10.0, "A per-physical-core licence can be used on a dedicated host")
#: A whole physical host for fewer vCPUs than this is mostly paid-for idle capacity.
SMALL_ON_METAL_VCPU: Final = 32.0
SMALL_ON_METAL_COST: Final = -12.0

# -- Sustainability -----------------------------------------------------------------------------

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
