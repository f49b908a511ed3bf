"""A progress line on stderr: `[#####.....] 3/12 ...`, redrawn on a terminal, a line per change
otherwise (a log keeps every step); long runs (`nok check`, `nok backup`) throttle the lines."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO, TypeVar

T = TypeVar("T")


class ProgressLine:
    def __init__(self, stream: TextIO | None = None, width: int = 30, every_percent: int = 0) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.every_percent = every_percent
        """Off a terminal, print a line only each time this many more percent are done (0: every change)."""
        self.tty = self.stream.isatty()
        self.last = ""
        self.last_percent = -1

    def show(self, done: int, total: int, label: str) -> None:
        total = max(total, 1)
        filled = int(self.width * done / total)
        text = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} ({label})"
        if text == self.last:
            return
        percent = 100 * done // total
        throttled = not self.tty and self.every_percent and done < total
        if throttled and percent < self.last_percent + self.every_percent:
            return
        self.last, self.last_percent = text, percent
        if self.tty:
            self.stream.write("\r\033[K" + text[:200])
            self.stream.flush()
        else:
            self.stream.write(text + "\n")

    def close(self) -> None:
        if self.tty and self.last:
            self.stream.write("\n")
        self.last, self.last_percent = "", -1


def run_with_progress(command: str, work: Callable[[Callable[[str, int, int], None]], T]) -> T | None:
    """Run `work(progress)` with a progress line on stderr; a failure meant for the user (a
    `DocstoreError`, the database unreachable, a file that cannot be read or written) is printed
    as one line `nok COMMAND: ...` and gives None."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from docstore.errors import DocstoreError

    bar = ProgressLine(every_percent=10)
    current = {"stage": ""}

    def progress(stage: str, done: int, total: int) -> None:
        if current["stage"] not in ("", stage):
            bar.close()  # a new stage starts its own line
        current["stage"] = stage
        bar.show(done, total, stage)

    try:
        return work(progress)
    except DocstoreError as error:
        reason = error.message
    except (OperationalError, ProgrammingError) as error:
        reason = f"база данных недоступна или не готова (выполните nok init): {error.orig}"
    except OSError as error:
        reason = f"файл не читается или не записывается ({error.strerror}: {error.filename})"
    finally:
        bar.close()
    print(f"nok {command}: {reason}", file=sys.stderr)
    return None
