"""A field of a generated model that a feature relies on: its value, or why it could not be read.

The model form of `_base.answer_fields.json_field` (read that module's docstring first): a field
left unread by the lenient reader (`UnreadableFieldError` when read), or not given (`UNSET`, for a
field the spec calls optional), comes back as an `Unread` with the field's JSON Pointer, so the
feature decides; `None` is returned as it is, since a nullable field's null is a value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ._base.answer_fields import Unread
from ._runtime.lenient import UnreadableFieldError
from ._runtime.unset import Unset

T = TypeVar("T")

__all__ = ["Unread", "model_field"]


def model_field(read: Callable[[], T | Unset], *, pointer: str = "", operation: str = "") -> T | Unread:
    """`read()` (one attribute chain, `lambda: page.meta.total_count`), or an `Unread` for a field
    that could not be read (`UnreadableFieldError`) or was not given (`UNSET`).

    `pointer` and `operation` name the field when the model cannot (an `UNSET` carries no place);
    an `UnreadableFieldError` names its own where it knows them.
    """
    try:
        value = read()
    except UnreadableFieldError as error:
        return Unread(error.pointer or pointer, error.kind, error.operation or operation)
    if isinstance(value, Unset):
        return Unread(pointer, "missing", operation)
    return value
