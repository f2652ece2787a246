"""One enterprise's data in the fake, and the typed helpers that seed it, each validating what it is given
against the spec (docs/testing.md, "Seeding").
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from . import _resources as resources
from . import _schemas as schemas
from ._clock import FakeClock
from ._relative_times import resolve_relative
from ._resources import Store, collections, normalise, normalise_concrete
from ._rules import NEW_APPOINTMENT_ORIGIN, context_expiry
from ._spec import Json, Spec, per_spec, spec, using

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
        **NEW_APPOINTMENT_ORIGIN,
    },
    "/employees": {"status": "ACTIVE", "availableRoles": ["AGENT"], "onlinePlanning": True, "officeRelations": []},
    "/listings/{}/time-slots": {
        "date": "2030-01-07",
        "startTime": "09:00",
        "endTime": "10:00",
        "bookable": True,
        "assignments": [],
    },
    "/fetch-configurations": {
        "endpoint": "https://crm.example.com/customers",
        "method": "GET",
        "mapping": [{"sourceProperty": "email", "targetProperty": "email"}],
        "headers": [{"name": "Accept"}],
    },
    "/employees/{}/external-calendar-events": {
        "start": "2030-01-07T09:00:00.000Z",
        "end": "2030-01-07T10:00:00.000Z",
        "allDay": False,
        "showAs": "BUSY",
    },
}

# The helper that seeds each kind of resource (a collection of the spec), and the parent ids it
# takes first; `seed`'s kinds, and a kind without a helper: docs/testing.md, "Seeding".
SEEDING_HELPERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "/appointments": ("add_appointment", ()),
    "/contexts": ("add_context", ()),
    "/customers": ("add_customer", ()),
    "/employees": ("add_employee", ()),
    "/employees/{}/availability-templates": ("add_availability_template", ("employee_id",)),
    "/employees/{}/availability-templates/{}/time-ranges": (
        "add_availability_time_range",
        ("employee_id", "template_id"),
    ),
    "/employees/{}/external-calendar-events": ("add_external_calendar_event", ("employee_id",)),
    "/fetch-configurations": ("add_fetch_configuration", ()),
    "/forms": ("add_form", ()),
    "/forms/{}/questions": ("add_form_question", ("form_id",)),
    "/lead-segments": ("add_lead_segment", ()),
    "/listings": ("add_listing", ()),
    "/listings/{}/time-slots": ("add_listing_time_slot", ("listing_id",)),
    "/meeting-rooms": ("add_meeting_room", ()),
    "/offices": ("add_office", ()),
    "/regions": ("add_region", ()),
    "/subject-groups": ("add_subject_group", ()),
    "/subjects": ("add_subject", ()),
}
# `seed`'s key for what `set_data` sets: `{"operation": "getTimetable", "data": [...], "path": {...}}`.
DATA_KEY = "data"


def seed_kinds() -> dict[str, tuple[str, tuple[str, ...]]]:
    """`seed`'s keys (`listing_time_slots`), each with its helper and the parent ids it takes."""
    kinds = {helper.removeprefix("add_") + "s": (helper, parents) for helper, parents in SEEDING_HELPERS.values()}
    # Blocks of defined availability are kept by no id, in the list getDefinedAvailability answers.
    return kinds | {"defined_availability": ("add_defined_availability", ())}


