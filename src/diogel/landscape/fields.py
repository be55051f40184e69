"""Reading validated fields from parsed TOML, collecting every problem.

Shared by the landscape, programme, performance and funding loaders:
each reader records a problem naming the entry and the field and returns a
harmless value, so one pass over a file reports everything wrong with it.

Examples
--------
>>> r = FieldReader()
>>> r.declare_documents([{"file": "002_closure.txt", "title": "Closure report"}])
>>> r.date({"due": "2020-13"}, "due", "objective 'x'")
>>> r.sources({"source": {"document": "002", "quote": "a  quote"}}, "objective 'x'")[0].quote
'a quote'
>>> r.problems
["objective 'x', field 'due': '2020-13' is not a date like 2020, 2020-01 or 2020-01-31"]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from diogel.landscape.model import Document, Source

CODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Partial ISO dates: the documents often give only a year or a month.
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

E = TypeVar("E", bound=StrEnum)


class FieldReader:
    """Field readers over raw TOML tables; ``problems`` collects what is wrong."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.documents: dict[str, Document] = {}

    def problem(self, entry: str, field: str, message: str) -> None:
        self.problems.append(f"{entry}, field {field!r}: {message}")

    def text(self, raw: Mapping[str, Any], key: str, entry: str, required: bool = True) -> str:
        value = raw.get(key)
        if value is None:
            if required:
                self.problem(entry, key, "missing")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(entry, key, "must be non-empty text")
            return ""
        return value

    def optional_text(self, raw: Mapping[str, Any], key: str, entry: str) -> str | None:
        return self.text(raw, key, entry, required=False) or None

    def date(self, raw: Mapping[str, Any], key: str, entry: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not DATE.match(value):
            self.problem(entry, key, f"{value!r} is not a date like 2020, 2020-01 or 2020-01-31")
            return None
        return value

    def integer(self, raw: Mapping[str, Any], key: str, entry: str, minimum: int = 1) -> int | None:
        value = raw.get(key)
        if value is None:
            self.problem(entry, key, "missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(entry, key, f"a whole number of at least {minimum}")
            return None
        return value

    def number(self, raw: Mapping[str, Any], key: str, entry: str) -> float | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            self.problem(entry, key, "must be a number")
            return None
        return float(value)

    def boolean(self, raw: Mapping[str, Any], key: str, entry: str, default: bool) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            self.problem(entry, key, "true or false")
            return default
        return value

    def enum(self, kind: type[E], value: object, entry: str, key: str, label: str) -> E | None:
        try:
            return kind(str(value))
        except ValueError:
            known = ", ".join(m.value for m in kind)
            self.problem(entry, key, f"unknown {label} {value!r} (known: {known})")
            return None

    def optional_enum(
        self, kind: type[E], raw: Mapping[str, Any], key: str, entry: str, label: str
    ) -> E | None:
        if raw.get(key) is None:
            return None
        return self.enum(kind, raw[key], entry, key, label)

    def str_list(self, raw: Mapping[str, Any], key: str, entry: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(entry, key, "must be a list of text")
            return ()
        return tuple(value)

    def table(self, raw: Mapping[str, Any], key: str, entry: str) -> Mapping[str, Any] | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(entry, key, "must be a table")
            return None
        return value

    def table_list(self, raw: Mapping[str, Any], key: str, entry: str) -> list[Mapping[str, Any]]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(entry, key, f"must be a list of tables ([[...{key}]])")
            return []
        return value

    def unknown_keys(self, raw: Mapping[str, Any], allowed: set[str], entry: str) -> None:
        for key in sorted(set(raw) - allowed, key=str):
            self.problem(entry, str(key), "unknown field")

    def code(self, raw: Mapping[str, Any], kind: str, number: int) -> tuple[str, str]:
        """The entry's code and how messages name it (by number when the code is bad)."""
        code = raw.get("code")
        if not isinstance(code, str) or not CODE.match(code):
            entry = f"{kind} {number}"
            self.problem(entry, "code", "missing, or not lower-case letters, digits and hyphens")
            return "", entry
        return code, f"{kind} {code!r}"

    def declare_documents(self, raws: list[Mapping[str, Any]]) -> None:
        for number, raw in enumerate(raws, 1):
            entry = f"document {number}"
            self.unknown_keys(raw, {"file", "title", "date"}, entry)
            file = self.text(raw, "file", entry)
            if file in self.documents:
                self.problem(entry, "file", f"document {file!r} declared twice")
            if file:
                self.documents[file] = Document(
                    file, self.text(raw, "title", entry), self.date(raw, "date", entry)
                )

    def sources(self, raw: Mapping[str, Any], entry: str) -> tuple[Source, ...]:
        """Every entry must cite at least one declared document with a quote or section."""
        single, many = raw.get("source"), raw.get("sources")
        if single is None and many is None:
            self.problem(entry, "source", "missing citation (every entry cites its source)")
            return ()
        items = [single] if single is not None else many
        if not isinstance(items, list) or not items:
            self.problem(entry, "sources", "must be a non-empty list of citations")
            return ()
        out = []
        for item in items:
            if not isinstance(item, dict):
                self.problem(entry, "source", "a citation is a table {document, quote, section}")
                continue
            doc = self.resolve_document(item.get("document"), entry)
            quote, section = item.get("quote", ""), item.get("section", "")
            if not isinstance(quote, str) or not isinstance(section, str):
                self.problem(entry, "source", "quote and section are text")
                continue
            if not quote.strip() and not section.strip():
                self.problem(entry, "source", "a citation needs a quote or a section")
                continue
            if doc is not None:
                out.append(Source(doc.file, " ".join(quote.split()), section, doc.date))
        return tuple(out)

    def resolve_document(self, name: object, entry: str) -> Document | None:
        """A citation gives the whole file name or its number (``"002"``)."""
        if isinstance(name, str):
            if name in self.documents:
                return self.documents[name]
            matches = [d for f, d in self.documents.items() if f.startswith(f"{name}_")]
            if len(matches) == 1:
                return matches[0]
        known = ", ".join(self.documents) or "none declared"
        self.problem(entry, "source.document", f"unknown document {name!r} (known: {known})")
        return None

    def duplicates(self, kind: str, codes: list[str]) -> None:
        seen: set[str] = set()
        for code in codes:
            if code and code in seen:
                self.problems.append(f"{kind} {code!r}, field 'code': used twice")
            seen.add(code)

    def top_level(self, document: Mapping[str, Any], known: set[str]) -> None:
        for key in sorted(set(document) - known, key=str):
            self.problems.append(
                f"top level, field {key!r}: unknown table (known: {', '.join(sorted(known))})"
            )
