"""`ModelList`: the list a page's `data` and a list operation's result are, shown briefly to people.

A `list` in every respect but how it shows (`_views/`, imported when a list is first shown): a page of 25 employees is
otherwise 12,740 characters on one line (docs/calling-operations.md).
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


class ModelList(list[T]):
    """A list of models (or of any values) with a short repr, IPython's pretty form and an HTML table."""

    __slots__ = ()

    def __repr__(self) -> str:
        from .. import _views  # noqa: PLC0415

        return _views.list_repr(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from .. import _views  # noqa: PLC0415

        _views.list_pretty(self, printer, cycle)

    def _repr_html_(self) -> str:
        from .. import _views  # noqa: PLC0415

        return _views.list_html(self)


def model_list(value: Any) -> Any:
    """`value` as a `ModelList` if it is a plain list (a list operation's payload), else as it is."""
    return ModelList(value) if value.__class__ is list else value
