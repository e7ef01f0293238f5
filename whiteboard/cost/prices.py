"""Loading and writing the price table (`prices.json`), validated like the catalog.

The app never goes online: the table ships with it and `whiteboard prices refresh` rebuilds it
from AWS Price List offer files someone downloaded (see `refresh.py`).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from whiteboard.cost.schema import PriceTable
from whiteboard.model.io import describe_validation_error

#: A resource, not a path: it reads the same from a checkout, a wheel or a zip import.
PRICES_FILE: Traversable = resources.files("whiteboard.cost") / "prices.json"


class PriceTableError(Exception):
    """The price table is broken: reported with the file and the entry."""


def load_prices(path: Traversable | Path = PRICES_FILE) -> PriceTable:
    """Read and validate a price table; PriceTableError names the file and the entry."""
    try:
        raw = json.loads(path.read_bytes())
        return PriceTable.model_validate(raw)
    except RecursionError:
        raise PriceTableError(f"{path.name}: is nested too deeply to be a price table") from None
    except ValueError as error:  # ValidationError is a ValueError, as is bad JSON
        if not isinstance(error, ValidationError):
            raise PriceTableError(f"{path.name}: is not valid JSON: {error}") from None
        where, problem = describe_validation_error(error)
        raise PriceTableError(f"{path.name}: {where or 'top level'}: {problem}") from None


@cache
def default_prices() -> PriceTable:
    """The shipped price table, loaded once per process."""
    return load_prices()


def price_table_text(table: PriceTable) -> str:
    """The table as the committed file has it: one price, instance or host per line, so a
    refresh shows in a diff as the lines whose figures moved."""
    data = table.model_dump(mode="json")
    head = {key: data[key] for key in ("price_table_version", "region", "hours_per_month")}
    lines = ["{"]
    lines += [f"  {json.dumps(key)}: {json.dumps(value)}," for key, value in head.items()]
    lines.append('  "prices": {')
    lines.append(
        ",\n".join(f"    {json.dumps(k)}: {_one_line(v)}" for k, v in data["prices"].items())
    )
    lines.append("  },")
    for key in ("instances", "dedicated_hosts"):
        lines.append(f'  "{key}": [')
        lines.append(",\n".join(f"    {_one_line(entry)}" for entry in data[key]))
        lines.append("  ]" + ("," if key == "instances" else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


_SOURCE_FIELDS = ("source", "checked_on", "confirmed", "note")


def _one_line(value: dict[str, Any]) -> str:
    """The figures first, where they came from last."""
    ordered = {k: v for k, v in value.items() if k not in _SOURCE_FIELDS}
    ordered.update((k, value[k]) for k in _SOURCE_FIELDS if value.get(k) is not None)
    return json.dumps(ordered, ensure_ascii=False)
