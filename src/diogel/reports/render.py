"""Rendering a :class:`ReportDocument` to HTML and PDF in English or Welsh.

One Jinja2 template serves both: the HTML carries each chart's SVG (readable
with no script), its Vega-Lite spec (made interactive when the Vega bundle is
loaded) and its data table; the PDF is the same HTML typeset by WeasyPrint as a
tagged PDF, so headings, tables and figures' alternative text reach assistive
technology.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from functools import lru_cache
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from diogel.reports.charts import chart_spec, to_svg
from diogel.reports.document import Column, Figure, ReportDocument, Sentence, Table
from diogel.reports.i18n import MISSING, SUPPRESSED, Language, ReportLocale, _
from diogel.reports.maps import choropleth_svg
from diogel.reports.provenance import document_script

Scripts = Literal["none", "inline", "linked"]

_FLAGS = {"above": _("Above expected range"), "below": _("Below expected range")}
_HOTSPOT_CLASSES = {
    "hot_99": _("Hotspot (99%)"),
    "hot_95": _("Hotspot (95%)"),
    "hot_90": _("Hotspot (90%)"),
    "cold_99": _("Coldspot (99%)"),
    "cold_95": _("Coldspot (95%)"),
    "cold_90": _("Coldspot (90%)"),
    "not_significant": _("Not significant"),
}


_SOURCE_NOTES = {
    "police_uk_street": _(
        "police.uk street-level crime and anti-social behaviour (open data, Open Government "
        "Licence v3.0)."
    ),
    "istv": _(
        "Emergency department assault attendances shared under the Information Sharing to "
        "Tackle Violence (ISTV) standard: not open data; disclosure-controlled."
    ),
}


class Renderer:
    """Renders documents in one language; reuses the template and the locale."""

    def __init__(self, language: Language, geojson: Any = None) -> None:
        self.locale = ReportLocale(language)
        self.language = language
        #: ``geojson(level, codes) -> FeatureCollection`` for maps (a Boundaries method).
        self.geojson = geojson
        self.env = _environment()

    @classmethod
    def for_geography(cls, language: Language, geo: Any) -> Renderer:
        """A renderer whose maps draw ``geo``'s cached simplified boundaries."""
        from diogel.geography import Level

        return cls(language, lambda level, codes: geo.boundaries.area_geojson(Level(level), codes))

    # -- words -----------------------------------------------------------------
    def sentence(self, sentence: Sentence) -> str:
        params = {k: self.param(kind, value) for k, (kind, value) in sentence.params.items()}
        return self.locale.gettext(sentence.message, **params)

    def param(self, kind: str, value: Any) -> str:
        loc = self.locale
        if kind in ("category", "Category"):
            return loc.category(str(value), capitalise=kind == "Category")
        if kind == "month":
            return loc.month(str(value))
        if kind == "change":
            return loc.change(value)
        if kind == "percent":
            return MISSING if value is None else f"{loc.number(value * 100, 1)}%"
        if kind == "number":
            return loc.number(value)
        if kind.startswith("decimal"):
            return loc.number(value, int(kind[-1]))
        if kind == "money":
            return loc.money(value)
        if kind == "area":
            return str(value[self.language])
        if kind == "message":
            return loc.gettext(value) if value else ""
        return str(value)

    def cell(self, table: Table, column: Column, index: int, row: dict[str, Any]) -> str:
        if column.kind == "area":
            return str(row.get(f"{column.key}_{self.language}") or MISSING)
        value = row.get(column.key)
        if value is None:
            return SUPPRESSED if f"{index}:{column.key}" in table.withheld else MISSING
        loc = self.locale
        kind = column.kind
        if kind == "category":
            return loc.category(str(value))
        if kind == "month":
            return loc.month(str(value))
        if kind == "day":
            return loc.day_names()[int(value)]
        if kind == "int":
            return loc.number(value)
        if kind.startswith("decimal"):
            return loc.number(value, int(kind[-1]))
        if kind == "change":
            return loc.change(value)
        if kind == "money":
            return loc.money(value)
        if kind == "flag":
            return loc.gettext(_FLAGS[value]) if value in _FLAGS else ""
        if kind == "hotspot":
            return loc.gettext(_HOTSPOT_CLASSES.get(str(value), str(value)))
        return str(value)

    def caption(self, table: Table) -> str:
        return self.sentence(Sentence(table.caption, table.caption_params))

    def generated(self, document: ReportDocument) -> str:
        return self.locale.date(dt.date.fromisoformat(document.generated_at[:10]))

    def source_note(self, source: str) -> str:
        note = _SOURCE_NOTES.get(source)
        return self.locale.gettext(note) if note else source

    def import_groups(self, document: ReportDocument) -> list[dict[str, Any]]:
        """Imports used, one line per source and supplier (the document lists each file)."""
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for item in document.imports_used:
            key = (str(item["source"]), str(item["supplier"]))
            group = groups.setdefault(
                key,
                {
                    "source": key[0],
                    "supplier": key[1],
                    "files": 0,
                    "records": 0,
                    "first": item["period_start"][:7],
                    "last": item["period_end"][:7],
                    "ids": [],
                },
            )
            group["files"] += 1
            group["records"] += int(item["rows_accepted"])
            group["first"] = min(group["first"], item["period_start"][:7])
            group["last"] = max(group["last"], item["period_end"][:7])
            group["ids"].append(int(item["import_id"]))
        for group in groups.values():
            ids = sorted(group["ids"])
            group["ids"] = f"{ids[0]}–{ids[-1]}" if len(ids) > 1 else str(ids[0])
        return sorted(groups.values(), key=lambda g: (g["source"], g["supplier"]))

    # -- figures ---------------------------------------------------------------
    def figure(self, figure: Figure) -> dict[str, Any]:
        title = self.sentence(figure.title)
        if figure.kind == "map":
            codes = set(figure.options["values"])
            features = (
                self.geojson(figure.options["level"], codes)["features"] if self.geojson else []
            )
            svg = choropleth_svg(
                features,
                figure.options["values"],
                set(figure.options["hot"]),
                self.locale,
                title,
            )
            geojson = {"type": "FeatureCollection", "features": features}
            return {
                "svg": Markup(svg),
                "spec": None,
                "title": title,
                "geojson": Markup(json.dumps(geojson, ensure_ascii=False).replace("</", "<\\/")),
            }
        spec = chart_spec(figure, self.locale)
        return {
            "svg": Markup(_accessible_svg(to_svg(spec, self.locale), title)),
            "spec": Markup(json.dumps(spec, ensure_ascii=False).replace("</", "<\\/")),
            "title": title,
        }

    # -- documents -------------------------------------------------------------
    def html(
        self,
        document: ReportDocument,
        scripts: Scripts = "none",
        assets: dict[str, str] | None = None,
        pdf: bool = False,
    ) -> str:
        """The report as one HTML document.

        ``scripts``: ``none`` (static SVG only), ``inline`` (the Vega bundle embedded,
        interactive offline) or ``linked`` (the web site: Vega and Leaflet from
        ``assets`` URLs ``vega``, ``leaflet_js``, ``leaflet_css``, ``app_js``).
        """
        template = self.env.get_template("report.html.j2")
        bundle = Markup(vega_bundle()) if scripts == "inline" else None
        return template.render(
            doc=document,
            r=self,
            _=self.locale.gettext,
            lang=self.language,
            title=self.sentence(document.title),
            pdf=pdf,
            vega_bundle=bundle,
            css=Markup(_css()),
            suppressed=SUPPRESSED,
            document_json=Markup(document_script(document)),
            assets=assets if scripts == "linked" else None,
        )

    def pdf(self, document: ReportDocument) -> bytes:
        from weasyprint import HTML, Attachment

        from diogel.reports.provenance import DOCUMENT_NAME

        html = self.html(document, pdf=True)
        # The document rides inside the PDF, so `diogel report check` can tell
        # from the file alone whether newer data would change it.
        attachment = Attachment(
            string=document.to_json(),
            name=DOCUMENT_NAME,
            description="Diogel report document: parameters, imports and numbers",
        )
        pdf: bytes = HTML(string=html).write_pdf(
            pdf_tags=True, custom_metadata=True, attachments=[attachment]
        )
        return pdf