class FakeEnterprise:
    """The data of one enterprise (tenant). Get one with `FakePexipEngage.in_enterprise(name)`."""

    def __init__(self, name: str, clock: FakeClock) -> None:
        self.name: str = name
        self.store: Store = Store()
        self._clock = clock
        # The spec its items are checked against: the fake's own with an overlay, else the bundled one.
        self._spec: Spec | None = None

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
        with using(self._spec):
            kind = normalise_concrete(collection.strip("/").split("/"))
            if kind not in collections():
                known = ", ".join(sorted(collections()))
                raise ValueError(f"{collection!r} is not a collection of the API (known: {known})")
            ref = collections()[kind]
            if ref is None or not schemas.properties(ref):  # shown without properties (a listing)
                item: Json = {**_open_item(kind, fields), "id": str(fields.get("id") or schemas.new_id())}
            else:
                item = self._valid_item(ref, kind, fields)
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
        schema_name = ref.rsplit("/", 1)[-1]
        given = _known_fields(ref, fields, schema_name)
        now = self._clock.write_time()
        item = resources.build(ref, _SEEDING_DEFAULTS.get(kind, {}), now, fill=True)  # build copies what it keeps
        item.update(copy.deepcopy(given))
        if kind == "/contexts" and "expiresAt" not in given:  # as long as a context the API creates
            item["expiresAt"] = context_expiry(now)
        # Items differ only by the fields given (their ids and times are made valid): each set is checked once per spec.
        checked = (FakeEnterprise._valid_item, (ref, kind, repr(given)))
        if checked not in spec().memo:
            problems = schemas.errors(ref, item, schema_name)
            if problems:
                raise ValueError("; ".join(problems))
            spec().memo[checked] = True
        return item

    def set_data(self, operation_id: str, data: Any, **path: str) -> Any:
        """Set what a read operation without ids answers, e.g. `set_data("getTimetable", [...])`.

        `path` names the operation's path parameters (`id="42"`); `data` is validated against the
        operation's `data` schema (`ValueError` if it does not match).
        """
        with using(self._spec):
            op = spec().operation(operation_id)
            names = op.path_parameter_names
            if set(path) != set(names):
                raise ValueError(f"{operation_id} needs exactly the path parameters {', '.join(names)}")
            ref = resources.data_pointer(op)
            if ref is None:
                raise ValueError(f"{operation_id} answers without data")
            problems = schemas.errors(ref, data, "data")
        if problems:
            raise ValueError(f"{operation_id}: " + "; ".join(problems))
        concrete = re.sub(r"\{([^}]+)\}", lambda match: path[match.group(1)], op.path)
        self.store.documents[concrete] = copy.deepcopy(data)
        return data

    # Typed helpers, one per kind of resource (all are `add` with the collection filled in; a nested
    # kind checks that its parent exists first, so that a test's typo fails here, not as a 404 later).

    def add_appointment(self, **fields: Any) -> Json:
        """Seed an appointment (`Appointment`); by default an `INCOMING_REQUEST` with two PRIMARY participants."""
        return self.add("/appointments", **fields)

    def add_context(self, **fields: Any) -> Json:
        """Seed a context (`Context`); it expires an hour from the fake's clock unless given an `expiresAt`."""
        return self.add("/contexts", **fields)

    def add_customer(self, **fields: Any) -> Json:
        """Seed a customer (`Customer`)."""
        return self.add("/customers", **fields)

    def add_employee(self, **fields: Any) -> Json:
        """Seed an employee (`Employee`); by default an ACTIVE agent planned online."""
        return self.add("/employees", **fields)

    def add_availability_template(self, employee_id: str, **fields: Any) -> Json:
        """Seed an availability template (`AvailabilityTemplate`) of an existing employee."""
        fields.setdefault("employee", {"id": employee_id})
        return self.add(self._below("/employees", employee_id, "availability-templates"), **fields)

    def add_availability_time_range(self, employee_id: str, template_id: str, **fields: Any) -> Json:
        """Seed a time range (`AvailabilityTimeRange`) of an existing availability template."""
        fields.setdefault("availabilityTemplate", {"id": template_id})
        templates = self._below("/employees", employee_id, "availability-templates")
        return self.add(self._below(templates, template_id, "time-ranges"), **fields)

    def add_external_calendar_event(self, employee_id: str, **fields: Any) -> Json:
        """Seed an event (`ExternalCalendarEvent`) of an existing employee's external calendar."""
        return self.add(self._below("/employees", employee_id, "external-calendar-events"), **fields)

    def add_fetch_configuration(self, **fields: Any) -> Json:
        """Seed a fetch configuration (`FetchConfiguration`); by default a GET naming one header."""
        return self.add("/fetch-configurations", **fields)

    def add_form(self, **fields: Any) -> Json:
        """Seed a form (`Form`)."""
        return self.add("/forms", **fields)

    def add_form_question(self, form_id: str, **fields: Any) -> Json:
        """Seed a question of an existing form, with the fields of `FormQuestionUpdate`."""
        return self.add(self._below("/forms", form_id, "questions"), **fields)

    def add_lead_segment(self, **fields: Any) -> Json:
        """Seed a lead segment (`LeadSegment`)."""
        return self.add("/lead-segments", **fields)

    def add_listing(self, **fields: Any) -> Json:
        """Seed a listing, with the fields of `ListingCreate` (as `createListing` keeps them)."""
        return self.add("/listings", **fields)

    def add_listing_time_slot(self, listing_id: str, **fields: Any) -> Json:
        """Seed a time slot (`ListingTimeSlot`) of an existing listing; by default a bookable hour."""
        fields.setdefault("listing", {"id": listing_id})
        return self.add(self._below("/listings", listing_id, "time-slots"), **fields)

    def add_meeting_room(self, **fields: Any) -> Json:
        """Seed a meeting room (`MeetingRoom`)."""
        return self.add("/meeting-rooms", **fields)

    def add_office(self, **fields: Any) -> Json:
        """Seed an office: the API only ever refers to one by its `id`."""
        return self.add("/offices", **fields)

    def add_region(self, **fields: Any) -> Json:
        """Seed a region (`Region`)."""
        return self.add("/regions", **fields)

    def add_subject(self, **fields: Any) -> Json:
        """Seed a subject (`Subject`)."""
        return self.add("/subjects", **fields)

    def add_subject_group(self, **fields: Any) -> Json:
        """Seed a subject group (`SubjectGroup`)."""
        return self.add("/subject-groups", **fields)

    def add_defined_availability(self, **fields: Any) -> Json:
        """Seed a block of defined availability (`DefinedAvailability`) that `getDefinedAvailability`
        answers, filtered by its query as a list is (docs/free-busy.md)."""
        with using(self._spec):
            op = spec().operation("getDefinedAvailability")
            ref = f"{schemas.non_null(resources.data_ref(op))}/items"
            given = _known_fields(ref, fields, "DefinedAvailability")
            problems = schemas.errors(ref, given, "DefinedAvailability")
        if problems:
            raise ValueError("; ".join(problems))
        blocks = self.store.documents.setdefault(op.path, [])
        blocks.append(copy.deepcopy(given))
        return blocks[-1]  # type: ignore[no-any-return]

    def _below(self, parent: str, parent_id: str, child: str) -> str:
        """The concrete path of collection `child` under item `parent_id` of `parent`, which must exist."""
        kind = resources.singular(parent.rsplit("/", 1)[-1])
        if not isinstance(parent_id, str) or not parent_id:
            raise ValueError(f"the {kind} id must be a non-empty string")
        if self.store.find(parent, parent_id) is None:
            raise ValueError(f"there is no {kind} {parent_id!r} in enterprise {self.name!r} to add {child} to")
        return f"{parent}/{parent_id}/{child}"

    # --- Seeding from records --------------------------------------------------------------------

    def seed(self, records: Mapping[str, Any], *, source: str = "seed") -> None:
        """Seed records grouped by kind, as `pexip-engage fake serve --seed FILE` reads them (the kinds,
        a nested record's parents, `data`: docs/testing.md, "Seeding"), in the order given, so parents
        come first. A value such as `"+7d 09:00 Europe/Brussels"` is a time relative to the fake's clock
        (`_relative_times.py`). Raises `ValueError` naming `source`, the kind, the record's position and the field.
        """
        if not isinstance(records, Mapping):
            raise ValueError(f"{source}: expected records by kind (a mapping), not {type(records).__name__}")
        kinds = seed_kinds()
        for kind, entries in records.items():
            if kind != DATA_KEY and kind not in kinds:
                known = ", ".join([*sorted(kinds), DATA_KEY])
                raise ValueError(f"{source}: {kind!r} is not a kind of record (known: {known})")
            self._seed_kind(kind, entries, source)

    def _seed_kind(self, kind: str, entries: Any, source: str) -> None:
        """Seed the records of one kind; `ValueError` naming `source`, the kind and the record's position."""
        if not isinstance(entries, list):
            raise ValueError(f"{source}: {kind} must hold a list of records")
        for index, entry in enumerate(entries):
            where = f"{source}: {kind}[{index}]"
            if not isinstance(entry, Mapping):
                raise ValueError(f"{where}: a record must be a mapping of fields")
            try:
                self._seed_one(kind, resolve_relative(dict(entry), self._clock.now()))
            except ValueError as error:
                raise ValueError(f"{where}: {error}") from None

    def seed_file(self, path: str | os.PathLike[str]) -> None:
        """`seed` the records of a JSON (`.json`) or YAML file; `ValueError` naming the file on a problem."""
        self.seed(_read_records(os.fspath(path)), source=os.fspath(path))

    def _seed_data(self, entry: dict[str, Any]) -> None:
        """`set_data` as a `data` record says."""
        if set(entry) - {"operation", "data", "path"} or "operation" not in entry or "data" not in entry:
            raise ValueError("a data record has `operation`, `data` and, for a path with ids, `path`")
        self.set_data(str(entry["operation"]), entry["data"], **dict(entry.get("path") or {}))

    def _seed_one(self, kind: str, entry: dict[str, Any]) -> None:
        if kind == DATA_KEY:
            self._seed_data(entry)
            return
        helper, parents = seed_kinds()[kind]
        missing = [name for name in parents if name not in entry]
        if missing:
            raise ValueError(f"{', '.join(missing)} missing (the parent a {kind[:-1]} belongs to)")
        parent_ids = [str(entry.pop(name)) for name in parents]
        getattr(self, helper)(*parent_ids, **entry)


