"""The questions of the Well-Architected custom lens: one per family of scoring rules (the
sections of docs/scoring.md) and, per pillar, one for the placement's score band.

Every number in a title comes from where the scoring keeps it (`scoring.rules`, the theme's
bands, the catalog); every link is an AWS page the catalog already cites for the rule, or the
Well-Architected pillar's own page.
"""

from __future__ import annotations

from functools import cache

from whiteboard.catalog import default_catalog
from whiteboard.export.wa_lens_questions import (
    Choice,
    Question,
    Seen,
    fact,
    gain,
    no_loss,
    pillar_page,
    source,
)
from whiteboard.model import NEWEST_EDITION, PILLAR_IDS
from whiteboard.model.vocab import PILLAR_TITLES
from whiteboard.scoring import rules as r
from whiteboard.scoring.feasibility import target_facts
from whiteboard.slides.theme import FAIR_FROM, GOOD_FROM, score_role

DOCS = "docs/scoring.md of Whiteboard"
#: The cost ratio (before smoothing) at which the estimate's points reach 0.
_NO_LOSS_RATIO = 2 ** (r.COST_CHEAPEST_POINTS / -r.COST_POINTS_PER_DOUBLING)
#: One family: (name, title, description, AWS page, choices).
Family = tuple[str, str, str, str, tuple[Choice, ...]]


def _operations() -> list[Family]:
    page = pillar_page("operational_excellence")
    neutral = r.OPS_NEUTRAL_LAYERS
    layers = next(iter(target_facts(default_catalog(), NEWEST_EDITION).values())).layer_count
    hardware = source("hardware_virtualisation")
    scratch = source("scratch_volume_os")
    return [
        ("layers", "Who does the heavy lifting under the workload?",
         f"Of the {layers} layers under the code (hardware up to runtime and scaling), the more "
         "the provider runs, the less the team must; the less mature the team's operations, "
         "the more each layer counts.", page,
         (no_loss("handed_over", f"The provider runs at least {neutral} of the {layers} layers",
                  f"No points lost for layers the team runs itself ({DOCS}).",
                  "Move the workload further right on the slide (containers, Fargate, "
                  "functions) so the provider takes layers off the team.", page, "layers"),),),
        ("fit", "Does the workload's architecture fit the target?",
         "A pet keeps its host; disposable units fit a platform that replaces them. Hardware "
         "needs (counters, a hypervisor of its own) and scratch on an attached volume add work.",
         page,
         (no_loss("architecture", "Pet or cattle, the workload fits how the target treats hosts",
                  "A pet on a host it can keep, or cattle on a platform that replaces units.",
                  "Re-architect a pet into disposable units first, or keep it on EC2 or bare "
                  "metal.", page, "architecture_fit"),
          no_loss("hardware", "Its hardware needs come without extra set-up",
                  "Counters or a hypervisor of its own are available as the target comes.",
                  "Give the cluster metal hosts, or use instances that expose the hardware.",
                  hardware, "hardware_counters_fit", "hardware_virtualisation_fit"),
          no_loss("scratch", "Its scratch space fits the unit's own storage",
                  "No volume to attach, size and pay for beside each unit.",
                  "Plan an EBS volume per task, or move the scratch to shared storage.",
                  scratch, "scratch_volume")),),
        ("confirmed", "Does the fit rest only on facts AWS documents?",
         "Whiteboard marks catalog facts no AWS page confirmed; a fit that needs one is a risk "
         "to check first, never a hard limit.", page,
         (no_loss("documented", "Every fact the fit needs is confirmed by an AWS page",
                  "The notes name any fact still to check.",
                  "Check the unconfirmed fact with AWS before relying on the placement.",
                  page, "unconfirmed"),),),
    ]  # fmt: skip


def _security() -> list[Family]:
    page = pillar_page("security")
    scope = str(default_catalog().compliance_regimes[0].source)
    privileged = source("privileged", lambda value: value is False)
    return [
        ("patching", "Who patches the operating system under the workload?",
         "Patches the provider applies cannot be forgotten; a team that patches itself leaves "
         "gaps in proportion to its operational maturity.", page,
         (no_loss("provider", "AWS patches the operating system under it",
                  "The guest OS is in the provider's part of the stack.",
                  "Automate patching (for example with AWS Systems Manager), or choose a target "
                  "where AWS patches the OS.", page, "patching"),),),
        ("compliance", "Is the target in scope for the workload's compliance regimes?",
         "Each regime the workload names is checked against AWS Services in Scope for the "
         "target.", scope,
         (no_loss("listed", "The target is in scope for every regime the workload names",
                  "No regulated data lands where AWS does not attest the regime.",
                  "Find a target in scope, or agree an exception before regulated data moves.",
                  scope, "compliance_not_listed"),
          no_loss("confirmed", "That scope is confirmed on AWS Services in Scope",
                  "No regime rests on a scope still to check.",
                  "Check AWS Services in Scope for the target before regulated data lands.",
                  scope, "compliance_unconfirmed")),),
        ("isolation", "How is the workload kept apart from its neighbours?",
         "A privileged container can reach the kernel every task on the host shares; a host "
         "of its own or a provider-run boundary per task keeps neighbours apart.", privileged,
         (no_loss("privileged", "Nothing privileged shares a host with other tasks",
                  "No kernel modules, host networking or daemon sets on a shared host.",
                  "Drop the privileges, or give the workload hosts of its own.",
                  privileged, "privileged_shared_host"),
          gain("boundary", "It gets a host or a provider-run boundary of its own",
               "A whole host, a task or a function boundary the provider runs.",
               "Not a risk on its own: noted for the review.", page, "isolation", "info")),),
    ]  # fmt: skip


