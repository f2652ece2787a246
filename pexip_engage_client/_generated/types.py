# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The runtime names the generated models and operation modules import, from the hand-written `_runtime`."""

from .._runtime import (
    UNSET,
    Ambiguous,
    Nonexistent,
    Unset,
    Zone,
    check_fields,
    check_json_type,
    has_utf8_form,
    in_field,
    model_html,
    model_json,
    model_pretty,
    model_record,
    model_repr,
    parse_date,
    parse_datetime,
    raise_misfits,
    span_edge,
)

__all__ = [
    "UNSET",
    "Ambiguous",
    "Nonexistent",
    "Unset",
    "Zone",
    "check_fields",
    "check_json_type",
    "has_utf8_form",
    "in_field",
    "model_html",
    "model_json",
    "model_pretty",
    "model_record",
    "model_repr",
    "parse_date",
    "parse_datetime",
    "raise_misfits",
    "span_edge",
]
