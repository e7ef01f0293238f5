"""The fixed vocabularies of the board file: target ids, pillar ids and enum words.

These are contracts (see DESIGN.md): extend them, never rename them.
"""

from typing import Literal, get_args

TargetId = Literal["bare_metal", "ec2", "containers", "fargate", "lambda"]
PillarId = Literal[
    "operational_excellence",
    "security",
    "reliability",
    "performance_efficiency",
    "cost_optimization",
    "sustainability",
]
Architecture = Literal["pet", "cattle"]
OperatingSystem = Literal["linux", "windows"]
Traffic = Literal["steady", "spiky", "event_driven", "idle"]
OpsMaturity = Literal["low", "medium", "high"]

#: Left to right, as the columns stand on the slide.
TARGET_IDS: tuple[TargetId, ...] = get_args(TargetId)
PILLAR_IDS: tuple[PillarId, ...] = get_args(PillarId)

#: The five classic pillars weigh 1; sustainability is opt-in.
DEFAULT_WEIGHTS: dict[PillarId, float] = {
    pillar: (0.0 if pillar == "sustainability" else 1.0) for pillar in PILLAR_IDS
}

#: Short pillar names for radar spokes and narrow columns.
PILLAR_SHORT_NAMES: dict[PillarId, str] = {
    "operational_excellence": "Operations",
    "security": "Security",
    "reliability": "Reliability",
    "performance_efficiency": "Performance",
    "cost_optimization": "Cost",
    "sustainability": "Sustainability",
}
