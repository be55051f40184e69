"""A real Diogel server (``diogel demo``) and Debian's Chromium for browser tests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class DemoServer:
    base_url: str
    accounts: dict[str, str]  # username -> password, as `diogel demo` printed them


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    port = _free_port()
    env = {
        **os.environ,
        "DIOGEL_VAR_DIR": str(tmp_path_factory.mktemp("var")),
        "PORT": str(port),
        "DJANGO_SETTINGS_MODULE": "diogel.web.settings.development",
    }
    env.pop("DATABASE_URL", None)
    diogel = Path(sys.executable).parent / "diogel"
    log = tmp_path_factory.mktemp("log") / "demo.log"
    with log.open("w") as out:
        process = subprocess.Popen([str(diogel), "demo"], env=env, stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # loading the demo data is slow on a busy machine
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"diogel demo did not start:\n{log.read_text()}")
            time.sleep(0.3)
        printed = log.read_text()
        accounts = dict(re.findall(r"username (\S+)\s+password (\S+)", printed))
        yield DemoServer(base, accounts)
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make browser`")
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}
