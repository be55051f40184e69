"""Printing results either for people or as JSON for programs."""

from __future__ import annotations

import json
from typing import Any

import typer


def emit_json(payload: Any) -> None:
    """Print ``payload`` as indented JSON on standard output."""
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
