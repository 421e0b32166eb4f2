"""A time limit for one page's extraction, so one hostile page cannot hang a run.

    with deadline(10.0):          # raises DeadlineExceeded out of the block after 10 s
        art = extract_page(page)
    deadline_reason(10.0)         # "deadline: extraction took over 10 s" (the rejected row's reason)

How: `signal.setitimer(ITIMER_REAL)` and a SIGALRM handler in the process doing the extraction
(the CLI's process, or each --jobs / build worker: pool workers run their tasks in their main
thread). Where that is not available the block runs without a limit and `deadline` yields
False: on platforms without SIGALRM (Windows), off the main thread (signal handlers can only be
set there: e.g. a web server's request threads), and for seconds <= 0 (no deadline asked for).

What it cannot cut: Python only runs the handler between bytecodes, so one long call into C
(the HTML parser, one regular expression) finishes before the page is cut. That is why the HTML
path caps the DOM before parsing (vinews.html.guard) and the text path keeps its regexes
linear; the deadline is the backstop for what is left.

DeadlineExceeded derives from BaseException, not Exception, so the extractor's own
`except Exception` fallbacks (a bad JSON-LD block, a bad date) do not swallow it. An outer
timer already set (a caller's own deadline) is put back, less the time spent, when the block ends.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

__all__ = ["DeadlineExceeded", "deadline", "deadline_reason", "available"]


class DeadlineExceeded(BaseException):
    """The page's extraction ran past its deadline."""


def available() -> bool:
    """Whether a deadline can be set here (SIGALRM exists and this is the main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def deadline_reason(seconds: float) -> str:
    return f"deadline: extraction took over {seconds:g} s"


@contextmanager
def deadline(seconds: float | None) -> Iterator[bool]:
    """Raise DeadlineExceeded inside the block once `seconds` have passed. Yields whether a
    deadline is in force (False: none asked for, or not available here; the block just runs)."""
    if not seconds or seconds <= 0 or not available():
        yield False
        return
    armed = True

    def _expired(signum, frame):
        if armed:
            raise DeadlineExceeded(deadline_reason(seconds))

    start = time.monotonic()
    old_handler = signal.signal(signal.SIGALRM, _expired)
    old_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        armed = False  # a signal landing from here on is ignored
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler if old_handler is not None else signal.SIG_DFL)
        if old_delay > 0:  # an outer timer: re-arm it with what it had left (at least a tick)
            signal.setitimer(signal.ITIMER_REAL, max(old_delay - (time.monotonic() - start), 1e-3))
