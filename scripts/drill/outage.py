"""The fault: PostgreSQL stopped (fast, as in a restart) in the middle of the load and
started again, with the moments of each step."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Timeline:
    """The moments (time.monotonic) of the outage's steps."""

    stop_begun: float = 0.0
    stopped: float = 0.0
    start_begun: float = 0.0
    back: float = 0.0


def pg_ctl(*arguments: str) -> None:
    """pg_ctl on the drill's cluster, as its owner (PostgreSQL will not run as root)."""
    as_owner = os.environ.get("DRILL_PG_AS", "").split()
    command = [
        *as_owner,
        str(Path(os.environ["DRILL_PG_BINDIR"]) / "pg_ctl"),
        "-D",
        os.environ["DRILL_PG_DATA"],
        "-l",
        os.environ["DRILL_PG_LOG"],
        "-w",
        "-t",
        "60",
        *arguments,
    ]
    subprocess.run(command, cwd="/", check=True, stdout=subprocess.DEVNULL)


def outage(timeline: Timeline, begin_at: float, seconds: float) -> None:
    """Stop PostgreSQL (fast: sessions are ended, as in a restart), wait, start it again."""
    time.sleep(max(0.0, begin_at - time.monotonic()))
    timeline.stop_begun = time.monotonic()
    pg_ctl("stop", "-m", "fast")
    timeline.stopped = time.monotonic()
    time.sleep(seconds)
    timeline.start_begun = time.monotonic()
    # -w: returns once the server accepts connections.
    pg_ctl("start")
    timeline.back = time.monotonic()
