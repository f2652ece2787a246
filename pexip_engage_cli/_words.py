"""The client's messages in the command line's words: its options where the client names Python arguments.

The client checks what it is given and names the Python argument that is wrong (`from_`,
`client_id`), with Python advice (`tzinfo=datetime.UTC`). On the command line those are options
(`--from`, `--client-id`) and text, so a message that reaches the user is translated once, here.
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
}
# Python-only advice, and what the command line says instead.
_ADVICE = {
    "give an aware datetime (tzinfo=datetime.UTC, say) or text with an offset": "give it with a UTC offset",
    "or token (or PEXIP_ENGAGE_TOKEN)": "or a token (PEXIP_ENGAGE_TOKEN, or token_file in the profile)",
}


def option_name(python: str) -> str:
    """The option of a generated command's Python argument: `from_` -> `--from`, `external_id` -> `--external-id`."""
    return "--" + python.strip("_").replace("_", "-")


def in_cli_words(message: str, arguments: Iterable[tuple[str, str]] = ()) -> str:
    """`message` with each Python name of `arguments` ((python, option) pairs) and of the settings
    replaced by its option; a name inside quotes or a body path (`body.start`) is a wire name, kept."""
    for python, words in _ADVICE.items():
        message = message.replace(python, words)
    names = {**_SETTINGS, **dict(arguments)}
    names.pop("body", None)  # `body.start` is the JSON path into --body, which the message should keep
    pattern = re.compile(
        r"(?<![\w.\-\['\"])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w'\"=])"
    )
    return pattern.sub(lambda match: names[match.group(1)], message)
