"""Signed copies of agreements: checked to be PDFs, kept privately, served only to parties.

A copy is stored under ``<var_dir>/agreements/<agreement id>/<sha256>.pdf``, outside
every static or media URL, and written whole before the database points at it. Files
are named by their SHA-256, so a version is never overwritten and its hash, kept with it
and written to the audit trail, shows later that the file is the one uploaded.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pypdfium2
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from diogel.web.agreements.models import Agreement, AgreementDocument

#: The largest signed copy accepted. A scanned agreement of a few dozen pages fits.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def documents_dir() -> Path:
    return Path(settings.DIOGEL.var_dir) / "agreements"


def check_pdf(upload: Any) -> None:
    """Refuse anything but a PDF that opens, no larger than :data:`MAX_DOCUMENT_BYTES`.

    The name and the browser's content type are the uploader's to choose, so the file
    itself must start with the PDF header and open in PDFium (already used to render
    reports), which also refuses password-protected files nobody could read later.

    Raises
    ------
    ValidationError
        Saying what is wrong, in the user's language.
    """
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The signed agreement must be smaller than %(size)s MB"),
            params={"size": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            code="too_large",
        )
    if not str(upload.name).lower().endswith(".pdf"):
        raise ValidationError(_("The signed agreement must be a PDF file"), code="not_pdf")
    content = _read(upload)
    if not content.startswith(b"%PDF-"):
        raise ValidationError(_("The signed agreement must be a PDF file"), code="not_pdf")
    try:
        pdf = pypdfium2.PdfDocument(content)
    except pypdfium2.PdfiumError as exc:
        raise ValidationError(
            _("The file could not be opened as a PDF. Is it damaged or protected by a password?"),
            code="unreadable",
        ) from exc
    pdf.close()


def _read(upload: Any) -> bytes:
    upload.seek(0)
    content = b"".join(upload.chunks())
    upload.seek(0)
    return bytes(content)


def store(agreement: Agreement, upload: Any, user: Any) -> AgreementDocument:
    """Keep ``upload`` (already checked by :func:`check_pdf`) as the agreement's newest
    signed copy and return its record."""
    content = _read(upload)
    digest = hashlib.sha256(content).hexdigest()
    relative = Path(str(agreement.pk)) / f"{digest}.pdf"
    target = documents_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        partial = target.with_suffix(".part")
        # Readable by the site's own account only: a signed agreement names people.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
        partial.replace(target)
    return AgreementDocument.objects.create(
        agreement=agreement,
        file=str(relative),
        name=Path(str(upload.name)).name[:200],
        sha256=digest,
        size=len(content),
        uploaded_by=user,
    )


def path_of(document: AgreementDocument) -> Path | None:
    """The stored file of ``document``, or None when it is missing or outside the folder."""
    base = documents_dir().resolve()
    path = (base / document.file).resolve()
    if base not in path.parents or not path.is_file():
        return None
    return path
