"""The hand-written runtime that the generated layer calls: one direction of dependency (CONTRIBUTING.md).

The generated modules import these names with relative imports, so the package can be vendored under
another name.
"""

from typing import TYPE_CHECKING, Any

from .._base.lazy_module import lazy_module
from .._base.timing import parse_date, parse_datetime
from .coerce import (
    PATH_PARAMETER_MAX_LENGTH,
    check_scalar,
    coerce_bodies,
    coerce_body,
    coerce_date,
    coerce_datetime,
    coerce_enum,
    coerce_enums,
    field_date,
    field_datetime,
    path_segment,
    required,
    validate_path_parameter,
)
from .invoker import (
    AtSend,
    CallNext,
    EnsureCall,
    Invoker,
    Middleware,
    RequestOptions,
    Returns,
    SyncCallNext,
    SyncInvoker,
    SyncMiddleware,
)
from .json_types import check_json_type, has_utf8_form, in_field
from .lenient import (
    model_state,
    note_unknown_enum_value,
    note_unknown_field,
    read_lenient,
    set_model_state,
    unknown_enum_values,
    unknown_fields,
    unread_fields,
    unreadable_field,
    unreadable_to_dict,
)
from .model_list import ModelList
from .model_types import BODY_MAX_DEPTH, check_fields, raise_misfits
from .pagination import AsyncPages, Page
from .response import ApiResponse, Ensured, EnsureOutcome
from .unset import UNSET, Unset

if TYPE_CHECKING:
    from ._sync.pagination import SyncPages


# What the generated models call to show themselves: `_views/`, imported when something is first shown.
def model_repr(model: object) -> str:
    from .. import _views  # noqa: PLC0415

    return _views.model_repr(model)


def model_pretty(model: object, printer: Any, cycle: bool) -> None:
    from .. import _views  # noqa: PLC0415

    _views.model_pretty(model, printer, cycle)


def model_html(model: object) -> str:
    from .. import _views  # noqa: PLC0415

    return _views.model_html(model)


def model_json(model: Any, indent: int | None = None) -> str:
    from .. import _views  # noqa: PLC0415

    return _views.model_json(model, indent)


def model_record(model: object) -> dict[str, Any]:
    from .. import _views  # noqa: PLC0415

    return _views.model_record(model)


def __getattr__(name: str) -> object:
    # The sync client's pages load with its resources: async programs never import them.
    if name == "SyncPages":
        from ._sync.pagination import SyncPages  # noqa: PLC0415

        return SyncPages
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BODY_MAX_DEPTH",
    "PATH_PARAMETER_MAX_LENGTH",
    "UNSET",
    "ApiResponse",
    "AsyncPages",
    "AtSend",
    "CallNext",
    "EnsureCall",
    "EnsureOutcome",
    "Ensured",
    "Invoker",
    "Middleware",
    "ModelList",
    "Page",
    "RequestOptions",
    "Returns",
    "SyncCallNext",
    "SyncInvoker",
    "SyncMiddleware",
    "SyncPages",
    "Unset",
    "check_fields",
    "check_json_type",
    "check_scalar",
    "coerce_bodies",
    "coerce_body",
    "coerce_date",
    "coerce_datetime",
    "coerce_enum",
    "coerce_enums",
    "field_date",
    "field_datetime",
    "has_utf8_form",
    "in_field",
    "lazy_module",
    "model_html",
    "model_json",
    "model_pretty",
    "model_record",
    "model_repr",
    "model_state",
    "note_unknown_enum_value",
    "note_unknown_field",
    "parse_date",
    "parse_datetime",
    "path_segment",
    "raise_misfits",
    "read_lenient",
    "required",
    "set_model_state",
    "unknown_enum_values",
    "unknown_fields",
    "unread_fields",
    "unreadable_field",
    "unreadable_to_dict",
    "validate_path_parameter",
]
