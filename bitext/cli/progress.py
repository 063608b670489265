"""What a long run shows while it works, and the lines that tell how to read its result.

A progress bar on stderr (a terminal only) that appears once a run has taken
``PROGRESS_AFTER_S`` and moves through the pipeline's stages: read, split, embed n/N sentences,
align. Runs that finish sooner show nothing, so short runs do not flicker.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from .console import err_console

#: a run still going after this many seconds gets a progress bar (the issue's "~2 s").
PROGRESS_AFTER_S = 2.0

_STAGES = {
    "read": "reading",
    "split": "splitting into sentences",
    "embed": "embedding sentences",
    "align": "aligning",
    "check": "checking",
}
#: warnings that change how the table must be read; repeated after it, where they stay on screen.
_READING = ("not translations", "do not look like translations", "parallel summaries")


@contextlib.contextmanager
def stage_progress(files: Sequence[object] = ()) -> Iterator[Any]:
    """Yield a ``progress(stage, done, total)`` callback, or ``False`` off a terminal."""
    if not err_console.is_terminal:
        yield False
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console,
        transient=True,
    )
    task = bar.add_task(_STAGES["read"], total=None)
    lock = threading.Lock()
    state = {"started": False, "finished": False}

    def start() -> None:
        with lock:
            if not state["finished"]:
                bar.start()
                state["started"] = True

    timer = threading.Timer(PROGRESS_AFTER_S, start)
    timer.daemon = True

    def callback(stage: str, done: int, total: int) -> None:
        bar.update(task, description=_STAGES.get(stage, stage), completed=done, total=total or None)

    timer.start()
    try:
        yield callback
    finally:
        timer.cancel()
        with lock:
            state["finished"] = True
            if state["started"]:
                bar.stop()


def reading_warnings(warnings: Sequence[str]) -> list[str]:
    """The warnings a reader of the table must still see after it."""
    return [w for w in warnings if any(key in w for key in _READING)]


def say_config(config: Any) -> None:
    """Name the config file in use on stderr (nothing when none is)."""
    path = getattr(config, "path", None)
    if path:
        err_console.print(f"config: {path}", style="dim", highlight=False)


__all__ = ["PROGRESS_AFTER_S", "reading_warnings", "say_config", "stage_progress"]
