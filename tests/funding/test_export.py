"""CSV rows and the XLSX workbook: one sheet per view, reading back to the CSV rows."""

from __future__ import annotations

import csv
import tomllib
from decimal import Decimal
from pathlib import Path

from diogel.funding import load_funding, parse_funding
from diogel.funding.export import csv_rows, read_xlsx, tables, write_csv, write_xlsx
from tests.funding.test_loader import CITE, HEAD

RICHER = (
    HEAD
    + f"""
[[grant]]
code = "g"
fund = "core"
amount = 1234567.89
{CITE}
[[grant.commitment]]
year = "2018-19"
amount = 600000
status = "agreed"
[[pooled_budget]]
code = "pool"
name_en = "Pool"
{CITE}
[[pooled_budget.contribution]]
partner = "gwent-police"
amount = 100
status = "paid"
{CITE}
[[pooled_budget.contribution]]
partner = "opcc-gwent"
amount = 200
status = "agreed"
year = "2019-20"
{CITE}
[[allocation]]
code = "a"
funding = "g"
amount = 1000000.01
theme = "asb"
area = "W06000022"
year = "2018-19"
{CITE}
[[allocation]]
code = "b"
funding = "pool"
amount = 300
theme = "vawdasv"
{CITE}
[[spend]]
allocation = "a"
date = "2018-06-30"
amount = 0.99
{CITE}
"""
)


def test_xlsx_reads_back_to_the_csv_rows(tmp_path: Path) -> None:
    for funding in (
        load_funding(),
        parse_funding(tomllib.loads(RICHER, parse_float=Decimal), "richer"),
    ):
        views = tables(funding)
        book = read_xlsx(write_xlsx(funding, tmp_path / "funding.xlsx"))
        assert list(book) == list(views)
        for name, table in views.items():
            assert book[name] == csv_rows(table), name
        written = write_csv(funding, tmp_path / "csv")
        assert len(written) == len(views)
        for path, table in zip(written, views.values(), strict=True):
            with path.open(encoding="utf-8", newline="") as handle:
                assert list(csv.reader(handle)) == csv_rows(table)


def test_richer_file_views(tmp_path: Path) -> None:
    views = tables(parse_funding(tomllib.loads(RICHER, parse_float=Decimal), "richer"))
    assert csv_rows(views["by year"])[1:] == [
        ["2018-19", "2018-19", "600000.00", "1000000.01", "0.99"],
        ["2019-20", "2019-20", "200.00", "0.00", "0.00"],
        ["", "not given", "634667.89", "300.00", "0.00"],
    ]
    assert csv_rows(views["pooled budget shares"])[1:] == [
        ["pool", "gwent-police", "paid", "100.00", "0.3333"],
        ["pool", "opcc-gwent", "agreed", "200.00", "0.6667"],
    ]
    assert csv_rows(views["by theme"])[1:] == [
        ["asb", "Anti-social behaviour", "", "1000000.01", "0.99"],
        ["vawdasv", "Violence against women, domestic abuse and sexual violence", "", "300.00",
         "0.00"],
    ]  # fmt: skip
