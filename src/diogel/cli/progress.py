"""Progress reporting that suits where output goes.

On a terminal long work shows a progress bar; in a log or a pipe it prints one
plain line per step, so CI logs and cron mail stay readable.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def track(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Iterate ``items``, reporting progress as a bar or as plain lines."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if sys.stderr.isatty():
        # Only a terminal needs the bar: rich's progress module is not loaded otherwise.
        from rich.progress import Progress

        with Progress(transient=False) as progress:
            task = progress.add_task(description, total=total)
            for item in items:
                yield item
                progress.advance(task)
        return
    # About twenty lines for the whole job, however long it is.
    every = max(1, (total or 0) // 20)
    done = 0
    for done, item in enumerate(items, start=1):
        yield item
        if done % every == 0 or done == total:
            of_total = f"/{total}" if total is not None else ""
            print(f"{description}: {done}{of_total}", file=sys.stderr, flush=True)
