"""Which sources the warehouse can hold: the adapters' source codes and the shipped mappings'.

A source code is what ``imports.source`` and ``incidents.source`` hold (e.g.
``police_uk_street``), not the ``diogel ingest`` command that imports it (e.g.
``police-uk``). A mapping file written by a partner may name a source of its own;
once imported it is in the warehouse's ``imports`` table, which callers add to this
list (see :func:`diogel.figures.base.known_sources`).
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Final

#: Sources read by their own adapter: source code -> what it holds. A test keeps this
#: in step with each adapter's ``SOURCE``.
ADAPTER_SOURCES: Final[dict[str, str]] = {
    "police_uk_street": "police.uk street-level crime and anti-social behaviour",
    "police_uk_stop_search": "police.uk stop and search",
    "police_uk_outcomes": "police.uk outcomes of crimes (not incidents)",
    "istv": "emergency-department assaults (ISTV minimum data set)",
}

#: Sources whose records are not incidents: source -> the table that holds them.
NOT_INCIDENTS: Final[dict[str, str]] = {"police_uk_outcomes": "crime_outcomes"}

#: ``diogel ingest`` command names -> the source code each imports into (the adapters';
#: ``generic`` imports into whatever its mapping names).
INGEST_COMMANDS: Final[dict[str, str]] = {
    "police-uk": "police_uk_street",
    "police-uk-stop-search": "police_uk_stop_search",
    "police-uk-outcomes": "police_uk_outcomes",
}


def shipped_mapping_sources() -> dict[str, str]:
    """Source code -> label of each mapping shipped in ``diogel/sources/mappings/``."""
    found: dict[str, str] = {}
    folder = resources.files("diogel.sources") / "mappings"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        doc = tomllib.loads(entry.read_text(encoding="utf-8"))
        source = str(doc.get("source", ""))
        if source:
            found[source] = f"{doc.get('label', source)} (mapping {entry.name})"
    return found


def shipped_sources() -> dict[str, str]:
    """Every source Diogel ships a reader for: source code -> what it holds."""
    return {**ADAPTER_SOURCES, **shipped_mapping_sources()}
