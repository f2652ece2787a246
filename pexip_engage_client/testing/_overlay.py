"""An OpenAPI Overlay 1.0.0 applied to a spec: every action, or an error naming each that failed.

Targets are RFC 9535 JSONPath, evaluated by python-jsonpath in its strict mode (the `testing` extra); only the
Overlay specification's rules for what `remove` and `update` do with the selected nodes are written here.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping, MutableMapping, MutableSequence
from pathlib import Path
from typing import Any

import jsonpath
import yaml

__all__ = ["OverlayError", "apply_overlay", "json_kind", "read_overlay"]


class OverlayError(ValueError):
    """An overlay that is not one, or actions of it that could not be applied (each named)."""


def read_overlay(source: Mapping[str, Any] | str | os.PathLike[str]) -> dict[str, Any]:
    """The overlay `source` is (a dict) or holds (a YAML or JSON file; JSON is YAML too), checked."""
    if isinstance(source, Mapping):
        overlay: Any = copy.deepcopy(dict(source))
        where = "the overlay"
    else:
        path = Path(source)
        where = str(path)
        try:
            overlay = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise OverlayError(f"{where}: cannot be read ({error.strerror or error})") from None
        except yaml.YAMLError as error:
            raise OverlayError(f"{where}: not YAML or JSON ({str(error).splitlines()[0]})") from None
    if not isinstance(overlay, dict) or not str(overlay.get("overlay", "")).startswith("1."):
        raise OverlayError(f"{where}: not an OpenAPI Overlay 1.x document (its `overlay` field names the version)")
    actions = overlay.get("actions")
    if not isinstance(actions, list) or not actions:
        raise OverlayError(f"{where}: `actions` must be a list of at least one action")
    return overlay


def apply_overlay(document: MutableMapping[str, Any], overlay: Mapping[str, Any]) -> None:
    """Apply every action of `overlay` to `document`, in order, in place.

    Raises `OverlayError` naming every action that did not apply (its target does not parse, selects
    nothing, or its update does not fit); `document` is then partly changed: apply to a copy, or
    write nothing, as `make spec-overlay` does.
    """
    failures = []
    for index, action in enumerate(overlay.get("actions") or ()):
        problem = _apply_action(document, action)
        if problem is not None:
            failures.append(f"action {index + 1} ({_name(action)}): {problem}")
    if failures:
        raise OverlayError("; ".join(failures))


def _name(action: Any) -> str:
    if not isinstance(action, Mapping):
        return "not an object"
    target = str(action.get("target"))
    return target if len(target) <= 200 else target[:197] + "..."


def _apply_action(document: MutableMapping[str, Any], action: Any) -> str | None:
    """None once the action applied, else what went wrong."""
    problem = _malformed(action)
    if problem is not None:
        return problem
    try:
        matches = list(jsonpath.finditer(action["target"], document, strict=True))
    except jsonpath.JSONPathError as error:
        return f"the target does not parse as RFC 9535 JSONPath ({str(error).splitlines()[0]})"
    if not matches:
        return "the target selects nothing"
    if action.get("remove") is True:
        return _remove(matches)
    problems = (_update(match.obj, action["update"]) for match in matches)
    return next((problem for problem in problems if problem is not None), None)


def _malformed(action: Any) -> str | None:
    """What an action lacks to be one, if anything."""
    if not isinstance(action, Mapping) or not isinstance(action.get("target"), str):
        return "an action needs a `target` string"
    if action.get("remove") is not True and "update" not in action:
        return "an action needs `update`, or `remove: true`"
    return None


def _remove(matches: list[Any]) -> str | None:
    # The last index first, so that taking one item out of an array does not move the others.
    ordered = sorted(
        matches, key=lambda match: match.parts[-1] if match.parts and isinstance(match.parts[-1], int) else 0
    )
    for match in reversed(ordered):
        if match.parent is None or not match.parts:
            return "the whole document cannot be removed"
        container, key = match.parent.obj, match.parts[-1]
        if isinstance(container, MutableMapping | MutableSequence):
            del container[key]
    return None


def _update(node: Any, update: Any) -> str | None:
    if isinstance(node, MutableSequence):
        node.extend(copy.deepcopy(update) if isinstance(update, list) else [copy.deepcopy(update)])
        return None
    if not isinstance(node, MutableMapping):
        return f"the target is a {json_kind(node)}; an update applies to an object or an array"
    if not isinstance(update, Mapping):
        return f"an object is updated by an object, not by a {json_kind(update)}"
    return _merge(node, update, "")


def _merge(node: MutableMapping[str, Any], update: Mapping[str, Any], where: str) -> str | None:
    for key, value in update.items():
        place = f"{where}.{key}"
        if key not in node:
            node[key] = copy.deepcopy(value)
            continue
        old = node[key]
        if isinstance(old, MutableMapping) and isinstance(value, Mapping):
            problem = _merge(old, value, place)
            if problem is not None:
                return problem
        elif isinstance(old, MutableSequence) and isinstance(value, list):
            old.extend(copy.deepcopy(value))
        elif _is_scalar(old) and _is_scalar(value):
            node[key] = value
        else:
            return (
                f"{place.lstrip('.')}: a {json_kind(value)} cannot be merged into a {json_kind(old)} (remove it first)"
            )
    return None


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def json_kind(value: Any) -> str:
    """The JSON type of a value (`object`, `array`, `boolean`, `number`, `null` or `string`)."""
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | MutableSequence):
        return "array"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "null" if value is None else "string" if isinstance(value, str) else type(value).__name__
