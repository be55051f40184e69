"""Reading a partner's CSV file defensively.

Untrusted input: the bytes must decode as UTF-8, parse as CSV with consistent
quoting, and carry the required columns. Any fault raises one
:class:`~diogel.sources.base.BadFileError` naming the file and, where there is one,
the line.
"""

from __future__ import annotations

import csv
import io
import os
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from diogel.sources.base import BadFileError

MAX_FIELD = 1_000_000
#: The widest header :func:`read_csv` reads; every source has a few dozen columns at most.
MAX_COLUMNS = 1000


@dataclass(frozen=True)
class CsvTable:
    """A parsed CSV: header, one list per column, and each record's first line."""

    header: list[str]
    columns: dict[str, list[str]]
    lines: list[int]

    def __len__(self) -> int:
        return len(self.lines)


def read_csv(
    path: Path, required: tuple[str, ...], name: str | None = None, allow_empty: bool = False
) -> CsvTable:
    """Parse ``path`` as UTF-8 CSV with a header row containing ``required``.

    A header with no rows is refused unless ``allow_empty`` (a nil return, for
    sources whose period can be known without rows).
    """
    label = name or path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadFileError(f"{label}: cannot be read ({exc.strerror})") from exc
    if not raw.strip():
        raise BadFileError(f"{label}: the file is empty")
    if b"\x00" in raw[:8192]:
        raise BadFileError(f"{label}: this is not a CSV text file (it contains binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BadFileError(
            f"{label}: line {line} is not UTF-8 text (byte {raw[exc.start]:#04x}); "
            "save the file as UTF-8 CSV and send it again"
        ) from exc
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        raise BadFileError(f"{label}: the header row cannot be read ({exc})") from exc
    header = [h.strip() for h in header]
    if len(header) > MAX_COLUMNS:
        raise BadFileError(
            f"{label}: the header has {len(header):,} columns; a file may have at most "
            f"{MAX_COLUMNS:,}"
        )
    missing = [c for c in required if c not in header]
    if missing:
        raise BadFileError(
            f"{label}: missing column(s) {', '.join(repr(c) for c in missing)}; "
            f"found {', '.join(repr(h) for h in header[:15])}"
        )
    if len(set(header)) != len(header):
        repeated = sorted(h for h, n in Counter(header).items() if n > 1)  # linear
        raise BadFileError(f"{label}: column(s) named twice: {', '.join(repeated)}")
    width = len(header)
    values: list[list[str]] = [[] for _ in header]
    lines: list[int] = []
    previous_end = reader.line_num
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # blank line
            if len(record) != width:
                raise BadFileError(
                    f"{label}: line {start} has {len(record)} fields, the header has {width}"
                )
            for column, value in zip(values, record, strict=True):
                column.append(value)
            lines.append(start)
    except csv.Error as exc:
        raise BadFileError(
            f"{label}: line {reader.line_num} cannot be parsed as CSV ({exc})"
        ) from exc
    if not lines and not allow_empty:
        raise BadFileError(f"{label}: the file has a header but no rows")
    return CsvTable(header, dict(zip(header, values, strict=True)), lines)


#: DuckDB is told this string means NULL; a file holding it is read by :func:`read_csv`.
#: So an empty field is '' and only a field missing from a short line is NULL.
_NULL = b"\x01"
#: Files above this size are read by DuckDB with its threads (the parallel reader costs
#: more than it saves on a file of a few megabytes).
_PARALLEL_FROM = 32 << 20
#: Wider headers are left to read_csv (a query naming every column would be huge).
_MAX_PLAIN_WIDTH = 1000


@dataclass(frozen=True)
class CsvQuery:
    """What :func:`query_csv` returns: the header, and the query's result (Arrow).

    ``plain`` says whether DuckDB read the file itself (a plain file) or the records
    came from :func:`read_csv`.
    """

    header: list[str]
    result: pa.Table
    plain: bool


