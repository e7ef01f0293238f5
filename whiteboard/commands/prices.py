"""`whiteboard prices refresh OFFER.json ...`: re-read the price table's figures from AWS Price
List offer files downloaded beforehand (the app itself never goes online)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from whiteboard.commands import check_output

NAME = "prices"
HELP = "rebuild the price table from AWS Price List offer files"

REFRESH_HELP = (
    "read AmazonEC2, AWSLambda, AmazonECS and AmazonEKS offer files (index.json of the Price "
    "List Bulk API) and update the table's figures they hold"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="prices_action", metavar="ACTION", required=True)
    sub = actions.add_parser("refresh", help=REFRESH_HELP, description=REFRESH_HELP)
    sub.add_argument("offers", metavar="OFFER.json", nargs="+", help="offer files, one a service")
    sub.add_argument(
        "--table",
        metavar="PATH",
        type=Path,
        help="price table to start from (default: the one installed with whiteboard)",
    )
    sub.add_argument(
        "--output",
        metavar="PATH",
        type=Path,
        help="file to write (default: the --table file itself; required without --table, so "
        "the installed table is never rewritten in place)",
    )
    sub.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    sub.epilog = (
        "Figures the files do not hold (percentages, types not in them) keep their values "
        "and are listed. Example, in a checkout: whiteboard prices refresh AmazonEC2.json "
        "AWSLambda.json AmazonECS.json AmazonEKS.json --table whiteboard/cost/prices.json"
    )


def run(args: argparse.Namespace) -> int:
    from whiteboard.cli import UserError
    from whiteboard.cost.prices import PRICES_FILE, PriceTableError, load_prices, price_table_text
    from whiteboard.cost.refresh import refresh
    from whiteboard.model.atomic import write_atomic
    from whiteboard.model.text import visible

    output = args.output or args.table
    if output is None and not args.dry_run:
        raise UserError(
            "prices refresh: give --output PATH: the table installed with whiteboard is not "
            "rewritten in place (or give --table PATH to update that file)"
        )
    if output is not None and not args.dry_run:
        check_output(output, "--output")
    try:
        table = load_prices(args.table or PRICES_FILE)
        refreshed, report = refresh(table, args.offers, dt.date.today())
    except PriceTableError as error:
        raise UserError(f"prices refresh: {error}; nothing was written") from None
    for line in report.lines():
        print(visible(line))
    text = price_table_text(refreshed)
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    if output.exists() and output.read_text(encoding="utf-8") == text:
        print(f"{visible(str(output))} already holds these figures: not rewritten.")
        return 0
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        raise UserError(
            f"prices refresh: {visible(str(output))}: {error.strerror or error}"
        ) from None
    print(f"Wrote {visible(str(output))}.")
    return 0
