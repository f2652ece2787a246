"""The check the generated models make on each JSON value they read from a response."""


def check_json_type(value: object, expected: type | tuple[type, ...], name: str, description: str) -> None:
    """Raise TypeError naming the field when a JSON value is not of the expected kind.

    A function rather than an inline isinstance check, so that type checkers keep the value's
    declared type for the generated code that follows.
    """
    if not isinstance(value, expected):
        raise TypeError(f"{name} must be {description}, not {type(value).__name__}")
