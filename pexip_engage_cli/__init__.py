"""The `pexip-engage` command line (console script, or `python -m pexip_engage_client`).

A package of its own: importing the client costs many times an interpreter's start-up, which `--help` must
not pay (docs/cli.md, "Start-up"); `--help` prints the help `make generate` wrote, the rest goes through `_app`.
"""

import sys

TYPE_CHECKING = False  # typing itself is not imported at run time: see _app
if TYPE_CHECKING:
    from ._app import HAND_WRITTEN, HandWritten

__all__ = ["HAND_WRITTEN", "HandWritten", "main", "run"]


def run() -> None:
    """Run the command line on `sys.argv[1:]` and exit with its status (`SystemExit`), leaving the calling
    program's garbage collector and interpreter exit as they are."""
    _answer_at_once()
    sys.exit(main())


def _script() -> None:
    """The console script's entry point, and `python -m`'s: the process is the command's own, so a
    short call runs without the collector's passes and ends without the interpreter's teardown."""
    _answer_at_once()
    from ._collector import end, pause  # noqa: PLC0415

    pause()  # until the command is known to run on (see _collector.py)
    end(main())  # after a short call, without the interpreter's teardown


def _answer_at_once() -> None:
    """`--help` and `--version` answered without argparse or the command table (`SystemExit`)."""
    if sys.argv[1:] in (["--help"], ["-h"]):
        from ._table import HELP_NAME, generated_path  # noqa: PLC0415

        try:
            with open(generated_path(HELP_NAME), encoding="utf-8") as file:
                sys.stdout.write(file.read())
            sys.exit(0)
        except OSError:
            pass  # not generated (a copy made by hand): argparse writes the same text
    if sys.argv[1:] == ["--version"]:  # as `main` would answer, without argparse or the command table
        from ._table import client_version  # noqa: PLC0415

        sys.stdout.write(f"pexip-engage {client_version()}\n")
        sys.exit(0)


def main(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` (default: `sys.argv[1:]`); returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["__complete"]:  # the completion scripts' question (see _completion.py)
        from ._completion import answer  # noqa: PLC0415

        return answer(arguments[1:])
    from ._app import main as run_command  # noqa: PLC0415

    return run_command(arguments)


def __getattr__(name: str) -> object:
    if name in {"HAND_WRITTEN", "HandWritten"}:
        from . import _app  # noqa: PLC0415

        return getattr(_app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
