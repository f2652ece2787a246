"""How a model read leniently differs from openapi.yaml, and whether bodies are read strictly: the core that both
readers of Engage's bodies stand on, the client's spec drift (`_drift/`, told by the pipeline's answer observer) and
the webhook receiver (`webhooks/`, a room of its own, which builds on the core and on public faces, not on another
feature's private modules)."""

from __future__ import annotations

import enum
from typing import Any

from .._runtime.lenient import SpecDifference, extra_fields, json_type, unread_difference
from .._runtime.model_types import escaped, is_model, plan_of

MAX_VALUE_CHARACTERS = 200  # a new enum value is kept (and shown) up to this many characters


def differences(model: object, pointer: str = "", found: list[SpecDifference] | None = None) -> list[SpecDifference]:
    """How a model read from an answer differs from its schema, and the models it holds, however deep."""
    found = [] if found is None else found
    known, extra = plan_of(model), extra_fields(model)
    for field in known.fields:
        try:
            value = object.__getattribute__(model, field.name)
        except AttributeError:  # left unread (see _runtime/lenient.py)
            found.append(unread_difference(field, extra, pointer))
            continue
        if field.nested and value is not None:
            _value(value, field.json_name, f"{pointer}/{field.token}", found)
    for name, value in extra.items():
        if name not in known.by_json_name:
            found.append(SpecDifference(f"{pointer}/{escaped(name)}", "field", "absent", json_type(value)))
    return found


def _value(value: Any, name: str, where: str, found: list[SpecDifference]) -> None:
    if isinstance(value, list):
        for item in value:
            _value(item, name, f"{where}/*", found)
    elif isinstance(value, enum.Enum):
        if not getattr(value, "is_known", True):
            found.append(SpecDifference(where, "enum", "string", _enum_value(name, value.value)))
    elif is_model(type(value)):
        differences(value, where, found)


def _enum_value(name: str, value: object) -> str:
    from .._base.redaction import masked_names  # noqa: PLC0415 - only once a new enum value was seen

    if name in masked_names() or not isinstance(value, str):
        return json_type(value)
    return value[:MAX_VALUE_CHARACTERS]
