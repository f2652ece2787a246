"""The command line's exit codes, and the failures that end a command with one of them."""

from __future__ import annotations

import io
import re

TYPE_CHECKING = False  # typing itself is not imported at run time (see _app)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    T = TypeVar("T")

# What each means: docs/cli.md, "Exit codes".
OK = 0
FAILURE = 1
USAGE = 2
API_ERROR = 3
CONNECTION = 4
UNUSABLE_ANSWER = 5
REFUSED = 6
INTERRUPTED = 130


class CommandError(Exception):
    """A failure the command line reports in one line on stderr, ending with `code`; `kept`: with `code` even in a
    command whose every other failure has one status (a database or Redis out of reach or refusing: every command's)."""

    def __init__(self, message: str, code: int = USAGE, *, kept: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.kept = kept


# What a database or Redis says when it answered and refused the login: its own words (libpq passes PostgreSQL's on).
_REFUSALS = re.compile(
    r'password authentication failed|no pg_hba\.conf entry|(database|role) "[^"]*" does not exist|not permitted to log'
    r" in|permission denied for database|WRONGPASS|NOAUTH|invalid username-password pair|Authentication required"
)
# A failure of the connection itself: nothing answered (refused, timed out, cut), by the class of the driver's error.
_UNREACHED = ("OperationalError", "PoolTimeout", "ConnectionError", "TimeoutError", "LeaseUnreachableError")


def shared_failure(message: str, error: BaseException, code: int = FAILURE) -> CommandError:
    """`message` with `error`'s class and text (the client's: the database or Redis named redacted, never a password),
    ending with `failure_code`."""
    return CommandError(f"{message}: {type(error).__name__}: {error}", failure_code(error, code))


def failure_code(error: BaseException, code: int = FAILURE) -> int:
    """REFUSED where a database or Redis answered and refused the login (its credentials, its role, its database),
    CONNECTION where none answered, else `code`: the same in every command that uses one (docs/cli.md)."""
    chain: list[BaseException] = []
    step: BaseException | None = error
    while step is not None and len(chain) < 8:
        chain.append(step)
        step = step.__cause__ or step.__context__
    if any(_REFUSALS.search(str(step)) or type(step).__name__ == "AuthenticationError" for step in chain):
        return REFUSED
    if any(type(step).__name__ in _UNREACHED or isinstance(step, OSError) for step in chain):
        return CONNECTION
    return code


def unusable_answer(error: BaseException) -> CommandError | None:
    """The failure (exit 5, docs/cli.md "Exit codes") for an error naming a field of an answer that could not be
    read, else None: any error with a `pointer` and an `operation` (the client's `UnreadableFieldError`,
    `UnusableAnswerError`, the errors built on them), so that none is called "unexpected".
    """
    pointer, operation = getattr(error, "pointer", None), getattr(error, "operation", None)
    if not isinstance(pointer, str) or not isinstance(operation, str):
        return None
    text = str(error)
    if pointer and operation and pointer in text and operation in text:  # the client's own say both
        return CommandError(text, UNUSABLE_ANSWER)
    where = f"{pointer or 'a field'} of {operation or 'an operation'}'s answer"
    return CommandError(f"the API sent {where} unlike openapi.yaml: {text}", UNUSABLE_ANSWER)


def loaded(load: Callable[[str], T], path: str) -> T:
    """What `load` reads from the file at `path`; a CommandError ending with FAILURE if it cannot.

    For the provisioning commands' files, whose every error is FAILURE: `load` raises OSError when
    the file cannot be read, ValueError naming the file (and where in it) when it is not what it must be.
    """
    try:
        return load(path)
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}", FAILURE) from None
    except ValueError as exc:
        raise CommandError(str(exc), FAILURE) from None


def read_bytes(path: str, what: str, *, secret: bool = False) -> bytes:
    """The bytes of the file at `path` (a key's); a CommandError `cannot read <what>: ...` if it cannot be read.

    The one reader of a file a command is named (`read_text` decodes what it reads). A `secret`'s error
    says the exception's class only: a decoding error quotes the file's bytes.
    """
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as exc:
        raise _unreadable(what, exc, secret) from None


def read_text(path: str, what: str, *, secret: bool = False) -> str:
    """The text of the file at `path`, UTF-8 with newlines read as `open()` reads them; errors as `read_bytes`'s."""
    data = read_bytes(path, what, secret=secret)
    try:
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()
    except UnicodeDecodeError as exc:
        raise _unreadable(what, exc, secret) from None


def _unreadable(what: str, exc: Exception, secret: bool) -> CommandError:
    return CommandError(f"cannot read {what}: {type(exc).__name__ if secret else exc}")


def missing_extra(what: str, extra: str, cause: ImportError) -> CommandError:
    """The error for a command whose extra is not installed: what to install, said once.

    The client's own ImportErrors already say `pip install ...`; the module that is missing (a
    bare `No module named 'jsonschema'`) is added only when the cause does not say it.
    """
    detail = "" if "pip install" in str(cause) else f" ({cause})"
    return CommandError(f"{what} needs the {extra} extra: pip install 'pexip-engage-client[{extra}]'{detail}")
