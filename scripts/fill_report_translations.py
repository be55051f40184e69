"""Fill the Welsh report catalogue from a Python file defining ``CY = {msgid: msgstr}``.

    .venv/bin/python scripts/fill_report_translations.py translations.py

Existing translations are kept unless the file gives a new one.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = (
    Path(__file__).resolve().parent.parent / "src/diogel/reports/locale/cy/LC_MESSAGES/reports.po"
)


def main(source: str) -> int:
    translations = runpy.run_path(source)["CY"]
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    for message in catalogue:
        if message.id and message.id in translations:
            message.string = translations[message.id]
    catalogue.fuzzy = False
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalogue, width=100, sort_output=True)
    missing = [m.id for m in catalogue if m.id and not m.string]
    for m in missing:
        print(f"untranslated: {m!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