def query_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    required: tuple[str, ...],
    sql: str,
    params: dict[str, object] | None = None,
    name: str | None = None,
    allow_empty: bool = False,
) -> CsvQuery:
    """Run ``sql`` over the records of ``path`` as :func:`read_csv` reads them.

    ``sql`` names the records ``{csv}``: a relation with ``line`` (each record's first
    line in the file) and one VARCHAR column per required column, never NULL (an
    empty field is ``''``), in file order. It must keep one result row per record in
    order (SELECT and WHERE only: no joins, grouping or sorting), so the result has
    a row per record.

    The same file is accepted or refused with the same :class:`BadFileError` as by
    :func:`read_csv`, with the same records, values and line numbers. A plain file
    (valid UTF-8; no quote characters, NUL or \\x01 bytes, blank lines, bare carriage
    returns or mixed line endings; every line as many fields as the header, none
    longer than :data:`MAX_FIELD` bytes) is read by DuckDB's CSV reader in the same
    query, which then does exactly what Python's ``csv`` module does with it. Any
    other file, and every fault, goes through :func:`read_csv` itself, so its
    messages stay the only ones.
    """
    plain = _plain_relation(path, required)
    if plain is not None:
        header, relation = plain
        try:
            result = con.execute(sql.format(csv=relation), params).to_arrow_table()
        except duckdb.Error:
            result = None  # faults are named by read_csv, below
        if result is not None and result.num_rows:
            return CsvQuery(header, result, plain=True)
    parsed = read_csv(path, required, name, allow_empty)
    records = pa.table(
        {
            "line": pa.array(parsed.lines, pa.int64()),
            **{c: pa.array(parsed.columns[c], pa.string()) for c in required},
        }
    )
    con.register("diogel_csv_records", records)
    try:
        result = con.execute(sql.format(csv="diogel_csv_records"), params).to_arrow_table()
    finally:
        con.unregister("diogel_csv_records")
    return CsvQuery(parsed.header, result, plain=False)


def _plain_relation(path: Path, required: tuple[str, ...]) -> tuple[list[str], str] | None:
    """The header of a plain file and the SQL relation reading it, or None if not plain."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    header = _plain_header(raw)
    if header is None or any(c not in header for c in required):
        return None
    width = len(header)
    if len(set(header)) != width or not 2 <= width <= _MAX_PLAIN_WIDTH:
        return None  # (one column: read_csv skips lines of white space as blank)
    # One column more than the header, padded with NULL: a line with a field too few
    # has NULL in its last, one with a field too many has a value in the extra one
    # (DuckDB would otherwise drop a trailing empty field). Either stops the query.
    # Lines longer than MAX_FIELD bytes stop it too: no field in the others is too long.
    # row_number() over () numbers the records in file order (DuckDB keeps the order of
    # a single scan through SELECT and WHERE, and says so); the header is line 1.
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width + 1))
    names = ", ".join(f"c{header.index(c)} as {_quoted(c)}" for c in required)
    parallel = "true" if len(raw) >= _PARALLEL_FROM else "false"
    relation = (
        f"(select row_number() over () + 1 as line, {names} "
        f"from read_csv({_text(str(path))}, columns = {{{columns}}}, header = false, "
        "skip = 1, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
        "nullstr = '\x01', null_padding = true, strict_mode = true, "
        f"max_line_size = {MAX_FIELD}, parallel = {parallel}) "
        f"where case when c{width} is null and c{width - 1} is not null then true "
        "else error('not as many fields as the header') end)"
    )
    return header, relation


@dataclass(frozen=True)
class PlainText:
    """A plain file's bytes (see :func:`query_csv`), to be read with others in one query."""

    header: list[str]
    #: How its lines end: ``\n`` or ``\r\n``.
    newline: str
    raw: bytes


def plain_text(raw: bytes, required: tuple[str, ...]) -> PlainText | None:
    """``raw`` as a :class:`PlainText` with the ``required`` columns, or None when it is
    not plain or not UTF-8 (such a file is read alone, by :func:`query_csv`)."""
    header = _plain_header(raw)
    if header is None or any(c not in header for c in required):
        return None
    if len(set(header)) != len(header) or not 2 <= len(header) <= _MAX_PLAIN_WIDTH:
        return None
    try:
        raw.decode("utf-8")  # DuckDB reads the text, which must be valid UTF-8
    except UnicodeDecodeError:
        return None
    return PlainText(header, "\r\n" if b"\r" in raw else "\n", raw)


