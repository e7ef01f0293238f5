"""Every weight the scoring uses, in one table, so a rule can be read and tuned in one place.

Each pillar starts at BASE_SCORE and the rules below add or subtract points; the sum is clamped
to 0..100. Every applied rule becomes a `Factor(label, points)` so the number can be explained.
Labels are written for architects in a workshop: short, concrete, our own words.
docs/scoring.md explains each rule in plain language; keep the two in step.
"""

from __future__ import annotations

from typing import Final

BASE_SCORE: Final = 50.0
SCORE_MIN: Final = 0.0
SCORE_MAX: Final = 100.0

#: Slide order of the abstraction levels; used where "left" and "right" matter.
LEFT_TARGETS: Final = frozenset({"bare_metal", "ec2"})
EPHEMERAL_TARGETS: Final = frozenset({"containers", "fargate", "lambda"})

# -- Operational excellence ---------------------------------------------------------------------

#: Points per provider-run layer above (or below) the middle of the stack. A low-maturity team
#: gains most when the provider takes layers off its hands, and loses most when it must run them.
OPS_POINTS_PER_LAYER: Final = {"low": 7.0, "medium": 5.0, "high": 3.0}
#: Provider-run layers at which the ops rule is neutral (containers on EC2 run three).
OPS_NEUTRAL_LAYERS: Final = 3

#: Pets lean left (lift and shift), cattle lean right (built to be replaced).
ARCHITECTURE_FIT_OPS: Final = {
    "pet": {"bare_metal": 4.0, "ec2": 6.0, "containers": -12.0, "fargate": -20.0, "lambda": -24.0},
    "cattle": {"bare_metal": -8.0, "ec2": -4.0, "containers": 4.0, "fargate": 6.0, "lambda": 6.0},
}
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
ISOLATION: Final = {
    "bare_metal": (4.0, "A whole physical host to itself: no other tenant on the hardware"),
    "fargate": (4.0, "Each task runs in its own provider-run isolation boundary"),
    "lambda": (4.0, "Each function runs in its own provider-run micro-VM"),
}
PRIVILEGED_SHARED_HOST: Final = {
    "containers": (-10.0, "Privileged containers can reach the host kernel other tasks share"),
}

# -- Reliability --------------------------------------------------------------------------------

#: Cattle: how well the target replaces a failed unit without a person.
CATTLE_REPLACEMENT: Final = {
    "bare_metal": (0.0, ""),
    "ec2": (6.0, "Auto Scaling groups replace failed instances"),
    "containers": (12.0, "The orchestrator reschedules failed tasks"),
    "fargate": (14.0, "Failed tasks are replaced, and there are no hosts to fail"),
    "lambda": (16.0, "Every request gets a healthy environment; there is nothing to replace"),
}
#: Pets: a hand-cared unit is a single point of failure, worse where units are replaced at will.
PET_FRAGILITY: Final = {
    "bare_metal": (-8.0, "One hand-cared physical host is a single point of failure"),
    "ec2": (-5.0, "One hand-cared instance is a single point of failure"),
    "containers": (-12.0, "A pet expects its host to live; tasks get rescheduled at will"),
    "fargate": (-18.0, "A pet expects its host to live; Fargate replaces tasks at will"),
    "lambda": (-20.0, "A pet expects its host to live; functions live for one invocation"),
}
STATEFUL_ON_TARGET: Final = {
    "containers": (-8.0, "State on a task's local disk is lost when the task moves"),
    "fargate": (-15.0, "Task storage is ephemeral: state is lost when the task stops"),
    "lambda": (-20.0, "A function keeps nothing between invocations: state is lost"),
}
MULTI_AZ_BY_DEFAULT: Final = {
    "lambda": (8.0, "Runs across availability zones with no setup"),
}
#: A dependency that is a single point of failure drags its dependants down with it.
DEPENDENCY_DIRECT_POINTS: Final = -8.0
DEPENDENCY_DIRECT_CAP: Final = 2
DEPENDENCY_INDIRECT_POINTS: Final = -4.0
DEPENDENCY_INDIRECT_CAP: Final = 2

# -- Performance efficiency ---------------------------------------------------------------------

