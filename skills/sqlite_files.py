"""Opening the SQLite state files that several bot instances may share."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

OPEN_ATTEMPTS = 20


def initialise(
    path: Path, schema: str, migrate: Callable[[sqlite3.Connection], None] | None = None
) -> None:
    """Create the file in WAL mode with `schema`, then run `migrate`.

    Switching the journal mode takes an exclusive lock that does not wait on the busy
    timeout, so instances starting at the same moment retry instead of failing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        db = sqlite3.connect(path, timeout=10)
        try:
            with db:
                db.execute("PRAGMA journal_mode=WAL")  # persistent: set once per file
                db.executescript(schema)
                if migrate is not None:
                    migrate(db)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == OPEN_ATTEMPTS:
                raise
            time.sleep(0.05 * attempt)
        finally:
            db.close()
