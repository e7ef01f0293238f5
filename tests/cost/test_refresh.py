"""`whiteboard prices refresh`: the table re-read from AWS Price List offer files.

The samples in tests/fixtures/offers/ are in the offer files' own format, with a few products
each, some prices moved from the table's and decoys beside the products the table reads: the
same instance type reserved, dedicated, on a host, with SQL Server, on RHEL, in a capacity
reservation; Lambda's free tier; a reserved Dedicated Host.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import pytest

from whiteboard.cli import main
from whiteboard.cost.prices import PRICES_FILE, PriceTableError, load_prices
from whiteboard.cost.refresh import refresh

OFFERS = Path(__file__).parents[1] / "fixtures" / "offers"
SAMPLES = sorted(OFFERS.glob("*.json"))
TODAY = dt.date(2026, 12, 2)
PUBLISHED = dt.date(2026, 12, 1)
#: What the samples move, from whatever the table says to these.
MOVED = {
    "m7i.large": 0.105,
    "m7i.metal-24xl": 5.376,
    "m7i Dedicated Host": 10.643,
    "ec2_windows_licence_vcpu_hour": 0.047,  # (0.199 Windows - 0.105 Linux) / 2 vCPU
    "lambda_gb_second_arm": 0.0000125,
    "fargate_vcpu_hour_linux_x86": 0.041,
}


@pytest.fixture(scope="module")
def table():
    return load_prices()


@pytest.fixture(scope="module")
def refreshed(table):
    return refresh(table, SAMPLES, TODAY)


def test_the_samples_update_exactly_the_entries_they_price(table, refreshed) -> None:
    new, report = refreshed
    assert {u.entry: u.new for u in report.updated} == {
        k: v for k, v in MOVED.items() if _figure(table, k) != v
    }
    assert {u.entry for u in report.same} == {
        "c7i.large", "r7i.large", "g5.xlarge", "lambda_request", "lambda_gb_second_x86",
        "lambda_storage_gb_second", "lambda_managed_request", "fargate_gb_hour_linux_x86",
        "fargate_vcpu_hour_linux_arm", "fargate_gb_hour_linux_arm", "fargate_vcpu_hour_windows",
        "fargate_gb_hour_windows", "fargate_windows_licence_vcpu_hour", "fargate_storage_gb_hour",
        "eks_cluster_hour", "eks_cluster_hour_extended",
    } - set(MOVED)  # fmt: skip
    for name, usd in MOVED.items():
        assert _figure(new, name) == pytest.approx(usd, rel=1e-12), name
    m7i = _entry(new, "m7i.large")
    assert str(m7i.source) == (
        "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/20261201180411/"
        "us-east-1/index.json"
    )
    assert (m7i.checked_on, m7i.confirmed, m7i.note) == (PUBLISHED, True, None)
    assert new.price("eks_cluster_hour_extended").usd == 0.6  # 0.10 + the 0.50 surcharge
    assert "perCluster plus" in new.price("eks_cluster_hour_extended").note


def test_decoys_of_the_same_usage_type_are_not_taken(refreshed) -> None:
    new, report = refreshed
    # not the dedicated 0.1109, host 0, SQL Web 0.1208, RHEL 0.1296, reservation 0.0999
    assert _figure(new, "m7i.large") == 0.105
    assert _figure(new, "m7i Dedicated Host") == 10.643  # not the reserved host's 6.702
    assert new.price("lambda_request").usd == 2e-07  # not the free tier's 0 (Global-Request)
    not_found = dict(report.not_found)
    # m7i.xlarge is in the EC2 sample with a reserved price only
    assert "m7i.xlarge" in not_found and "on-demand" in not_found["m7i.xlarge"]
    assert "c7i Dedicated Host" in not_found


def test_entries_the_files_do_not_hold_keep_their_values(table, refreshed) -> None:
    new, report = refreshed
    kept = dict(report.not_found) | dict(report.not_covered)
    assert "savings_plan_1y_ec2_pct" in kept and "a percentage" in kept["savings_plan_1y_ec2_pct"]
    for name in ("u-6tb1.metal", "c7i.xlarge", "savings_plan_1y_ec2_pct", "r7i Dedicated Host"):
        assert _entry(new, name) == _entry(table, name), name
    touched = {u.entry for u in (*report.updated, *report.same)}
    assert touched.isdisjoint(kept) and len(touched) + len(kept) == _count(table)

    only_eks, report = refresh(table, [OFFERS / "AmazonEKS.json"], TODAY)
    assert [u.entry for u in (*report.updated, *report.same)] == [
        "eks_cluster_hour",
        "eks_cluster_hour_extended",
    ]
    assert dict(report.not_covered)["m7i.large"] == "no AmazonEC2 offer file was given"
    assert only_eks.instances == table.instances


def test_a_tiered_price_takes_the_first_tier_and_says_so(refreshed) -> None:
    new, report = refreshed
    x86 = new.price("lambda_gb_second_x86")
    assert x86.usd == 0.0000166667  # the sample lists tier 2 first
    assert x86.note == "The first of 3 tiers in the offer file: 0 to 6000000000 Lambda-GB-Second."
    assert any("first of 3 tiers" in line for line in report.lines())


def test_the_report_fits_on_a_screen(refreshed) -> None:
    lines = refreshed[1].lines()
    assert len(lines) < 30
    assert "  m7i.large" in "\n".join(lines) and "0.1008 -> 0.105" in "\n".join(lines)


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    ec2 = json.loads((OFFERS / "AmazonEC2.json").read_text())
    cases: dict[str, tuple[object | str, str]] = {
        "not json": ("{'offerCode':", "is not valid JSON"),
        "a list": ([ec2], "is not an AWS offer file: it is not a JSON object"),
        "no format": ({"offerCode": "AmazonEC2"}, "formatVersion is not v1.0"),
        "other service": ({**ec2, "offerCode": "AmazonRDS"}, "offerCode is 'AmazonRDS'"),
        "no date": ({**ec2, "publicationDate": "soon"}, "publicationDate 'soon' is not a date"),
        "future": ({**ec2, "publicationDate": "2027-01-05T00:00:00Z"}, "after 2026-12-02"),
        "no terms": ({**ec2, "terms": {"Reserved": {}}}, 'no "terms" with "OnDemand"'),
        "other region": (
            json.loads(json.dumps(ec2).replace('"us-east-1"', '"eu-west-1"')),
            "is an offer file for eu-west-1, not for the table's region us-east-1",
        ),
        "not a price": (
            json.loads(json.dumps(ec2).replace('"0.1050000000"', '"n/a"')),
            "the on-demand price of product",
        ),
        # json.load gives up; ijson streams it and finds no offer's fields
        "deep": ("[" * 100_000 + "]" * 100_000, "nested too deeply|not a JSON object"),
    }
    if _streaming():  # a missing OnDemand section is read as an empty one
        del cases["no terms"]
    files = {}
    for name, (content, message) in cases.items():
        path = tmp_path / f"{name.replace(' ', '-')}.json"
        path.write_text(content if isinstance(content, str) else json.dumps(content))
        files[name] = (path, message)
    return files


def test_bad_offer_files_are_refused_in_one_sentence_naming_the_file(table, tmp_path) -> None:
    for name, (path, message) in _bad_files(tmp_path).items():
        with pytest.raises(PriceTableError) as caught:
            refresh(table, [*SAMPLES[:1], path], TODAY)
        text = str(caught.value)
        assert text.startswith(f"{path}: "), (name, text)
        assert any(m in text for m in message.split("|")), (name, text)
        assert "\n" not in text and len(text) < 300, (name, text)
    with pytest.raises(PriceTableError, match="is a second AmazonEC2 offer file"):
        refresh(table, [OFFERS / "AmazonEC2.json", OFFERS / "AmazonEC2.json"], TODAY)
    with pytest.raises(PriceTableError, match="cannot be read"):
        refresh(table, [tmp_path / "missing.json"], TODAY)


def test_products_that_disagree_are_refused_not_picked(table, tmp_path) -> None:
    ec2 = json.loads((OFFERS / "AmazonEC2.json").read_text())
    (sku,) = [
        s for s, p in ec2["products"].items()
        if p["attributes"].get("operatingSystem") == "RHEL"
    ]  # fmt: skip
    ec2["products"][sku]["attributes"]["operatingSystem"] = "Linux"  # now a second m7i.large
    path = tmp_path / "ec2.json"
    path.write_text(json.dumps(ec2))
    with pytest.raises(
        PriceTableError, match=r"\.json: 2 products match \S+ with different prices"
    ):
        refresh(table, [path], TODAY)


def test_the_stream_reader_reads_what_json_load_reads(table, monkeypatch) -> None:
    pytest.importorskip("ijson")
    streamed = refresh(table, SAMPLES, TODAY)[0]
    monkeypatch.setitem(sys.modules, "ijson", None)  # import fails: the json.load path
    assert refresh(table, SAMPLES, TODAY)[0] == streamed


# -- the command ---------------------------------------------------------------------------


def test_the_command_writes_a_table_that_loads(tmp_path, capsys) -> None:
    path = tmp_path / "prices.json"
    shutil.copyfile(PRICES_FILE, path)
    assert main(["prices", "refresh", *map(str, SAMPLES), "--table", str(path)]) == 0
    out = capsys.readouterr().out
    assert "m7i.large" in out and f"Wrote {path}." in out
    written = load_prices(path)
    assert written.price("fargate_vcpu_hour_linux_x86").usd == 0.041
    assert written == refresh(load_prices(), SAMPLES, TODAY)[0]  # the same whatever the day

    before = path.stat().st_mtime_ns
    assert main(["prices", "refresh", *map(str, SAMPLES), "--table", str(path)]) == 0
    assert "already holds these figures" in capsys.readouterr().out
    assert path.stat().st_mtime_ns == before


def test_the_installed_table_is_written_elsewhere_only(tmp_path, capsys) -> None:
    packaged = PRICES_FILE.read_bytes()
    assert main(["prices", "refresh", str(SAMPLES[0])]) == 2
    assert "give --output PATH" in capsys.readouterr().err
    out = tmp_path / "new.json"
    assert main(["prices", "refresh", *map(str, SAMPLES), "--output", str(out)]) == 0
    assert load_prices(out).price("lambda_gb_second_arm").usd == 0.0000125
    assert main(["prices", "refresh", *map(str, SAMPLES), "--dry-run"]) == 0
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert PRICES_FILE.read_bytes() == packaged


def test_the_command_refuses_bad_input_in_one_line_and_writes_nothing(tmp_path, capsys) -> None:
    path = tmp_path / "prices.json"
    shutil.copyfile(PRICES_FILE, path)
    original = path.read_bytes()
    for _name, (bad, message) in _bad_files(tmp_path).items():
        if "future" in _name:
            continue  # the command's day is today, not TODAY
        assert (
            main(["prices", "refresh", *map(str, SAMPLES[:1]), str(bad), "--table", str(path)]) == 2
        )
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "nothing was written" in err, err
        assert any(m in err for m in message.split("|")), err
    assert main(["prices", "refresh", str(SAMPLES[0]), "--output", str(tmp_path)]) == 2
    assert "--output" in capsys.readouterr().err
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def _entry(table, name: str):
    if name in table.prices:
        return table.prices[name]
    if name.endswith(" Dedicated Host"):
        return next(h for h in table.dedicated_hosts if h.family == name.split()[0])
    return next(i for i in table.instances if i.type == name)


def _figure(table, name: str) -> float:
    entry = _entry(table, name)
    return entry.usd if name in table.prices else entry.usd_per_hour


def _count(table) -> int:
    return len(table.prices) + len(table.instances) + len(table.dedicated_hosts)


def _streaming() -> bool:
    try:
        import ijson  # noqa: F401
    except ImportError:
        return False
    return True
