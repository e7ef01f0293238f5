"""Help > About: the version, what Whiteboard is, the Python and Qt it runs on, the price table's
dates and the licences of the shipped fonts, read from `assets/fonts/LICENSES.md`.
"""

from __future__ import annotations

import html
import platform
import re
from dataclasses import dataclass
from pathlib import Path

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QRawFont

import whiteboard
from whiteboard.cost.prices import default_prices
from whiteboard.paths import ASSETS_DIR

FONTS_DIR = ASSETS_DIR / "fonts"
FONT_LICENCES = FONTS_DIR / "LICENSES.md"


@dataclass(frozen=True, slots=True)
class FontLicence:
    """One row of LICENSES.md: the font files, the scripts they cover, their licence."""

    files: tuple[str, ...]
    covers: str
    licence: str

    @property
    def family(self) -> str:
        """The family name the first file declares ("DejaVu Sans"), else its file name."""
        path = FONTS_DIR / self.files[0]
        name = QRawFont(str(path), 12).familyName() if path.is_file() else ""
        return name or self.files[0]


def font_licences(path: Path = FONT_LICENCES) -> list[FontLicence]:
    """The rows of the licence table (`| files | covers | licence | source |`). A missing file
    or a table without rows raises ValueError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"{path}: cannot be read ({error.strerror})") from None
    rows = []
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        files = tuple(re.findall(r"`([^`]+\.[ot]tf)`", cells[0]))
        if files and len(cells) >= 3:  # not the heading or the |---| line
            rows.append(FontLicence(files, cells[1], cells[2]))
    if not rows:
        raise ValueError(f"{path}: has no table of font files and licences")
    return rows


def price_dates() -> tuple[str, str, str]:
    """(region, first, last day a price source was read) of the shipped price table."""
    table = default_prices()
    days = [
        entry.checked_on
        for entry in (*table.prices.values(), *table.instances, *table.dedicated_hosts)
    ]
    return table.region, min(days).isoformat(), max(days).isoformat()


def _days(first: str, last: str) -> str:
    return f"on {first}" if first == last else f"from {first} to {last}"


def about_html() -> str:
    summary = (whiteboard.__doc__ or "").strip().splitlines()[0]
    versions = (
        f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PySide6.__version__}"
    )
    region, first, last = price_dates()
    parts = [
        f"<h2>Whiteboard {html.escape(whiteboard.__version__)}</h2>",
        f"<p>{html.escape(summary)}</p>",
        f"<p>{html.escape(versions)}</p>",
        f"<p>Prices: {html.escape(region)}, sources read {_days(first, last)}.</p>",
        "<h3>Shipped fonts</h3>",
    ]
    try:
        fonts = font_licences()
    except ValueError as error:
        parts.append(f"<p>{html.escape(str(error))}</p>")
    else:
        parts.append('<table width="100%" cellspacing="0" cellpadding="3">')
        parts.append("<tr><th align='left'>Font</th><th align='left'>Licence</th></tr>")
        for font in fonts:
            files = ", ".join(font.files)
            parts.append(
                f"<tr><td><b>{html.escape(font.family)}</b><br>"
                f"<small>{html.escape(files)}: {html.escape(font.covers)}</small></td>"
                f"<td>{html.escape(font.licence)}</td></tr>"
            )
        parts.append("</table>")
    parts.append(f"<p><small>From {html.escape(str(FONT_LICENCES))}</small></p>")
    return "\n".join(parts)