def plain_texts_table(texts: dict[int, PlainText]) -> pa.Table:
    """The texts, by their files' indexes, as an Arrow table (``file_index``,
    ``newline``, ``content``) for :func:`plain_records_sql`; the bytes are not copied."""
    chunks = [
        pa.Array.from_buffers(
            pa.large_string(),
            1,
            [None, pa.array([0, len(t.raw)], pa.int64()).buffers()[1], pa.py_buffer(t.raw)],
        )
        for t in texts.values()
    ]
    return pa.table(
        {
            "file_index": pa.array(list(texts), pa.int64()),
            "newline": pa.array([t.newline for t in texts.values()], pa.string()),
            "content": pa.chunked_array(chunks, pa.large_string()),
        }
    )


def plain_records_sql(table: str, header: list[str], required: tuple[str, ...]) -> str:
    """SQL: the records of the plain texts in ``table`` (:func:`plain_texts_table`), all
    with ``header``, as :func:`read_csv` reads each.

    A relation with ``file_index``, ``line`` (the record's line in its file: the header
    is line 1), one VARCHAR column per required column (an empty field is ``''``),
    ``n_fields`` (the record's fields: a plain file has no quotes, so splitting at
    commas is exactly the CSV reading) and ``n_bytes`` (its line's length). Records
    with another number of fields than the header, or longer than :data:`MAX_FIELD`,
    are the caller's to find (``read_csv`` refuses or reads such a file otherwise).
    Each line's number comes from its place in the file, not from the order of a scan.
    """
    names = ", ".join(f"f[{header.index(c) + 1}] as {_quoted(c)}" for c in required)
    return (
        f"(select file_index, line, len(f) as n_fields, n_bytes, {names} from ("
        "select file_index, line, string_split(l, ',') as f, strlen(l) as n_bytes from ("
        "select file_index, unnest(generate_series(1, len(lines))) as line, "
        f"unnest(lines) as l from (select file_index, string_split(content, newline) as lines "
        f"from {table})) where line > 1 and l <> ''))"
    )


def _plain_header(raw: bytes) -> list[str] | None:
    """The header of a plain file (see :func:`query_csv`), or None when it is not plain."""
    if not raw or raw.isspace() or b'"' in raw or b"\x00" in raw or _NULL in raw:
        return None
    if b"\r" in raw:
        crlf = raw.count(b"\r\n")
        if raw.count(b"\r") != crlf or raw.count(b"\n") != crlf:
            return None  # bare carriage returns, or mixed line endings
        newline = b"\r\n"
    else:
        newline = b"\n"
    if raw.startswith(newline) or newline + newline in raw:
        return None  # a blank line: read_csv skips it, and line numbers must agree
    end = raw.find(newline)
    if end < 0:
        return None  # a header and no rows
    try:
        first = raw[:end].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return [h.strip() for h in first.split(",")]


def _quoted(identifier: str) -> str:
    """``identifier`` as a quoted SQL identifier."""
    return '"' + identifier.replace('"', '""') + '"'


def _text(value: str) -> str:
    """``value`` as an SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


_LOCAL = threading.local()


def parser_connection(
    path: Path | None = None, parallel: bool = False
) -> duckdb.DuckDBPyConnection:
    """This thread's in-memory DuckDB connection for reading and checking files.

    One per thread (a connection must not be shared between threads), opened once:
    opening costs more than reading a small file. Given the file to read, its threads
    are set for it: one for a file under :data:`_PARALLEL_FROM` (spreading a few
    thousand rows over threads costs more than it saves), all of them above, or when
    ``parallel`` (many files read at once).
    """
    con: duckdb.DuckDBPyConnection | None = getattr(_LOCAL, "con", None)
    if con is None:
        con = duckdb.connect()
        con.execute("set enable_progress_bar = false")
        _LOCAL.con = con
        _LOCAL.threads = 0
    try:
        size = path.stat().st_size if path is not None else 0
    except OSError:
        size = 0  # load_csv says why it cannot be read
    threads = 1 if size < _PARALLEL_FROM and not parallel else os.cpu_count() or 1
    if threads != _LOCAL.threads:
        con.execute(f"set threads = {threads}")
        _LOCAL.threads = threads
    return con


def in_line_order(table: pa.Table) -> pa.Table:
    """``table`` sorted by its ``line`` column (a no-op when it already is)."""
    lines = table.column("line")
    if len(lines) > 1 and not pc.all(pc.less(lines[:-1], lines[1:])).as_py():
        return table.sort_by("line")
    return table