def _reliability() -> list[Family]:
    page = pillar_page("reliability")
    limits = source("max_runtime_s")
    listener = fact("sync_request_timeout_s")
    timeout = str(listener.source)
    return [
        ("limits", "Can the target run the workload at all?",
         "Hard limits from the catalog: run time, size, GPUs, hardware access, privileges, "
         "licences and operating systems. One broken limit rules the target out.", limits,
         (Choice("met", "The workload stays within every documented limit of the target",
                 "The notes name any broken limit with the workload's own value.",
                 "Move the workload to a target that can run it, or change what breaks the "
                 "limit.", limits, lambda seen: seen.score.feasible, "major"),),),
        ("replacement", "What happens when one of its units fails?",
         "One hand-cared host is a single point of failure; platforms that replace units at "
         "will need disposable units.", page,
         (no_loss("redundant", "No single hand-cared host to lose",
                  "The workload is cattle, or its host is not a single point of failure.",
                  "Run more than one unit behind a load balancer, then make the units "
                  "disposable.", page, "pet_fragility"),
          gain("automatic", "Failed units are replaced without a person",
               "Auto Scaling groups, the orchestrator or AWS replace units.",
               "Put the units in an Auto Scaling group or an orchestrated service.", page,
               "cattle_replacement", "minor"),
          gain("zones", "It spreads across availability zones with no set-up",
               "The target places units in several zones by default.",
               "Not a risk on its own: noted for the review.", page, "multi_az_by_default",
               "info")),),
        ("state", "Does state survive when a unit moves?",
         "State on a task's or host's own disk is lost when the task moves or AWS replaces the "
         "host; a function keeps nothing.", page,
         (no_loss("kept", "No state is kept on compute that AWS may replace",
                  "The workload is stateless, or its state lives where it is kept.",
                  "Move the state to a managed store (a database, EFS, S3).", page, "stateful"),),),
        ("dependencies", "Does it depend on fragile workloads?",
         "A pet, state on ephemeral compute or a placement that cannot run makes a workload "
         "fragile; its outage becomes its dependants' outage.", page,
         (no_loss("sound", "Nothing it depends on, directly or down the chain, is fragile",
                  "The notes name the fragile dependencies.",
                  "Make the fragile dependency resilient first: it weighs on every dependant.",
                  page, "dependencies"),),),
        ("timeout", "Do its requests finish within the listener's timeout?",
         f"API Gateway stops waiting after {listener.value} s on the targets reached through "
         "it; a request that runs longer needs another front door.", timeout,
         (no_loss("fits", "Every request finishes within the listener's timeout",
                  "No request outlasts the integration timeout.",
                  "Put a function URL or a load balancer in front, or make the call "
                  "asynchronous.", timeout, "sync_timeout"),),),
    ]  # fmt: skip


def _performance() -> list[Family]:
    page = pillar_page("performance_efficiency")
    gpu = source("gpu")
    memory = source("max_memory_gib", lambda value: isinstance(value, int | float)
                    and value >= r.BIG_MEMORY_GIB)  # fmt: skip
    cold = source("cold_starts")
    return [
        ("hardware", "Does the target offer the hardware the workload needs?",
         f"Accelerators, and memory of {r.BIG_MEMORY_GIB:g} GiB or more in one unit.", gpu,
         (no_loss("memory", "Its memory fits one unit without filling a host",
                  "Memory-optimised families hold it without waste.",
                  "Use a memory-optimised instance or host for it.", memory, "big_memory_fit"),
          gain("accelerators", "Accelerated hardware is there when it needs a GPU",
               "GPU families come as instances, metal hosts or container hosts.",
               "Not a risk on its own: noted for the review.", gpu, "gpu_fit", "info")),),
        ("headroom", "Does it leave room to grow?",
         f"A workload using more than {r.HEADROOM_SHARE:.0%} of the largest confirmed vCPU or "
         "memory size of the target has little room left.", page,
         (no_loss("room", f"It uses at most {r.HEADROOM_SHARE:.0%} of the target's largest size",
                  "Room to grow in vCPU and memory.",
                  "Pick a target with bigger units, or split the workload.", page, "headroom"),),),
        ("cold_starts", "Do callers wait for cold starts?",
         "A new execution environment adds start-up time to the request it serves.", cold,
         (no_loss("warm", "Callers do not wait for new environments",
                  "No cold start the caller would notice.",
                  f"{r.COLD_START_REMEDY[0].upper()}{r.COLD_START_REMEDY[1:]}.", cold,
                  "cold_starts"),),),
        ("scaling", "Does capacity arrive as fast as its bursts?",
         "For spiky and event-driven traffic, how fast the target adds capacity.", page,
         (no_loss("fast", "Capacity arrives as fast as the bursts come",
                  "No points lost waiting for capacity.",
                  "Keep spare capacity, or move bursty work to a target that scales faster.",
                  page, "scale_speed"),),),
    ]  # fmt: skip


