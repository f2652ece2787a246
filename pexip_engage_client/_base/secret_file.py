"""The client secret from the environment: `PEXIP_ENGAGE_CLIENT_SECRET`, or the file `PEXIP_ENGAGE_CLIENT_SECRET_FILE`
names, as Docker and Kubernetes mount a secret (docs/configuration.md). Loaded only for client credentials: a client
given a token never reads it.
"""

from __future__ import annotations

import os

CLIENT_SECRET_VARIABLE = "PEXIP_ENGAGE_CLIENT_SECRET"  # noqa: S105 - a variable's name
CLIENT_SECRET_FILE_VARIABLE = "PEXIP_ENGAGE_CLIENT_SECRET_FILE"  # noqa: S105 - a variable's name


def client_secret_from_environment() -> str | None:
    """`PEXIP_ENGAGE_CLIENT_SECRET`, else the text of the file `PEXIP_ENGAGE_CLIENT_SECRET_FILE` names (its trailing
    newline stripped), else None. Both set, or a file that cannot be read or holds nothing, is a `ValueError` naming
    the variable and the path, never the file's content."""
    secret = os.environ.get(CLIENT_SECRET_VARIABLE)
    path = os.environ.get(CLIENT_SECRET_FILE_VARIABLE)
    if not path:
        return secret or None
    if secret:
        raise ValueError(f"{CLIENT_SECRET_VARIABLE} and {CLIENT_SECRET_FILE_VARIABLE} are both set: set one")
    where = f"{CLIENT_SECRET_FILE_VARIABLE} ({path})"
    secret, failure = _secret_file_text(path)
    if failure is not None:  # raised here, in a frame that holds none of the file's text
        raise ValueError(f"cannot read {where}: {failure}")
    if not secret.strip():
        raise ValueError(f"{where} holds no secret")
    return secret


def _secret_file_text(path: str) -> tuple[str, str | None]:
    """The text of a secret's file, its trailing newline (an editor's or `echo`'s) stripped, else why it cannot be
    read, in words that quote none of its bytes."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        return "", error.strerror or type(error).__name__
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # its message would quote the file's bytes
        return "", "it is not UTF-8 text"
    return text.removesuffix("\n").removesuffix("\r"), None
