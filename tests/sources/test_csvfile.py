"""The defensive CSV reader's header checks: width bounded, repeated names found."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diogel.sources import csvfile
from diogel.sources.base import BadFileError
from diogel.sources.csvfile import parser_connection, query_csv, read_csv

MAX_COLUMNS = 1000  # the documented limit (docs/data-hub.md)


def write(path: Path, header: list[str], rows: int = 1) -> Path:
    line = ",".join(header)
    path.write_text(line + "\n" + ("\n".join(",".join("x" for _ in header) for _ in range(rows))))
    return path


def test_the_maximum_width_is_a_thousand_columns() -> None:
    assert getattr(csvfile, "MAX_COLUMNS", None) == MAX_COLUMNS


def test_a_header_150000_columns_wide_is_refused_naming_the_file_and_the_limit(
    tmp_path: Path,
) -> None:
    # The operator's file: 0.6 MB, 150,000 columns, once 31 s in a quadratic check.
    header = [f"c{i}" for i in range(150_000)]
    path = write(tmp_path / "wide.csv", header)
    with pytest.raises(BadFileError) as refused:
        read_csv(path, ("c0",))
    message = str(refused.value)
    assert message.startswith("wide.csv: ")
    assert "150,000 columns" in message
    assert "at most 1,000" in message
    # The police.uk ingest reads files through query_csv: the same refusal.
    with pytest.raises(BadFileError, match="at most 1,000"):
        query_csv(parser_connection(), path, ("c0",), "select line from {csv}")


def test_a_header_of_repeated_names_too_wide_is_refused_for_its_width(tmp_path: Path) -> None:
    path = write(tmp_path / "same.csv", ["a"] * 150_000)
    with pytest.raises(BadFileError, match="150,000 columns"):
        read_csv(path, ("a",), name="upload 7")


def test_a_header_at_the_limit_is_read_and_one_more_is_refused(tmp_path: Path) -> None:
    header = [f"c{i}" for i in range(MAX_COLUMNS)]
    table = read_csv(write(tmp_path / "at.csv", header, rows=2), ("c0",))
    assert table.header == header
    assert len(table) == 2
    with pytest.raises(BadFileError, match="1,001 columns"):
        read_csv(write(tmp_path / "over.csv", [*header, "extra"]), ("c0",))


@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), min_size=1, max_size=40))
def test_repeated_names_are_each_named_once(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    path = write(tmp_path_factory.mktemp("dup") / "dup.csv", names)
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    repeated = sorted(n for n, c in counts.items() if c > 1)
    if not repeated:
        assert read_csv(path, (names[0],)).header == names
        return
    with pytest.raises(BadFileError) as refused:
        read_csv(path, (names[0],))
    assert str(refused.value) == f"dup.csv: column(s) named twice: {', '.join(repeated)}"
