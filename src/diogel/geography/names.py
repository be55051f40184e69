"""Official codes and names, in English and Welsh, for the areas above LSOA level.

Sources: ONS Register of Geographic Codes (local authority W06, local health board
W11 as at April 2019, police force area W15, country W92); Welsh names as the
bodies themselves use them.
"""

from __future__ import annotations

WALES_CODE = "W92000004"
WALES_NAMES = ("Wales", "Cymru")

#: local authority code -> (English name, Welsh name)
LOCAL_AUTHORITIES: dict[str, tuple[str, str]] = {
    "W06000001": ("Isle of Anglesey", "Ynys Môn"),
    "W06000002": ("Gwynedd", "Gwynedd"),
    "W06000003": ("Conwy", "Conwy"),
    "W06000004": ("Denbighshire", "Sir Ddinbych"),
    "W06000005": ("Flintshire", "Sir y Fflint"),
    "W06000006": ("Wrexham", "Wrecsam"),
    "W06000008": ("Ceredigion", "Ceredigion"),
    "W06000009": ("Pembrokeshire", "Sir Benfro"),
    "W06000010": ("Carmarthenshire", "Sir Gaerfyrddin"),
    "W06000011": ("Swansea", "Abertawe"),
    "W06000012": ("Neath Port Talbot", "Castell-nedd Port Talbot"),
    "W06000013": ("Bridgend", "Pen-y-bont ar Ogwr"),
    "W06000014": ("Vale of Glamorgan", "Bro Morgannwg"),
    "W06000015": ("Cardiff", "Caerdydd"),
    "W06000016": ("Rhondda Cynon Taf", "Rhondda Cynon Taf"),
    "W06000018": ("Caerphilly", "Caerffili"),
    "W06000019": ("Blaenau Gwent", "Blaenau Gwent"),
    "W06000020": ("Torfaen", "Tor-faen"),
    "W06000021": ("Monmouthshire", "Sir Fynwy"),
    "W06000022": ("Newport", "Casnewydd"),
    "W06000023": ("Powys", "Powys"),
    "W06000024": ("Merthyr Tydfil", "Merthyr Tudful"),
}

#: local health board code (April 2019 boundaries) -> (English name, Welsh name)
HEALTH_BOARDS: dict[str, tuple[str, str]] = {
    "W11000023": (
        "Betsi Cadwaladr University Health Board",
        "Bwrdd Iechyd Prifysgol Betsi Cadwaladr",
    ),
    "W11000024": ("Powys Teaching Health Board", "Bwrdd Iechyd Addysgu Powys"),
    "W11000025": ("Hywel Dda University Health Board", "Bwrdd Iechyd Prifysgol Hywel Dda"),
    "W11000028": (
        "Aneurin Bevan University Health Board",
        "Bwrdd Iechyd Prifysgol Aneurin Bevan",
    ),
    "W11000029": (
        "Cardiff and Vale University Health Board",
        "Bwrdd Iechyd Prifysgol Caerdydd a'r Fro",
    ),
    "W11000030": (
        "Cwm Taf Morgannwg University Health Board",
        "Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg",
    ),
    "W11000031": (
        "Swansea Bay University Health Board",
        "Bwrdd Iechyd Prifysgol Bae Abertawe",
    ),
}

#: police force area code -> (English name, Welsh name, member local authority codes)
POLICE_FORCE_AREAS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "W15000001": (
        "North Wales",
        "Gogledd Cymru",
        ("W06000001", "W06000002", "W06000003", "W06000004", "W06000005", "W06000006"),
    ),
    "W15000002": (
        "Dyfed-Powys",
        "Dyfed-Powys",
        ("W06000008", "W06000009", "W06000010", "W06000023"),
    ),
    "W15000003": (
        "Gwent",
        "Gwent",
        ("W06000018", "W06000019", "W06000020", "W06000021", "W06000022"),
    ),
    "W15000004": (
        "South Wales",
        "De Cymru",
        (
            "W06000011",
            "W06000012",
            "W06000013",
            "W06000014",
            "W06000015",
            "W06000016",
            "W06000024",
        ),
    ),
}