GPU_FIT: Final = {
    "bare_metal": (8.0, "GPU hosts come as whole machines too"),
    "ec2": (8.0, "Accelerated instance families (P, G, Inf, Trn) fit GPU work"),
    "containers": (6.0, "GPU container hosts hand GPUs to tasks"),
}
#: Memory at or above this many GiB counts as big.
BIG_MEMORY_GIB: Final = 64.0
BIG_MEMORY_FIT: Final = {
    "bare_metal": (6.0, "Memory-optimised hosts go up to 24 TiB"),
    "ec2": (6.0, "Memory-optimised instances go up to 24 TiB"),
    "containers": (2.0, "Big tasks need big container hosts, which you size yourself"),
}
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
SCALE_SPEED: Final = {
    "bare_metal": (-8.0, "New physical hosts take many minutes to add when a burst comes"),
    "ec2": (-2.0, "New instances take minutes to add when a burst comes"),
    "containers": (2.0, "New tasks start in seconds while host capacity lasts"),
    "fargate": (4.0, "New tasks start without any host capacity to plan"),
    "lambda": (10.0, "Scales per request within seconds"),
}

# -- Cost optimisation --------------------------------------------------------------------------

#: Billing model x traffic shape. Pay-per-use wins when capacity would otherwise idle.
BILLING_FIT: Final = {
    "bare_metal": {"steady": 10.0, "spiky": -15.0, "event_driven": -15.0, "idle": -20.0},
    "ec2": {"steady": 12.0, "spiky": -5.0, "event_driven": -8.0, "idle": -12.0},
    "containers": {"steady": 12.0, "spiky": 0.0, "event_driven": -5.0, "idle": -10.0},
    "fargate": {"steady": 4.0, "spiky": 6.0, "event_driven": 6.0, "idle": 8.0},
    "lambda": {"steady": -15.0, "spiky": 12.0, "event_driven": 22.0, "idle": 25.0},
}
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
#: A job (it has a max runtime) with idle traffic can start capacity per run and stop it after.
JOB_STOPS_CAPACITY: Final = {
    "bare_metal": (6.0, "A job can start its host for each run and release it after"),
    "ec2": (8.0, "A job can start its instances for each run and stop them after"),
    "containers": (6.0, "A job can scale its container hosts up per run and back to zero"),
}
#: Moving a pet to the right means re-architecting it first: engineering time before savings.
PET_REPLATFORM_COST: Final = {
    "containers": (-6.0, "Re-architecting a pet for containers costs engineering time first"),
    "fargate": (-10.0, "Re-architecting a pet for Fargate costs engineering time first"),
    "lambda": (-12.0, "Rewriting a pet as functions costs engineering time first"),
}
#: Steady load at or above this many vCPUs counts as heavy.
HEAVY_VCPU: Final = 4.0
STEADY_HEAVY: Final = {
    "ec2": (4.0, "Steady heavy load keeps instances busy, where a vCPU-hour costs least"),
    "containers": (6.0, "Steady heavy load packs densely onto busy container hosts"),
    "fargate": (-6.0, "Steady heavy load costs more per vCPU-hour on Fargate than on busy hosts"),
    "lambda": (-10.0, "Steady heavy load costs far more per request than on busy capacity"),
}
#: Points per USD of control-plane fee per hour (EKS: USD 0.10/h -> -6).
CONTROL_PLANE_POINTS_PER_USD_HOUR: Final = -60.0
LICENCE_ON_METAL: Final = (10.0, "A per-physical-core licence can be used on a dedicated host")
#: A whole physical host for fewer vCPUs than this is mostly paid-for idle capacity.
SMALL_ON_METAL_VCPU: Final = 32.0
SMALL_ON_METAL_COST: Final = -12.0

# -- Sustainability -----------------------------------------------------------------------------

#: Expected utilisation of the capacity behind the workload, by target and traffic.
UTILISATION: Final = {
    "bare_metal": {"steady": 0.0, "spiky": -12.0, "event_driven": -15.0, "idle": -20.0},
    "ec2": {"steady": 4.0, "spiky": -6.0, "event_driven": -10.0, "idle": -12.0},
    "containers": {"steady": 8.0, "spiky": 2.0, "event_driven": -2.0, "idle": -6.0},
    "fargate": {"steady": 8.0, "spiky": 6.0, "event_driven": 4.0, "idle": 6.0},
    "lambda": {"steady": 6.0, "spiky": 12.0, "event_driven": 15.0, "idle": 18.0},
}
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
