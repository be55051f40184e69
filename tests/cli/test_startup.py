"""``diogel --help`` starts without the heavy libraries.

Help needs only the commands' signatures and help texts; each command imports the
figures, the geography, the warehouse and the reports it uses when it runs. Timing
the start-up would make a flaky test, so this checks the cause instead: which
libraries a fresh interpreter has loaded after printing help, for the top level and
for every command group with each of its commands. (The whole-command timing is in
``benchmarks/bench_cli_startup.py``.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.main import get_command

from diogel.cli.main import _register_plugins, app
from tests.conftest import REPO_ROOT

#: Libraries that take from tenths of a second to seconds to import; written out here,
#: not taken from the code under test.
HEAVY = (
    "altair",
    "django",
    "duckdb",
    "geopandas",
    "matplotlib",
    "numpy",
    "openpyxl",
    "pandas",
    "pyarrow",
    "pyproj",
    "scipy",
    "shapely",
    "vl_convert",
    "weasyprint",
)

#: Run in a fresh interpreter: print the help of each command path given (as JSON) the
#: way the ``diogel`` console script builds the command, then report which heavy
#: libraries are loaded and whether every help was printed.
SCRIPT = """
import contextlib, io, json, sys
from typer.main import get_command
from diogel.cli.main import _register_plugins, app

paths, heavy, also_import = json.loads(sys.argv[1])
_register_plugins()
command = get_command(app)
printed = []
for path in paths:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            command.main(args=[*path, "--help"], prog_name="diogel", standalone_mode=False)
        except SystemExit:
            pass
    printed.append("Usage" in out.getvalue())
for module in also_import:
    __import__(module)
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
print(json.dumps({"loaded": loaded, "printed": printed}))
"""


def _command_tree() -> dict[str, list[list[str]]]:
    """Each command group's path and its commands' paths; "" holds the top level and
    its own commands. ``manage`` is left out: its ``--help`` is Django's."""
    _register_plugins()
    tree: dict[str, list[list[str]]] = {"": [[]]}

    def walk(command: object, prefix: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            path = [*prefix, name]
            if path == ["manage"]:
                continue
            if getattr(sub, "commands", None) is not None:
                tree[" ".join(path)] = [path]
                walk(sub, path)
            else:
                tree[" ".join(prefix)].append(path)

    walk(get_command(app), [])
    return tree


TREE = _command_tree()


def _help_in_fresh_interpreter(
    paths: list[list[str]], also_import: tuple[str, ...] = ()
) -> dict[str, list[object]]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps([paths, HEAVY, also_import])],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_tree_holds_the_groups_and_commands() -> None:
    assert {"", "analyse", "report", "ingest", "funding", "seed"} <= set(TREE)
    assert ["analyse", "hotspots"] in TREE["analyse"]
    assert ["counts"] in TREE[""]
    assert ["serve"] in TREE[""]


@pytest.mark.parametrize("group", sorted(TREE), ids=lambda g: g or "diogel")
def test_help_loads_no_heavy_library(group: str) -> None:
    paths = TREE[group]
    result = _help_in_fresh_interpreter(paths)
    assert result["printed"] == [True] * len(paths)
    assert result["loaded"] == []


def test_the_check_sees_a_heavy_library_when_one_is_loaded() -> None:
    """The check is not vacuous: a library loaded in the same interpreter is reported."""
    result = _help_in_fresh_interpreter([[]], also_import=("diogel.geography.geography",))
    assert {"numpy", "pandas"} <= set(result["loaded"])
