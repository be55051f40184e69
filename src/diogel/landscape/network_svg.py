"""Draw a :class:`~diogel.landscape.network.Network` as a static, accessible SVG.

Three columns, people | organisations | boards, with every edge drawn from the
right of its person or organisation to the left of its board: solid for a mandatory
seat, dashed for anything else. Within each column the nodes are ordered to reduce
crossings by the barycentre method: starting from alphabetical order (boards by
level then name), a few sweeps each put a column's nodes in the order of the mean
position of their neighbours, ties kept in the previous order, so the drawing is the
same every time for the same network.

The drawing needs no script or stylesheet. The root has ``role="img"`` with a
``<title>`` (given) and a ``<desc>`` (the counts) it is labelled by, unless nodes are
links: ARIA treats the children of an image as presentational, which would hide the
links from screen readers, so a drawing with links is a labelled ``role="group"``
instead and each link has an ``aria-label`` ("Board: Gwent PSB"). Colours have a
contrast of at least 3:1 against the white background (:data:`COLOURS`); labels too
long for a box are shortened with "…", the full label in the node's ``<title>``.
With ``lang="cy"`` the Welsh label is used where there is one, and a label that
stays English is marked ``lang="en"``.

Examples
--------
>>> from diogel.landscape import load_landscape
>>> from diogel.landscape.network import landscape_network
>>> network = landscape_network(load_landscape(), region="W15000003")
>>> svg = network_svg(network, title="Gwent")
>>> svg.startswith("<svg"), svg.count("<a "), "role=\\"img\\"" in svg
(True, 0, True)
>>> linked = network_svg(network, title="Gwent", href=lambda n: f"/boards/{n.code}/")
>>> linked.count("<a ") == len(network.nodes)
True
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from diogel.landscape.network import Network, Node, NodeKind

#: Stroke colours on white (contrast: blue 5.2:1, grey 7.0:1, green 6.3:1, text 19.8:1).
COLOURS = {
    "board": "#1d70b8",
    "organisation": "#505a5f",
    "person": "#00703c",
    "seat": "#1d70b8",
    "member": "#505a5f",
    "membership": "#00703c",
    "text": "#0b0c0c",
    "background": "#ffffff",
}

COLUMNS: tuple[NodeKind, ...] = ("person", "organisation", "board")
COLUMN_X = {"person": 20, "organisation": 390, "board": 760}
BOX_W, BOX_H, ROW = 270, 22, 30
WIDTH = 1050
TOP = 96  # below the legend and the column headings
MAX_CHARS = 40
SWEEPS = 4

#: Column heading and the word for one node, by language and kind.
_KINDS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "person": ("People", "Person"),
        "organisation": ("Organisations", "Organisation"),
        "board": ("Boards", "Board"),
    },
    "cy": {
        "person": ("Pobl", "Person"),
        "organisation": ("Sefydliadau", "Sefydliad"),
        "board": ("Byrddau", "Bwrdd"),
    },
}
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "solid": "Solid line: mandatory seat",
        "dashed": "Dashed line: other seat, named member or named person",
        "desc": "{boards} boards, {organisations} organisations, {people} people, {edges} links.",
    },
    "cy": {
        "solid": "Llinell ddi-dor: sedd orfodol",
        "dashed": "Llinell doredig: sedd arall, aelod a enwir neu berson a enwir",
        "desc": "Byrddau: {boards}; sefydliadau: {organisations}; pobl: {people}; "
        "cysylltiadau: {edges}.",
    },
}


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def layout(network: Network) -> dict[NodeKind, list[Node]]:
    """Each column's nodes, top to bottom, after the barycentre sweeps."""
    columns: dict[NodeKind, list[Node]] = {kind: list(network.of_kind(kind)) for kind in COLUMNS}
    columns["person"].sort(key=lambda n: (n.label_en.casefold(), n.id))
    columns["organisation"].sort(key=lambda n: (n.label_en.casefold(), n.id))
    linked: dict[str, list[str]] = {n.id: [] for n in network.nodes}
    for edge in network.edges:
        linked[edge.source].append(edge.target)
        linked[edge.target].append(edge.source)

    def position() -> dict[str, float]:
        return {
            n.id: (i + 0.5) / len(nodes) for nodes in columns.values() for i, n in enumerate(nodes)
        }

    def reorder(kind: NodeKind) -> None:
        where = position()

        def key(item: tuple[int, Node]) -> tuple[float, int]:
            i, node = item
            others = [where[x] for x in linked[node.id]]
            return (sum(others) / len(others) if others else where[node.id], i)

        columns[kind] = [n for _, n in sorted(enumerate(columns[kind]), key=key)]

    for _ in range(SWEEPS):
        reorder("organisation")
        reorder("person")
        reorder("board")
    reorder("organisation")
    reorder("person")
    return columns


