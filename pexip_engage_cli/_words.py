"""The client's messages in the command line's words: its options where the client names Python arguments.

The client's refusals of what it is given (`ArgumentError`, `pexip_engage_client/_runtime/coerce.py`)
keep the arguments they name apart from their words, and say in plain words what Python's would
mislead in (`tzinfo=datetime.UTC`, a model's class name): the command line words each with its
options (`--from`, `--client-id`) and JSON's kinds (a string, an integer).
"""

from __future__ import annotations

import re
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
# Python's names of JSON's kinds, as the generated models' checks of a JSON value print them (`must
# be str, not int`), and what the command line, whose values are JSON, calls them.
_JSON_KINDS = {
    "str": "a string", "int": "an integer", "float": "a number", "bool": "true or false", "list": "an array",
    "tuple": "an array", "dict": "an object", "NoneType": "null", "an object": "an object", "an array": "an array",
}  # fmt: skip
_KIND = "|".join(map(re.escape, _JSON_KINDS))
# `x must be str, not int`; `x must be an object (Office), not list`: a JSON value of the wrong kind.
_WRONG_KIND = re.compile(rf"must be ({_KIND})(?: \(\w+\))?, not ({_KIND})\b")


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
    message: str = worded(lambda python: names.get(python, python))
    return _WRONG_KIND.sub(lambda m: f"must be {_JSON_KINDS[m[1]]}, not {_JSON_KINDS[m[2]]}", message)
