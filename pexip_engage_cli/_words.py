"""The client's messages in the command line's words: its options where the client names Python arguments.

The client's refusals of what it is given (`ArgumentError`, `pexip_engage_client/_base/arguments.py`)
keep the arguments they name apart from their words, and say in JSON's words what Python's would
mislead in (`tzinfo=datetime.UTC`, a model's class name, `str` for a string): the command line
names each argument by its option (`--from`, `--client-id`).
"""

from __future__ import annotations

from collections.abc import Iterable

# The client's settings that are options of every command (`add_common_options`).
_SETTINGS = {
    "client_id": "--client-id",
    "client_secret": "--client-secret-file",
    "base_url": "--base-url",
    "auth_url": "--auth-url",
    "max_retries": "--max-retries",
    "http_backend": "PEXIP_ENGAGE_HTTP_BACKEND",  # no option: the command line reads it from there only
}


def option_name(python: str) -> str:
    """The option of a generated command's Python argument: `from_` -> `--from`, `external_id` -> `--external-id`."""
    return "--" + python.strip("_").replace("_", "-")


def in_cli_words(error: ValueError, arguments: Iterable[tuple[str, str]] = ()) -> str:
    """The client's refusal `error`, each argument it names called by its option (`arguments`: (python,
    option) pairs of the command's own, besides the settings); `body` is the JSON path into --body, kept."""
    worded = getattr(error, "worded", None)
    if worded is None:
        return str(error)
    names = {**_SETTINGS, **dict(arguments)}
    names.pop("body", None)
    return str(worded(lambda python: names.get(python, python)))
