"""Welsh and English: every shipped string has a Welsh translation, every page both languages."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from diogel.web.accounts.roles import Role
from tests.conftest import REPO_ROOT

WEB = REPO_ROOT / "src" / "diogel" / "web"
APPS_WITH_CATALOGUES = sorted(p.parent.parent for p in WEB.glob("*/locale/cy"))


def extract_fresh_catalogue(app_dir: Path, tmp_path: Path) -> polib.POFile:
    """Run makemessages on a copy of the app, so the committed catalogue is not consulted."""
    copy = tmp_path / app_dir.name
    shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("*.po", "*.mo", "__pycache__"))
    cwd = Path.cwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["cy"], verbosity=0)
    finally:
        os.chdir(cwd)
    return polib.pofile(str(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po"))


def test_every_app_with_strings_has_a_catalogue() -> None:
    assert {p.name for p in APPS_WITH_CATALOGUES} >= {"core", "accounts"}


@pytest.mark.parametrize("app_dir", APPS_WITH_CATALOGUES, ids=lambda p: p.name)
def test_welsh_catalogue_is_complete(app_dir: Path, tmp_path: Path) -> None:
    committed = polib.pofile(str(app_dir / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    translated = {
        (e.msgctxt, e.msgid)
        for e in committed
        if e.translated() and "fuzzy" not in e.flags and not e.obsolete
    }
    fresh = extract_fresh_catalogue(app_dir, tmp_path)
    missing = [e.msgid for e in fresh if (e.msgctxt, e.msgid) not in translated]
    assert not missing, f"untranslated Welsh strings in {app_dir.name}: {missing}"


@pytest.mark.parametrize("app_dir", APPS_WITH_CATALOGUES, ids=lambda p: p.name)
def test_welsh_plurals_have_all_four_forms(app_dir: Path) -> None:
    committed = polib.pofile(str(app_dir / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    assert "nplurals=4" in committed.metadata["Plural-Forms"]
    for entry in committed:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == 4, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_no_message_means_two_things_in_welsh() -> None:
    """Django merges every app's catalogue: a message translated two ways shows one
    app's Welsh on the other's pages ("Area" as surface area on a dashboard). Give
    such messages a context instead."""
    seen: dict[tuple[str | None, str], tuple[str, str]] = {}
    clashes = []
    for app_dir in APPS_WITH_CATALOGUES:
        for entry in polib.pofile(str(app_dir / "locale" / "cy" / "LC_MESSAGES" / "django.po")):
            if entry.msgid_plural or not entry.msgstr:
                continue
            key = (entry.msgctxt, entry.msgid)
            if key in seen and seen[key][1] != entry.msgstr:
                clashes.append(f"{entry.msgid!r}: {seen[key]} vs {(app_dir.name, entry.msgstr)}")
            seen.setdefault(key, (app_dir.name, entry.msgstr))
    assert clashes == []


def test_the_completeness_check_catches_a_new_untranslated_string(tmp_path: Path) -> None:
    app = tmp_path / "source" / "core"
    shutil.copytree(WEB / "core", app, ignore=shutil.ignore_patterns("__pycache__"))
    (app / "templates" / "core" / "new.html").write_text(
        '{% load i18n %}{% translate "A brand new sentence" %}'
    )
    fresh = extract_fresh_catalogue(app, tmp_path / "out")
    assert "A brand new sentence" in {e.msgid for e in fresh}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "lang", "heading"),
    [
        ("/en/", "en", "Safer communities in Wales"),
        ("/cy/", "cy", "Cymunedau mwy diogel yng Nghymru"),
    ],
)
def test_home_page_in_each_language(prefix: str, lang: str, heading: str) -> None:
    html = Client().get(prefix).content.decode()
    assert f'<html lang="{lang}"' in html
    assert heading in html


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_the_other_language(
    client_for: Callable[[Role], Client],
) -> None:
    html = client_for(Role.ANALYST).get("/cy/organisations/").content.decode()
    assert 'href="/en/organisations/"' in html
    assert 'hreflang="en"' in html
    assert "Sefydliadau partner" in html


@pytest.mark.django_db
def test_plural_and_names_follow_the_language(client_for: Callable[[Role], Client]) -> None:
    client = client_for(Role.ANALYST)
    assert "14 organisations take part." in client.get("/en/organisations/").content.decode()
    welsh = client.get("/cy/organisations/").content.decode()
    assert "Mae 14 sefydliad yn cymryd rhan." in welsh
    assert "Heddlu Gwent" in welsh


def test_dates_follow_the_locale() -> None:
    import datetime

    from django.utils.formats import date_format

    day = datetime.date(2026, 3, 1)
    with translation.override("cy"):
        assert date_format(day, "j F Y") == "1 Mawrth 2026"
    with translation.override("en"):
        assert date_format(day, "j F Y") == "1 March 2026"


def test_root_redirects_to_a_language() -> None:
    response = Client(headers={"accept-language": "cy"}).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/cy/"
