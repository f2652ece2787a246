"""The client's messages in the command line's words: its options where the client names Python arguments.

The client checks what it is given and names the Python argument that is wrong (`from_`,
`client_id`), with Python advice (`tzinfo=datetime.UTC`) and Python's type names (`must be str, not
int`). On the command line those are options (`--from`, `--client-id`), text and JSON's kinds (a
string, an integer), so a message that reaches the user is translated once, here.
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
# Python-only advice, and what the command line says instead.
_ADVICE = {
    "give an aware datetime (tzinfo=datetime.UTC, say) or text with an offset": "give it with a UTC offset",
    "or token (or PEXIP_ENGAGE_TOKEN)": "or a token (PEXIP_ENGAGE_TOKEN, or token_file in the profile)",
}


# Python's names of JSON's kinds, as the client's checks of a value print them (`must be str, not
# int`), and what the command line, whose values are JSON, calls them.
_JSON_KINDS = {
    "str": "a string", "int": "an integer", "float": "a number", "bool": "true or false", "list": "an array",
    "tuple": "an array", "dict": "an object", "NoneType": "null", "an object": "an object", "an array": "an array",
}  # fmt: skip
_KIND = "|".join(map(re.escape, _JSON_KINDS))
# `x must be str, not int`; `x must be an object (Office), not list`: a JSON value of the wrong kind.
_WRONG_KIND = re.compile(rf"must be ({_KIND})(?: \(\w+\))?, not ({_KIND})\b")
# `body must be a EmployeeUpdate or its JSON object (got list)`: a model class the command line never shows.
_NOT_AN_OBJECT = re.compile(rf"must be an? \w+ or its JSON object \(got ({_KIND})\)")
_NOT_A_LIST = re.compile(rf"must be a list \(got ({_KIND})\)")


def _json_words(message: str) -> str:
    """Python's type names in `message` as the JSON kinds a command line user typed."""
    message = _WRONG_KIND.sub(lambda m: f"must be {_JSON_KINDS[m[1]]}, not {_JSON_KINDS[m[2]]}", message)
    message = _NOT_A_LIST.sub(lambda m: f"must be a JSON array (got {_JSON_KINDS[m[1]]})", message)
    return _NOT_AN_OBJECT.sub(lambda m: f"must be a JSON object (got {_JSON_KINDS[m[1]]})", message)


def option_name(python: str) -> str:
    """The option of a generated command's Python argument: `from_` -> `--from`, `external_id` -> `--external-id`."""
    return "--" + python.strip("_").replace("_", "-")


def in_cli_words(message: str, arguments: Iterable[tuple[str, str]] = ()) -> str:
    """`message` with each Python name of `arguments` ((python, option) pairs) and of the settings
    replaced by its option; a name inside quotes or a body path (`body.start`) is a wire name, kept."""
    for python, words in _ADVICE.items():
        message = message.replace(python, words)
    message = _json_words(message)
    names = {**_SETTINGS, **dict(arguments)}
    names.pop("body", None)  # `body.start` is the JSON path into --body, which the message should keep
    pattern = re.compile(
        r"(?<![\w.\-\['\"])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w'\"=])"
    )
    return pattern.sub(lambda match: names[match.group(1)], message)
