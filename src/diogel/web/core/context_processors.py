"""Values every page template needs: languages and navigation."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from diogel.web.accounts.permissions import Capability, has_capability

# Each language is named in itself, as language switchers should.
_ENDONYMS = {"en": "English", "cy": "Cymraeg"}


def site(request: HttpRequest) -> dict[str, object]:
    current = get_language()
    languages = [
        {
            "code": code,
            "name": _ENDONYMS[code],
            "href": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "language_links": languages,
        "can_view_partner_directory": has_capability(
            request.user, Capability.VIEW_PARTNER_DIRECTORY
        ),
        "can_administer_site": has_capability(request.user, Capability.ADMINISTER_SITE),
        "can_view_imports": has_capability(request.user, Capability.VIEW_IMPORTS),
        "can_view_audit_log": has_capability(request.user, Capability.VIEW_AUDIT_LOG),
        "can_view_reports": has_capability(request.user, Capability.VIEW_REPORTS),
    }