def _cost() -> list[Family]:
    page = pillar_page("cost_optimization")
    licence = source("licence_byol_per_core")

    def cheapest(seen: Seen) -> bool:
        return any(p >= r.COST_CHEAPEST_POINTS for p in seen.points("estimate"))

    return [
        ("estimate", "Is it on the cheapest target that can run it?",
         "Monthly on-demand estimates in US dollars across the targets; each doubling over the "
         "cheapest costs points.", page,
         (Choice("cheapest", "It costs the least of the targets that can run it",
                 "The notes quote the monthly figure.",
                 "The notes name the cheapest target and its figure.", page, cheapest, "minor"),
          no_loss("within", f"It costs at most about {_NO_LOSS_RATIO:g} times the cheapest",
                  "No points lost to the estimate.",
                  "Move it to a cheaper target, or resize it.", page, "estimate")),),
        ("replatform", "Does the move need re-architecting first?",
         "Turning a pet into disposable units costs engineering time no monthly bill shows.",
         page,
         (no_loss("none", "It moves without re-architecting",
                  "No engineering cost before the savings start.",
                  "Budget the re-architecture, or keep the pet on EC2 for now.", page,
                  "pet_replatform_cost"),),),
        ("licence", "Does its licence fit how the target counts cores?",
         "A per-core licence counts the cores of the host it runs on.", licence,
         (no_loss("fits", "Its licence is counted on the cores it needs",
                  "No licence paid for cores it never uses.",
                  "Use an EC2 Dedicated Host sized to the licence.", licence,
                  "licence_byol_fit"),),),
    ]  # fmt: skip


def _sustainability() -> list[Family]:
    page = pillar_page("sustainability")
    return [
        ("utilisation", "Does its capacity stay busy?",
         "Shared, provider-packed capacity stays busy; capacity kept for bursty or idle work "
         "does not.", page,
         (no_loss("busy", "Its capacity stays busy for its traffic",
                  "No capacity left idle for this traffic.",
                  "Move bursty or idle work to shared capacity that scales to zero.", page,
                  "utilisation"),),),
        ("metal", "Does a small workload keep a whole host powered on?",
         f"A whole metal host for fewer than {r.SMALL_ON_METAL_VCPU:g} vCPU mostly idles.",
         page,
         (no_loss("sized", "It fills the host it keeps powered on",
                  "No dedicated host idling under a small workload.",
                  "Move it to virtual instances, or share the host.", page, "small_on_metal"),),),
    ]  # fmt: skip


_FAMILIES = {
    "operational_excellence": _operations,
    "security": _security,
    "reliability": _reliability,
    "performance_efficiency": _performance,
    "cost_optimization": _cost,
    "sustainability": _sustainability,
}
assert tuple(_FAMILIES) == PILLAR_IDS, "every pillar needs its questions"


def _band_choices(pillar: str) -> tuple[Choice, ...]:
    """Good, at least fair, and can run at all: the score band question's choices."""
    page = pillar_page(pillar)

    def band(*roles: str):
        return lambda seen: score_role(seen.score.pillars[pillar]) in roles

    return (
        Choice("good", f"It scores {GOOD_FROM:g} or more of 100 on this pillar (good)",
               "The placement is in Whiteboard's good band on this pillar.",
               f"The notes list the reasons; {DOCS} explains each rule.", page,
               band("score_good"), "minor"),
        Choice("fair", f"It scores {FAIR_FROM:g} or more of 100 on this pillar (fair or good)",
               "The placement is at least in Whiteboard's fair band on this pillar.",
               "A poor score: start with the biggest minus in the notes.", page,
               band("score_good", "score_fair"), "major"),
        Choice("runs", "The target can run the workload (no hard limit broken)",
               "A target that breaks a hard limit scores 0 overall, whatever its pillars say.",
               "Move the workload to a target that can run it.", source("max_runtime_s"),
               lambda seen: seen.score.feasible, "major"),
    )  # fmt: skip


@cache
def questions() -> tuple[Question, ...]:
    """Every question of the lens, pillar by pillar in the catalog's order, each pillar's
    score band last."""
    found: list[Question] = []
    for pillar in PILLAR_IDS:
        for name, title, description, url, choices in _FAMILIES[pillar]():
            found.append(Question(pillar, name, title, description, url, choices))
        found.append(
            Question(
                pillar,
                "score",
                f"How does the placement score on {PILLAR_TITLES[pillar].lower()}?",
                f"Whiteboard's score for this pillar, 0 to 100: {GOOD_FROM:g} and up is good, "
                f"{FAIR_FROM:g} and up fair, below that poor; a target that cannot run the "
                "workload is high risk whatever it scores. The notes give every reason.",
                pillar_page(pillar),
                _band_choices(pillar),
                band=True,
            )
        )
    return tuple(found)
