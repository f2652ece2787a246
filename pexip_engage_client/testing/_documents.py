"""PATCH on a path that is not a collection: the enterprise's settings, static translation overrides.

A map (settings) changes the members the body names, each merged as a PATCH merges an item; a list
(overrides) replaces the items the body names and keeps the others. The settings' documented
business codes are checked here; docs/testing.md says when the fake uses each.
"""

from __future__ import annotations

import copy
from typing import Any

from . import _resources as resources
from . import _schemas as schemas
from ._call import Call
from ._errors import business_error
from ._spec import Json

# The properties that name an item of a list document (one override per module, key and language).
DOCUMENT_ITEM_KEYS = {"overrideStaticTranslations": ("module", "key", "language")}
# The settings SETTING_APPOINTMENT_EARLIEST_LATEST_POSSIBLE_INVALID compares (by the code's name).
EARLIEST_LATEST_SETTINGS = ("appointmentEarliestPossible", "appointmentLatestPossible")


def patch_document(call: Call, data_ref: str) -> Any:
    """PATCH on a path that is not a collection: merge the body into what is there.

    A map (settings) changes the members the body names, each merged as a PATCH merges an item;
    a list (static translation overrides) replaces the items the body names (by
    `DOCUMENT_ITEM_KEYS`) and keeps the others. The answer is the whole map, or the items sent.
    """
    stored = call.store.documents.get(call.concrete)
    if schemas.type_of(data_ref) == "array":
        item_ref = f"{schemas.non_null(data_ref)}/items"
        keys = DOCUMENT_ITEM_KEYS.get(call.op.operation_id, ())
        items: list[Json] = list(stored or [])
        sent = []
        for entry in call.body if isinstance(call.body, list) else []:  # an optional body left out: none
            position = next((i for i, item in enumerate(items) if all(item.get(k) == entry.get(k) for k in keys)), None)
            old = items[position] if position is not None and keys else None
            new = resources.build(item_ref, entry, call.now, existing=old)
            if old is not None and "updatedAt" in new:
                new["updatedAt"] = call.now
            if old is not None and position is not None:
                items[position] = new
            else:
                items.append(new)
            sent.append(new)
        resources.ensure_valid(data_ref, sent)
        call.store.documents[call.concrete] = items
        return sent
    merged: Json = copy.deepcopy(stored or {})
    for name, entry in call.body.items():
        old = merged.get(name)
        if call.op.operation_id == "updateEnterpriseSettings":
            _check_setting(name, entry, old)
        changed = {**(old or {}), **entry}
        changed.setdefault("createdAt", call.now)
        changed["updatedAt"] = call.now
        merged[name] = changed
    if call.op.operation_id == "updateEnterpriseSettings":
        _check_earliest_latest(merged)
    resources.ensure_valid(data_ref, merged)
    call.store.documents[call.concrete] = merged
    return merged


def _check_setting(name: str, entry: Json, old: Json | None) -> None:
    """The documentation lists the codes only; when the fake uses each is in docs/testing.md."""
    if old is None:
        return  # a setting the enterprise does not have yet: taken as sent
    if "manageable" in entry and entry["manageable"] != old.get("manageable"):
        if "manageable" not in old:
            raise business_error("SETTING_NON_MANAGEABLE", f"Setting {name!r} cannot be made manageable.")
        if old.get("manageabilityLocked") is True:
            raise business_error(
                "SETTING_MANAGEABILITY_MODIFICATION_NOT_ALLOWED",
                f"The manageability of setting {name!r} cannot be changed.",
            )
    if "value" in entry and "value" in old and _json_kind(entry["value"]) != _json_kind(old["value"]):
        raise business_error(
            "SETTING_VALUE_INVALID",
            f"Setting {name!r} takes a {_json_kind(old['value'])} value.",
            {"setting": name},
        )


def _check_earliest_latest(settings: Json) -> None:
    earliest, latest = (settings.get(name, {}).get("value") for name in EARLIEST_LATEST_SETTINGS)
    numbers = (int, float)
    if isinstance(earliest, numbers) and isinstance(latest, numbers) and earliest > latest:
        raise business_error(
            "SETTING_APPOINTMENT_EARLIEST_LATEST_POSSIBLE_INVALID",
            "The earliest possible appointment must not come after the latest possible one.",
        )


def _json_kind(value: Any) -> str:
    """The JSON type of a value: a setting's value keeps its type."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
