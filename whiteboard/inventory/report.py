"""What an import did, as counts a person reads on one screen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from whiteboard.model.text import clipped

#: Row names kept per skip reason, and how many are named in the report.
EXAMPLES_KEPT = 3


@dataclass(frozen=True)
class ImportReport:
    """Rows read, imported, skipped (per reason, a few examples named) and defaulted."""

    source: str
    format: str
    rows_read: int
    imported: int
    skipped: Mapping[str, int]
    skipped_examples: Mapping[str, tuple[str, ...]]
    defaulted: Mapping[str, int]
    notes: tuple[str, ...]

    def lines(self) -> list[str]:
        skipped = sum(self.skipped.values())
        lines = [
            f"{clipped(self.source, 80)} ({self.format}): {_count(self.rows_read, 'row')} read, "
            f"{self.imported:,} imported, {skipped:,} skipped."
        ]
        for reason, count in self.skipped.items():
            examples = ", ".join(clipped(e, 40) for e in self.skipped_examples.get(reason, ()))
            lines.append(
                f"Skipped {count:,}: {reason}" + (f" (e.g. {examples})." if examples else ".")
            )
        if self.defaulted:
            parts = ", ".join(f"{name} {count:,}" for name, count in self.defaulted.items())
            lines.append(f"Defaulted (rows that took the field's default): {parts}.")
        lines.extend(self.notes)
        return lines


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


@dataclass
class Tally:
    """The counts an importer gathers while it reads, frozen into an ImportReport at the end."""

    source: str
    format: str
    rows_read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    defaulted: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    unknown_os: Counter[str] = field(default_factory=Counter)
    powered_off_idle: int = 0

    def skip(self, reason: str, name: str) -> None:
        self.skipped[reason] += 1
        kept = self.examples.setdefault(reason, [])
        if len(kept) < EXAMPLES_KEPT and name:
            kept.append(name)

    def default(self, field_name: str) -> None:
        self.defaulted[field_name] += 1

    def report(self, imported: int) -> ImportReport:
        notes = list(self.notes)
        if self.powered_off_idle:
            notes.append(f"{self.powered_off_idle:,} powered-off VMs imported with traffic 'idle'.")
        if self.unknown_os:
            shown = ", ".join(
                f"'{clipped(text, 40)}' ({count:,})"
                for text, count in self.unknown_os.most_common(5)
            )
            more = len(self.unknown_os) - 5
            notes.append(
                f"Unknown OS strings, imported as linux: {shown}"
                + (f" and {more:,} more." if more > 0 else ".")
            )
        return ImportReport(
            source=self.source,
            format=self.format,
            rows_read=self.rows_read,
            imported=imported,
            skipped=dict(self.skipped),
            skipped_examples={k: tuple(v) for k, v in self.examples.items()},
            defaulted=dict(sorted(self.defaulted.items())),
            notes=tuple(notes),
        )
