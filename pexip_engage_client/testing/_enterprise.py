"""One enterprise's data in the fake, and the typed helpers that seed it.

Every helper validates what it is given against the spec: a seeded appointment is a valid
`Appointment` (fields in the wire form, camelCase or snake_case names; anything not given gets a
plain valid value), and a field the schema does not define is refused with `ValueError`.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from . import _resources as resources
from . import _schemas as schemas
from ._clock import FakeClock
from ._resources import Store, collections, normalise
from ._spec import Json, spec

# Seeding conveniences, so that a bare `add_appointment()` is one a test can act on.
_SEEDING_DEFAULTS: dict[str, Json] = {
    "/appointments": {
        "start": "2030-01-07T09:00:00.000Z",
        "end": "2030-01-07T10:00:00.000Z",
        "subject": {"id": "subject-1"},
        "office": {"id": "office-1"},
        "appointmentParticipants": [
            {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "employee-1"}, "type": "EMPLOYEE"},
        ],
        "status": "INCOMING_REQUEST",
        "createdByType": "OTHER",
        "createdFrom": "OTHER",
        "updatedByType": "OTHER",
        "updatedFrom": "OTHER",
    },
    "/employees": {"status": "ACTIVE", "availableRoles": ["AGENT"], "onlinePlanning": True, "officeRelations": []},
}


class FakeEnterprise:
    """The data of one enterprise (tenant). Get one with `FakePexipEngage.in_enterprise(name)`."""

    def __init__(self, name: str, clock: FakeClock) -> None:
        self.name: str = name
        self.store: Store = Store()
        self._clock = clock

    def __repr__(self) -> str:
        return f"FakeEnterprise({self.name!r})"

    # --- Reading state ---------------------------------------------------------------------------

    def items(self, collection: str) -> dict[str, Json]:
        """The items of a collection by id, e.g. `items("/appointments")` (live, wire form)."""
        return self.store.collection(collection)

    def get(self, collection: str, item_id: str) -> Json:
        """One item, e.g. `get("/appointments", "42")`; `KeyError` when there is none."""
        return self.store.collection(collection)[item_id]

    def data(self, path: str) -> Any:
        """The document at a path that is not a collection, e.g. `/lead-segments/42/scheduling-settings`."""
        return self.store.documents.get(path)

    # --- Seeding ---------------------------------------------------------------------------------

    def add(self, collection: str, **fields: Any) -> Json:
        """Store an item in `collection` (a concrete path such as `/employees/42/availability-templates`).

        Returns the stored item (wire form). Raises `ValueError` for a collection the spec does not
        have, a field the item's schema does not define, or a result that breaks the schema.
        """
        kind = collections().get(normalise_concrete_path(collection))
        if kind is None:
            known = ", ".join(sorted(collections()))
            raise ValueError(f"{collection!r} is not a collection of the API (known: {known})")
        if kind.item is None:  # the spec only ever refers to these by id (offices)
            unknown = set(fields) - {"id"}
            if unknown:
                raise ValueError(f"{collection} items only have an id here; unknown: {', '.join(sorted(unknown))}")
            item: Json = {"id": str(fields.get("id") or schemas.new_id())}
        else:
            item = self._valid_item(kind.item, kind.path, fields)
        self.store.collection(collection)[item["id"]] = item
        return item

    def insert(self, collection: str, position: int, **fields: Any) -> Json:
        """`add`, but at `position` in the collection's order (lists answer in that order).

        An item inserted before where a walk has read to shifts the items after it one place on,
        as a new item sorted there would in the API.
        """
        item = self.add(collection, **fields)
        items = self.store.collection(collection)
        ordered = [(key, value) for key, value in items.items() if key != item["id"]]
        ordered.insert(max(0, min(position, len(ordered))), (item["id"], item))
        items.clear()
        items.update(ordered)
        return item

    def remove(self, collection: str, item_id: str) -> Json:
        """Take an item out of a collection (the API has no such operation for every kind); `KeyError` if absent."""
        return self.store.collection(collection).pop(item_id)

    def _valid_item(self, ref: str, kind: str, fields: dict[str, Any]) -> Json:
        names = schemas.properties(ref)
        given = {_wire_name(name, names): value for name, value in fields.items()}
        unknown = [name for name in given if name not in names]
        schema_name = ref.rsplit("/", 1)[-1]
        if unknown:
            raise ValueError(f"{schema_name} has no field(s) {', '.join(sorted(unknown))}")
        item = resources.build(ref, copy.deepcopy(_SEEDING_DEFAULTS.get(kind, {})), self._clock.write_time())
        item.update(copy.deepcopy(given))
        problems = schemas.errors(ref, item, schema_name)
        if problems:
            raise ValueError("; ".join(problems))
        return item

    def set_data(self, operation_id: str, data: Any, **path: str) -> Any:
        """Set what a read operation without ids answers, e.g. `set_data("getTimetable", [...])`.

        `path` names the operation's path parameters (`id="42"`); `data` is validated against the
        operation's `data` schema (`ValueError` if it does not match).
        """
        op = spec().operation(operation_id)
        if set(path) != set(op.path_parameter_names):
            raise ValueError(f"{operation_id} needs exactly the path parameters {', '.join(op.path_parameter_names)}")
        ref = resources.data_pointer(op)
        if ref is None:
            raise ValueError(f"{operation_id} answers without data")
        problems = schemas.errors(ref, data, "data")
        if problems:
            raise ValueError(f"{operation_id}: " + "; ".join(problems))
        concrete = re.sub(r"\{([^}]+)\}", lambda match: path[match.group(1)], op.path)
        self.store.documents[concrete] = copy.deepcopy(data)
        return data

    # Typed helpers, one per kind of resource (all are `add` with the collection filled in).

    def add_appointment(self, **fields: Any) -> Json:
        return self.add("/appointments", **fields)

    def add_lead_segment(self, **fields: Any) -> Json:
        return self.add("/lead-segments", **fields)

    def add_employee(self, **fields: Any) -> Json:
        return self.add("/employees", **fields)

    def add_subject(self, **fields: Any) -> Json:
        return self.add("/subjects", **fields)

    def add_subject_group(self, **fields: Any) -> Json:
        return self.add("/subject-groups", **fields)

    def add_office(self, **fields: Any) -> Json:
        return self.add("/offices", **fields)

    def add_customer(self, **fields: Any) -> Json:
        return self.add("/customers", **fields)

    def add_region(self, **fields: Any) -> Json:
        return self.add("/regions", **fields)

    def add_meeting_room(self, **fields: Any) -> Json:
        return self.add("/meeting-rooms", **fields)

    def add_form(self, **fields: Any) -> Json:
        return self.add("/forms", **fields)

    def add_form_question(self, form_id: str, **fields: Any) -> Json:
        return self.add(f"/forms/{form_id}/questions", **fields)

    def add_availability_template(self, employee_id: str, **fields: Any) -> Json:
        fields.setdefault("employee", {"id": employee_id})
        return self.add(f"/employees/{employee_id}/availability-templates", **fields)

    def add_availability_time_range(self, employee_id: str, template_id: str, **fields: Any) -> Json:
        fields.setdefault("availabilityTemplate", {"id": template_id})
        return self.add(f"/employees/{employee_id}/availability-templates/{template_id}/time-ranges", **fields)


def normalise_concrete_path(path: str) -> str:
    """`/employees/42/availability-templates` -> `/employees/{}/availability-templates`."""
    parts = path.strip("/").split("/")
    return normalise("/" + "/".join("{}" if index % 2 else part for index, part in enumerate(parts)))


def _wire_name(name: str, known: dict[str, str]) -> str:
    """A field name as the wire spells it: `meeting_type` -> `meetingType` (known names as they are)."""
    return name if name in known else resources.camel(name, "_")
