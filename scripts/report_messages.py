"""Extract the report messages and merge them into the Welsh catalogue.

    .venv/bin/python scripts/report_messages.py

New messages arrive untranslated (a test fails until they are translated);
messages no longer used are dropped. Run after changing report wording.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "diogel" / "reports"
CATALOGUE = PACKAGE / "locale" / "cy" / "LC_MESSAGES" / "reports.po"
METHODS = [("**.py", "python"), ("**/templates/**.j2", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    catalogue = Catalog(project="diogel-reports", locale="cy")
    for filename, lineno, message, comments, _context in extract_from_dir(
        PACKAGE, METHODS, keywords=KEYWORDS, options_map={"**/templates/**.j2": {}}
    ):
        catalogue.add(message, locations=[(filename, lineno)], auto_comments=comments)
    return catalogue


def main() -> int:
    template = extracted()
    if CATALOGUE.exists():
        with CATALOGUE.open("rb") as handle:
            catalogue = read_po(handle, locale="cy")
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
    else:
        catalogue = Catalog(project="diogel-reports", locale="cy")
        for message in template:
            if message.id:
                catalogue.add(message.id, locations=message.locations)
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    catalogue.fuzzy = False
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalogue, width=100, sort_output=True, omit_header=False)
    missing = [m.id for m in catalogue if m.id and not m.string]
    print(f"{CATALOGUE}: {len(catalogue)} messages, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
