"""One module per `whiteboard` sub-command (see whiteboard/cli.py for the protocol)."""

from __future__ import annotations

from pathlib import Path


def check_output(path: Path, option: str, what: str = "file") -> None:
    """Before any work: UserError (one line) when `path` cannot be written, naming the option."""
    from whiteboard.cli import UserError
    from whiteboard.model.atomic import output_problem
    from whiteboard.model.text import visible

    problem = output_problem(path, f"give a {what} name")
    if problem is not None:
        raise UserError(f"{option} {visible(str(path))}: {visible(problem)}")