def render_html(
    document: ReportDocument, language: Language, geojson: Any = None, scripts: Scripts = "none"
) -> str:
    return Renderer(language, geojson).html(document, scripts)


def render_pdf(document: ReportDocument, language: Language, geojson: Any = None) -> bytes:
    return Renderer(language, geojson).pdf(document)


def _accessible_svg(svg: str, title: str) -> str:
    """vl-convert's SVG is decorative; the figure's caption and table carry its content."""
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


class _QuietFontSubsetting(logging.Filter):
    """WeasyPrint warns on every PDF that it subsets fonts with fontTools when the
    HarfBuzz-Subset library is missing; the PDF is the same, so say it once."""

    seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        if "HarfBuzz-Subset" not in record.getMessage():
            return True
        first, _QuietFontSubsetting.seen = not _QuietFontSubsetting.seen, True
        return first


logging.getLogger("weasyprint").addFilter(_QuietFontSubsetting())


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("diogel.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


@lru_cache(maxsize=1)
def _css() -> str:
    from importlib import resources

    return (resources.files("diogel.reports") / "templates" / "report.css").read_text("utf-8")


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    import vl_convert

    bundle: str = vl_convert.javascript_bundle()  # type: ignore[call-arg]
    return bundle.replace("</script", "<\\/script")