def _read_records(name: str) -> Any:
    """The records in the file `name`: JSON for a `.json` name, else YAML."""
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{name}: cannot read it ({type(error).__name__}: {error.args[-1]})") from None
    if name.endswith(".json"):
        try:
            return json.loads(text)
        except ValueError as error:
            raise ValueError(f"{name}: not JSON ({error})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(f"{name}: not YAML ({' '.join(str(error).split())})") from None


def _wire_name(name: str, known: dict[str, str]) -> str:
    """A field name as the wire spells it: `meeting_type` -> `meetingType` (known names as they are)."""
    return name if name in known else resources.camel(name, "_")


def _known_fields(ref: str, fields: Mapping[str, Any], schema_name: str) -> Json:
    """`fields` by wire name; `ValueError` naming each that the schema at `ref` does not define."""
    names = schemas.properties(ref)
    given = {_wire_name(name, names): value for name, value in fields.items()}
    unknown = sorted(name for name in given if name not in names)
    if unknown:
        raise ValueError(f"{schema_name} has no field(s) {', '.join(unknown)}")
    return given


def _open_item(kind: str, fields: Mapping[str, Any]) -> Json:
    """The fields of an item that the documentation shows without properties (a listing, a form
    question), checked against the body that creates or updates one: an office takes none."""
    body = _input_body(kind)
    known = schemas.properties(body) if body is not None else {}
    given = {_wire_name(name, known): value for name, value in fields.items() if name != "id"}
    unknown = sorted(set(given) - set(known))
    if unknown:
        takes = f"the fields of {body.rsplit('/', 1)[-1]}: {', '.join(sorted(known))}" if body else "an id only"
        raise ValueError(f"{kind} items have no field(s) {', '.join(unknown)} (they take {takes})")
    _check_fields(given, known, body.rsplit("/", 1)[-1] if body else kind)
    return copy.deepcopy(given)


def _check_fields(given: Json, known: dict[str, str], schema_name: str) -> None:
    """`ValueError` naming each field of `given` that its schema in `known` refuses."""
    problems = [
        problem
        for name, value in given.items()
        for problem in schemas.errors(known[name], value, f"{schema_name}.{name}")
    ]
    if problems:
        raise ValueError("; ".join(problems))


@per_spec
def _input_body(kind: str) -> str | None:
    """The schema of the body that creates an item of collection `kind` (else updates one), if any."""
    candidates = [(kind, "POST"), (kind + "/{}", "PATCH"), (kind + "/{}", "PUT")]
    for path, method in candidates:
        for op in spec().operations:
            if normalise(op.path) == path and op.method == method and op.body is not None:
                return schemas.follow(schemas.content_schema(op, "requestBody"))
    return None
