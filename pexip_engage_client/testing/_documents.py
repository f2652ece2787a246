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
from ._errors import business_error
from ._overlay import json_kind
from ._resources import Call
from ._spec import Json

# The properties that name an item of a list document (one override per module, key and language).
DOCUMENT_ITEM_KEYS = {"overrideStaticTranslations": ("module", "key", "language")}
# The settings SETTING_APPOINTMENT_EARLIEST_LATEST_POSSIBLE_INVALID compares (by the code's name).
EARLIEST_LATEST_SETTINGS = ("appointmentEarliestPossible", "appointmentLatestPossible")


def patch_document(call: Call, data_ref: str) -> Any:
    """Merge the body into what is there (see above; a list's items are named by `DOCUMENT_ITEM_KEYS`).
    The answer is the whole map, or the items sent."""
    stored = call.store.documents.get(call.concrete)
    patch = _patch_list if schemas.type_of(data_ref) == "array" else _patch_map
    changed, answer = patch(call, stored, schemas.non_null(data_ref))
    resources.ensure_valid(data_ref, answer)
    call.store.documents[call.concrete] = changed
    return answer


def _patch_list(call: Call, stored: list[Json] | None, data_ref: str) -> tuple[list[Json], list[Json]]:
    """The items with those the body names replaced, the others appended; and the items sent."""
    keys = DOCUMENT_ITEM_KEYS.get(call.op.operation_id)
    items: list[Json] = list(stored or [])
    sent = []
    for entry in call.body if isinstance(call.body, list) else []:  # an optional body left out: none
        position = _position(items, entry, keys) if keys else None
        if position is None:
            items.append(new := resources.build(f"{data_ref}/items", entry, call.now))
        else:
            new = resources.build(f"{data_ref}/items", entry, call.now, existing=items[position])
            if "updatedAt" in new:
                new["updatedAt"] = call.now
            items[position] = new
        sent.append(new)
    return items, sent


def _position(items: list[Json], entry: Json, keys: tuple[str, ...]) -> int | None:
    """Where in `items` the item with the same `keys` as `entry` is, if any."""
    named = [entry.get(key) for key in keys]
    return next((i for i, item in enumerate(items) if [item.get(key) for key in keys] == named), None)


def _patch_map(call: Call, stored: Json | None, data_ref: str) -> tuple[Json, Json]:
    """The map with each member the body names merged into; the whole map is the answer."""
    settings = call.op.operation_id == "updateEnterpriseSettings"
    merged: Json = copy.deepcopy(stored or {})
    for name, entry in call.body.items():
        old = merged.get(name)
        if settings and old is not None:  # a setting the enterprise does not have yet: taken as sent
            _check_setting(name, entry, old)
        merged[name] = {"createdAt": call.now, **(old or {}), **entry, "updatedAt": call.now}
    if settings:
        _check_earliest_latest(merged)
    return merged, merged


def _check_setting(name: str, entry: Json, old: Json) -> None:
    """The documentation lists the codes only; when the fake uses each is in docs/testing.md."""
    if "manageable" in entry and entry["manageable"] != old.get("manageable"):
        if "manageable" not in old:
            raise business_error("SETTING_NON_MANAGEABLE", f"Setting {name!r} cannot be made manageable.")
        if old.get("manageabilityLocked") is True:
            raise business_error(
                "SETTING_MANAGEABILITY_MODIFICATION_NOT_ALLOWED",
                f"The manageability of setting {name!r} cannot be changed.",
            )
    if "value" in entry and "value" in old and json_kind(entry["value"]) != json_kind(old["value"]):
        raise business_error(
            "SETTING_VALUE_INVALID",
            f"Setting {name!r} takes a {json_kind(old['value'])} value.",
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
