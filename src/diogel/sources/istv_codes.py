"""ISTV code lists (assault method, assault location type) as replaceable reference data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from diogel.sources.base import BadFileError


@dataclass(frozen=True)
class Code:
    code: str
    label_en: str
    label_cy: str
    subcategory: str | None = None
    needs_description: bool = False


@dataclass(frozen=True)
class IstvCodeLists:
    label: str
    synthetic: bool
    assault_method: dict[str, Code]
    assault_location_type: dict[str, Code]


def synthetic_codes_path() -> Path:
    return Path(str(resources.files("diogel.sources.synthetic") / "istv_codes.toml"))


def load_code_lists(path: Path | None = None) -> IstvCodeLists:
    """Read code lists from ``path`` (default: the SYNTHETIC demonstration lists)."""
    path = path or synthetic_codes_path()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BadFileError(f"{path}: ISTV code lists cannot be read ({exc})") from exc

    def codes(section: str) -> dict[str, Code]:
        table = document.get(section)
        if not isinstance(table, dict) or not table:
            raise BadFileError(f"{path}: no [{section}] codes")
        out = {}
        for code, spec in table.items():
            if len(code) != 2 or not isinstance(spec, dict) or "label_en" not in spec:
                raise BadFileError(
                    f"{path}: [{section}] {code!r} needs a 2-character code and a label_en"
                )
            out[code] = Code(
                code,
                str(spec["label_en"]),
                str(spec.get("label_cy", spec["label_en"])),
                str(spec["subcategory"]) if spec.get("subcategory") else None,
                bool(spec.get("needs_description")),
            )
        return out

    return IstvCodeLists(
        str(document.get("label", path.name)),
        bool(document.get("synthetic", False)),
        codes("assault_method"),
        codes("assault_location_type"),
    )
