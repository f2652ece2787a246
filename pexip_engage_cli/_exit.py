"""The command line's exit codes, and the failures that end a command with one of them."""

from __future__ import annotations

OK = 0
# Something failed that is none of the kinds below (an answer the client could not read, for one).
FAILURE = 1
# What was asked cannot be sent: an unknown option, a bad value, a body the API does not define,
# missing configuration or credentials. argparse exits with 2 too.
USAGE = 2
# The API answered with an error status (4xx or 5xx); the status, its error codes and the
# correlation id are printed to stderr.
API_ERROR = 3
# No answer: the connection failed, timed out, or the token endpoint could not be reached.
CONNECTION = 4
# Ctrl-C: the shell's convention, 128 + SIGINT.
INTERRUPTED = 130


class CommandError(Exception):
    """A failure the command line reports in one line on stderr, ending with `code`."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.code = code
