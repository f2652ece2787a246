"""The checks the generated models make on each JSON value they read, and how they print."""


def check_json_type(value: object, expected: type | tuple[type, ...], name: str, description: str) -> None:
    """TypeError naming the field when a JSON value is not of the expected kind (a function, so that type checkers keep
    the value's declared type for the generated code that follows)."""
    if not isinstance(value, expected):
        raise TypeError(f"{name} must be {description}, not {type(value).__name__}")


def in_field(error: Exception, name: str, items: object = None) -> Exception:
    """`error`, raised reading what the field `name` holds, with its path now led by that field; `items` is the list
    being built for an array field, its length the failed item's index."""
    label = f"{name}[{len(items)}]" if isinstance(items, list) else name
    if isinstance(error, KeyError):
        return KeyError(joined_path(label, str(error.args[0]) if error.args else ""))
    kind = TypeError if isinstance(error, TypeError) else ValueError
    message = str(error)
    if message.startswith((f"{name}:", f"{name} ")):  # a union's check names its own field already
        return kind(label + message[len(name) :])
    return kind(joined_path(label, message))


def joined_path(label: str, message: str) -> str:
    """`body` and `start must be ...` as `body.start must be ...`; `must be ...` and `[0]...` join as they are."""
    if message.startswith("must be"):
        return f"{label} {message}"
    return f"{label}{message}" if message.startswith("[") else f"{label}.{message}"


def has_utf8_form(text: str) -> bool:
    """Whether `text` can be written as UTF-8: JSON's `\\ud800` escapes can carry a lone surrogate, which cannot.

    The generated enums do not remember such a value: msgspec encodes every value of an enum's map
    when it builds its decoder, and one without a UTF-8 form would fail every later typed parse.
    """
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True
