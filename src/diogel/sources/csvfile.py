"""Reading a partner's CSV file defensively.

Untrusted input: the bytes must decode as UTF-8, parse as CSV with consistent
quoting, and carry the required columns. Any fault raises one
:class:`~diogel.sources.base.BadFileError` naming the file and, where there is one,
the line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from diogel.sources.base import BadFileError

MAX_FIELD = 1_000_000


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
    missing = [c for c in required if c not in header]
    if missing:
        raise BadFileError(
            f"{label}: missing column(s) {', '.join(repr(c) for c in missing)}; "
            f"found {', '.join(repr(h) for h in header[:15])}"
        )
    if len(set(header)) != len(header):
        repeated = sorted({h for h in header if header.count(h) > 1})
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
