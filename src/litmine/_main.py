"""The ``litmine`` command's entry point: the CLI, imported inside a Ctrl-C guard.

Importing the CLI (click, SQLAlchemy, litmine's API) takes a few tenths of a second,
longer on a loaded machine. A Ctrl-C in that window used to print the import system's
``KeyboardInterrupt`` traceback; here it prints one line and exits with the shell's
status for an interrupt (130), as a Ctrl-C later in a command does (:mod:`litmine.cli`).
Nothing has been read or written at that point.
"""
from __future__ import annotations

import signal
import sys

#: What a Ctrl-C during start-up prints (to stderr).
STARTUP_INTERRUPTED = "interrupted during start-up: nothing read or written"


def main() -> None:
    """Run :func:`litmine.cli.cli`; a KeyboardInterrupt while importing it exits 130 with one line."""
    try:
        from litmine.cli import cli
    except KeyboardInterrupt:
        sys.stderr.write(STARTUP_INTERRUPTED + "\n")
        sys.exit(128 + signal.SIGINT)   # 130, as litmine.cli.EXIT_INTERRUPTED
    cli()


if __name__ == "__main__":   # python -m litmine._main
    main()
