"""The hand-written runtime that the generated layer calls: one direction of dependency (CONTRIBUTING.md).

The generated modules import these names with relative imports, so the package can be vendored under
another name.
"""

import datetime
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
    UnreadableFieldError,
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
from .zones import Ambiguous, Nonexistent, Zone

if TYPE_CHECKING:
    from . import model_views, wall_clock
    from ._sync.pagination import SyncPages
else:  # loaded by their first use: a call shows no model, nor reads a local time
    model_views = lazy_module(f"{__name__}.model_views")  # how a model shows itself to people
    wall_clock = lazy_module(f"{__name__}.wall_clock")  # local times (`pexip_engage_client.times` loads it too)


# What the generated models call, each loading its module on its first call.
def span_edge(*args: Any, **kwargs: Any) -> datetime.datetime:
    """A model's start or end in its time zone (`wall_clock.span_edge`)."""
    return wall_clock.span_edge(*args, **kwargs)


def model_repr(model: object) -> str:
    """A model's repr (`model_views.model_repr`)."""
    return model_views.model_repr(model)


def model_pretty(model: object, printer: Any, cycle: bool) -> None:
    """IPython's `_repr_pretty_` of a model (`model_views.model_pretty`)."""
    model_views.model_pretty(model, printer, cycle)


def model_html(model: object) -> str:
    """Jupyter's `_repr_html_` of a model (`model_views.model_html`)."""
    return model_views.model_html(model)


def model_json(model: Any, indent: int | None = None) -> str:
    """A model as the API's JSON text (`model_views.model_json`)."""
    return model_views.model_json(model, indent)


def model_record(model: object) -> dict[str, Any]:
    """A model as a row for a DataFrame (`model_views.model_record`)."""
    return model_views.model_record(model)


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
    "Ambiguous",
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
    "Nonexistent",
    "Page",
    "RequestOptions",
    "Returns",
    "SyncCallNext",
    "SyncInvoker",
    "SyncMiddleware",
    "SyncPages",
    "UnreadableFieldError",
    "Unset",
    "Zone",
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
    "span_edge",
    "unknown_enum_values",
    "unknown_fields",
    "unread_fields",
    "unreadable_field",
    "unreadable_to_dict",
    "validate_path_parameter",
]
