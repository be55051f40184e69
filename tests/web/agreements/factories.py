"""Small SYNTHETIC things the agreement tests need: a real PDF, a stored signed copy."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pypdfium2

from diogel.web.agreements.documents import documents_dir
from diogel.web.agreements.models import Agreement, AgreementDocument


def pdf_bytes(pages: int = 1) -> bytes:
    """A blank PDF that opens (SYNTHETIC: it stands for a signed agreement)."""
    pdf = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def attach_document(
    agreement: Agreement, user: Any, content: bytes | None = None
) -> AgreementDocument:
    """Store ``content`` (a blank PDF by default) as the agreement's signed copy."""
    content = content if content is not None else pdf_bytes()
    digest = hashlib.sha256(content).hexdigest()
    relative = f"{agreement.pk}/{digest}.pdf"
    path = documents_dir() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return AgreementDocument.objects.create(
        agreement=agreement,
        file=relative,
        name="signed.pdf",
        sha256=digest,
        size=len(content),
        uploaded_by=user,
    )
