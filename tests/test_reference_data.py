from __future__ import annotations

import http.server
import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from diogel.reference_data import (
    DATASETS,
    data_status,
    fetch_police_uk_archive,
    install_from_directory,
)


def test_shared_data_holds_every_catalogued_file(shared_data: Path) -> None:
    statuses = data_status(shared_data)
    assert [s.dataset.key for s in statuses if not s.present] == []


def test_empty_directory_reports_every_file_missing(tmp_path: Path) -> None:
    missing = sum(len(s.missing) for s in data_status(tmp_path))
    assert missing == sum(len(d.files) for d in DATASETS)


def test_install_copies_only_missing_files(shared_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "data"
    lookup = "geography/wales_lsoa11_lookup.csv"
    (target / "geography").mkdir(parents=True)
    (target / lookup).write_text("already here")
    copied = install_from_directory(shared_data, target)
    assert lookup not in copied
    assert (target / lookup).read_text() == "already here"
    assert all(s.present for s in data_status(target))
    assert install_from_directory(shared_data, target) == []
    assert not list(target.rglob(".*")), "no temporary files are left behind"


@pytest.fixture
def archive_server(tmp_path: Path) -> Iterator[str]:
    """A local web server standing in for data.police.uk's archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("2021-11/2021-11-gwent-street.csv", "Crime ID,Month\n,2021-11\n")
        z.writestr("2021-12/2021-12-gwent-street.csv", "Crime ID,Month\n,2021-12\n")
        z.writestr("2021-12/2021-12-gwent-outcomes.csv", "ignored")
        z.writestr("2021-12/2021-12-dyfed-powys-street.csv", "ignored")
    (tmp_path / "2021-12.zip").write_bytes(buffer.getvalue())

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{{month}}.zip"
    server.shutdown()


def test_fetch_keeps_only_the_forces_street_files(archive_server: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    files = fetch_police_uk_archive("2021-12", "gwent", data_dir, url_template=archive_server)
    assert sorted(files) == [
        "police-uk/gwent/2021-11-gwent-street.csv",
        "police-uk/gwent/2021-12-gwent-street.csv",
    ]
    assert (data_dir / files[1]).read_text().endswith("2021-12\n")


def test_fetch_for_an_unknown_force_fails_clearly(archive_server: str, tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="no street-level files for force 'atlantis'"):
        fetch_police_uk_archive("2021-12", "atlantis", tmp_path, url_template=archive_server)


def test_download_verifies_before_replacing(tmp_path: Path, shared_data: Path) -> None:
    from diogel.geography.reference import ReferenceDataError
    from diogel.geography.verify import VERIFIERS
    from diogel.reference_data import download

    rel = "geography/lsoa11_boundaries.geojson"
    served = tmp_path / "served"
    served.mkdir()
    (served / "good.geojson").write_bytes((shared_data / rel).read_bytes())
    (served / "bad.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    dest = tmp_path / "data" / rel

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(served), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        download(f"{base}/good.geojson", dest, VERIFIERS[rel])
        assert dest.read_bytes() == (shared_data / rel).read_bytes()
        with pytest.raises(ReferenceDataError, match="expected 1,909"):
            download(f"{base}/bad.geojson", dest, VERIFIERS[rel])
        assert dest.read_bytes() == (shared_data / rel).read_bytes(), "old file kept"
        assert [p.name for p in dest.parent.iterdir()] == [dest.name], "no temporary left"
    finally:
        server.shutdown()
