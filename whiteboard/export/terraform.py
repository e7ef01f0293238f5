"""Terraform stubs for a board: one folder of .tf files and a README, rendered from templates.

`render_terraform(board)` returns {file name: text} and writes nothing; writing them into a
folder (with the manifest that keeps the user's own files safe) is `terraform_files`. The same
board always gives byte-identical files (no dates, stable names, board order), so a re-export
shows up in version control as a real diff.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from whiteboard import __version__
from whiteboard.catalog import default_catalog
from whiteboard.cost import estimate as costing
from whiteboard.cost import sizing
from whiteboard.cost.prices import default_prices
from whiteboard.export import hcl
from whiteboard.export import terraform_hosts as hosts
from whiteboard.export.templating import environment
from whiteboard.export.terraform_plan import plan_stubs
from whiteboard.export.terraform_stub import (
    HEADER_MARK,
    SHARED_ECS_HOSTS_GROUP,
    SHARED_FUNCTION_HOSTS,
    SHARED_TASK_HOSTS,
    Stub,
    StubSet,
)
from whiteboard.model import Board, TargetId
from whiteboard.paths import TEMPLATES_DIR

__all__ = [
    "HEADER_MARK",
    "SHARED_FUNCTION_HOSTS",
    "SHARED_TASK_HOSTS",
    "Stub",
    "StubSet",
    "plan_stubs",
    "render_terraform",
]

TEMPLATE_DIR = TEMPLATES_DIR / "terraform"


def _markdown(text: str) -> str:
    """User text for a Markdown table cell or line: one line, no markup, no HTML."""
    flat = hcl.comment(text, limit=10_000)
    out = []
    for char in flat:
        if char in "\\`*_[]|~":
            out.append("\\" + char)
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == "&":
            out.append("&amp;")
        else:
            out.append(char)
    return "".join(out)


_TAG_PUNCTUATION = frozenset(" _.:/=+-@")


def _aws_tag(text: str) -> str:
    """A tag value AWS's documented pattern accepts (`[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`): letters
    and digits of any script, spaces and `_ . : / = + - @`; anything else, combining marks such
    as Devanagari vowel signs included, becomes a space; at most 256 characters."""
    kept = "".join(c if c.isalnum() or c in _TAG_PUNCTUATION else " " for c in text)
    return " ".join(kept.split())[:256] or "-"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def size_text(stub: Stub) -> str:
    """The size a stub was given, for the README."""
    size = stub.size
    if stub.sizing == "ecs_task_on_hosts":
        cpu, memory = size
        if stub.daemon:
            return f"task {cpu} CPU units, {memory} MiB on every host"
        hosts_of = "shared" if stub.host_pool in hosts.SHARED_POOLS else "own"
        return (
            f"task {cpu} CPU units, {memory} MiB on {hosts_of} {stub.instance.instance_type} hosts"
        )
    if stub.instance is not None:
        return f"{stub.instance.instance_type}"
    if isinstance(size, sizing.TaskSize):
        storage = f", {size.storage_gib} GiB storage" if size.storage_gib else ""
        return f"task {size.cpu} CPU units, {size.memory_mib} MiB{storage}"
    if isinstance(size, sizing.ManagedFunctionSize):
        return (
            f"{size.memory_mb} MB ({size.vcpu} vCPU, {size.memory_gib_per_vcpu} GiB per vCPU), "
            f"{size.timeout_s} s timeout"
        )
    return f"{size.memory_mb} MB, {size.timeout_s} s timeout, {size.storage_mb} MB /tmp"


def cost_text(cost: costing.Estimate) -> str:
    """A stub's monthly figure for the README: 'USD 72.08', flagged when unconfirmed."""
    return costing.usd(cost.usd_month) + ("" if cost.confirmed else " (not confirmed)")


def cluster_fee_notes(plan: StubSet) -> list[str]:
    """The once-per-cluster fees the stubs do not pay (they run containers on ECS, which has
    none), for the README to name beside the total."""
    prices = default_prices()
    notes = []
    for target in sorted(plan.targets):
        fee_id = default_catalog().target(target).cost.cluster_fee
        if fee_id:
            fee = costing.usd(prices.monthly(fee_id))
            name = default_catalog().target(target).display_name
            notes.append(
                f"{name} stubs run their containers on ECS, which charges no cluster fee; on "
                f"EKS, add the control plane, {fee} a month per cluster"
            )
    return notes


@cache
def _environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    env = environment(template_dir)
    env.filters["hcl"] = hcl.quote
    env.filters["hcl_body"] = hcl.escape
    env.filters["comment"] = hcl.comment
    env.filters["md"] = _markdown
    env.filters["tag"] = _aws_tag
    env.filters["clip"] = _clip
    return env


def _files(board: Board) -> tuple[tuple[str, str, TargetId | None], ...]:
    """Output file -> template, in the order a reader meets them: the shared files, then one
    per target of the board's edition (its template named by the catalog), when used."""
    targets = default_catalog().edition_targets(board.edition)
    return (
        ("versions.tf", "versions.tf.j2", None),
        ("variables.tf", "variables.tf.j2", None),
        ("main.tf", "main.tf.j2", None),
        *((f"{t.id}.tf", t.terraform.template, t.id) for t in targets),
        ("load_balancer.tf", "load_balancer.tf.j2", None),
        ("access.tf", "access.tf.j2", None),
        ("outputs.tf", "outputs.tf.j2", None),
    )


def _tidy(text: str) -> str:
    """Align attributes as `terraform fmt` does; no run of blank lines, one final newline."""
    aligned = hcl.align_attributes(text)
    lines: list[str] = []
    for line in aligned.split("\n"):
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n"


def render_terraform(board: Board) -> dict[str, str]:
    """{file name: text} of the stubs. Pure: reads templates, writes nothing."""
    plan = plan_stubs(board)
    env = _environment()
    context = {
        "plan": plan,
        "board": board,
        "version": __version__,
        "header": f"{HEADER_MARK} {__version__} from board {hcl.comment(board.name)}",
        "header_md": (
            f"{HEADER_MARK} {__version__}; re-exporting the board replaces this file "
            "unless you have edited it."
        ),
        "target_names": default_catalog().display_names(board.edition),
        "size_text": size_text,
        "cost_text": cost_text,
        "usd": costing.usd,
        "cost_basis": default_prices().basis,
        "cluster_fee_notes": cluster_fee_notes(plan),
        "shared_task_hosts": SHARED_TASK_HOSTS,
        "shared_function_hosts": SHARED_FUNCTION_HOSTS,
        "shared_hosts_group": SHARED_ECS_HOSTS_GROUP,
        "shared_function_hosts_group": f"aws_security_group.{SHARED_FUNCTION_HOSTS}",
    }
    files: dict[str, str] = {}
    for name, template, target in _files(board):
        if target is not None and target not in plan.targets:
            continue
        if name == "access.tf" and not plan.grants:
            continue
        if name == "load_balancer.tf" and not plan.web_services:
            continue
        files[name] = _tidy(env.get_template(template).render(context, target=target))
    files["README.md"] = env.get_template("README.md.j2").render(context)
    return files