def network_svg(
    network: Network,
    *,
    lang: str = "en",
    href: Callable[[Node], str | None] | None = None,
    title: str,
) -> str:
    """The network as an SVG document (text), laid out as the module describes.

    ``href`` gives each node's link, or None for a node that is not a link.
    """
    words = _WORDS["cy" if lang == "cy" else "en"]
    kinds = _KINDS["cy" if lang == "cy" else "en"]
    columns = layout(network)
    tallest = max((len(nodes) for nodes in columns.values()), default=0)
    height = TOP + max(tallest, 1) * ROW + 20
    place = {
        n.id: (COLUMN_X[kind], TOP + i * ROW)
        for kind, nodes in columns.items()
        for i, n in enumerate(nodes)
    }
    by_id = {n.id: n for n in network.nodes}
    links = {n.id: href(n) if href else None for n in network.nodes}
    counts = network.counts()
    role = "group" if any(links.values()) else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="{role}" lang="{_attr(lang)}" '
        'aria-labelledby="network-title network-desc" '
        'font-family="Arial, Helvetica, sans-serif" font-size="12">',
        f'<title id="network-title">{escape(title)}</title>',
        f'<desc id="network-desc">{escape(words["desc"].format(**counts))}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="{COLOURS["background"]}"/>',
    ]
    # Legend and column headings.
    text = COLOURS["text"]
    for i, (dash, label) in enumerate(((None, words["solid"]), ("6 4", words["dashed"]))):
        x = 20 + i * 380
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x}" y1="22" x2="{x + 40}" y2="22" stroke="{text}" '
            f'stroke-width="2"{dashes}/>'
            f'<text x="{x + 48}" y="26" fill="{text}">{escape(label)}</text>'
        )
    for kind in COLUMNS:
        heading = kinds[kind][0]
        out.append(
            f'<text x="{COLUMN_X[kind]}" y="{TOP - 16}" fill="{text}" font-size="14" '
            f'font-weight="bold">{escape(heading)}</text>'
        )
    # Edges under the nodes: dashed first, so that mandatory seats stay on top.
    for edge in sorted(network.edges, key=lambda e: (e.mandatory, e.source, e.target)):
        sx, sy = place[edge.source]
        tx, ty = place[edge.target]
        x1, y1, x2, y2 = sx + BOX_W, sy + BOX_H // 2, tx, ty + BOX_H // 2
        mid = (x1 + x2) // 2
        dashes = "" if edge.mandatory else ' stroke-dasharray="6 4"'
        source, target = by_id[edge.source], by_id[edge.target]
        about = f"{source.label(lang)} – {target.label(lang)}: {edge.label}"
        out.append(
            f'<path d="M{x1} {y1} C{mid} {y1} {mid} {y2} {x2} {y2}" fill="none" '
            f'stroke="{COLOURS[edge.kind]}" stroke-width="1.5"{dashes}>'
            f"<title>{escape(about)}</title></path>"
        )
    for kind in COLUMNS:
        for node in columns[kind]:
            out.append(_node(node, place[node.id], kinds[kind][1], lang, links[node.id]))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _node(node: Node, at: tuple[int, int], kind_word: str, lang: str, link: str | None) -> str:
    x, y = at
    label = node.label(lang)
    shown = label if len(label) <= MAX_CHARS else label[: MAX_CHARS - 1].rstrip() + "…"
    english = lang == "cy" and node.kind != "person" and not node.label_cy
    marked = ' lang="en"' if english else ""
    body = (
        f"<g><title{marked}>{escape(label)}</title>"
        f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="3" '
        f'fill="{COLOURS["background"]}" stroke="{COLOURS[node.kind]}" stroke-width="2"/>'
        f'<text x="{x + 8}" y="{y + 15}" fill="{COLOURS["text"]}"{marked}>{escape(shown)}</text>'
        "</g>"
    )
    if link is None:
        return body
    return f'<a href="{_attr(link)}" aria-label="{_attr(f"{kind_word}: {label}")}">{body}</a>'
