"""The spec audit (scripts/checks/audit_spec/): its page readers, and that it catches a wrong spec.

The reader tests use small page snippets written here in each layout the documentation uses. The
mutation tests need the copied documentation (../shared, or $PEXIP_ENGAGE_DOCS) and are skipped
without it: each breaks one documented fact in a copy of openapi.yaml and expects the audit to name
the place.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.checks.audit_spec.__main__ import DEFAULT_DOCS, DOCS_ENV, main
from scripts.checks.audit_spec.auditor import HANDLERS, Auditor
from scripts.checks.audit_spec.facts import CHECKED, GAPS, Fact
from scripts.checks.audit_spec.hand_kept import HAND_KEPT, SUPERSEDED
from scripts.checks.audit_spec.pages import collect_facts, page_facts, page_statements
from scripts.checks.audit_spec.report import report_lines
from scripts.checks.audit_spec.run import audit, load_spec
from scripts.checks.audit_spec.spec import Spec

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS = Path(os.environ.get(DOCS_ENV, DEFAULT_DOCS))
needs_docs = pytest.mark.skipif(
    not (DOCS / "api-reference" / "pages").is_dir(),
    reason=f"the copied documentation pages are not at {DOCS} (set {DOCS_ENV})",
)


def facts_of(page: str, text: str) -> dict[tuple[str, str], Any]:
    return {(fact.where, fact.kind): fact.value for fact in page_facts(page, text)}


# --------------------------------------------------------------------------------------------
# Readers, one per layout
# --------------------------------------------------------------------------------------------

DASH_PAGE = """\
==============================================================================
SOURCE: https://example.invalid/operation/operation-makewidget  (variant: production)
==============================================================================
Make a widget

POST /widgets

Headers
- X-Correlation-Id string  Traces a request. Minimum length is 1.
- [Authorization] The token. Minimum length is 1.

Query parameters
- tag array[string]  Tags to filter on. At least 1 element. Minimum length of each is 1, maximum length of each is 40.
- [name not rendered]  Something the page hides
- limit string(positive-integer)  How many. Format should match the following pattern: ^[0-9]+$. Default value is 25.

Body Required
- label string | null. Minimum length is 2, maximum length is 80.
- size integer Required. Minimum value is 1, maximum value is 9. Default value is 3.
- shape string. Values are ROUND, SQUARE, or STAR.
- parts array[object] | null. Default value is [] (empty).
  - kind string Required. Value is Bolt.
  - Minimum length is 1.
  - [weight] Minimum value is 0.
- place: somewhere, in prose
  - lost string Required
- owner object Required. Additional properties are NOT allowed.
  - note string | null Required. Deprecated

Responses
- 201 application/json  Made
  - data object Required. Additional properties are allowed.
    - id string Required. Minimum length is 1.
- 422 application/json  A rule failed
  - WIDGET_TOO_BIG
  See Error codes
"""


def test_dash_layout_yields_each_stated_fact() -> None:
    facts = facts_of("makewidget", DASH_PAGE)
    assert facts[("header.X-Correlation-Id", "minLength")] == 1
    assert ("header.Authorization", "present") not in facts  # the security scheme, not a parameter
    assert facts[("query.tag", "minItems")] == 1
    assert facts[("query.tag", "items.minLength")] == 1
    assert facts[("query.tag", "items.maxLength")] == 40
    assert facts[("query.limit", "type")] == "string(positive-integer)"
    assert facts[("query.limit", "pattern")] == "^[0-9]+$"
    assert facts[("query.limit", "default")] == "25"
    assert facts[("body", "body_required")] is True
    assert facts[("body.label", "nullable")] is True
    assert facts[("body.label", "required")] is False
    assert (facts[("body.label", "minLength")], facts[("body.label", "maxLength")]) == (2, 80)
    assert facts[("body.size", "required")] is True
    assert (facts[("body.size", "minimum")], facts[("body.size", "maximum")]) == (1, 9)
    assert facts[("body.size", "default")] == "3"
    assert facts[("body.shape", "enum")] == ["ROUND", "SQUARE", "STAR"]
    assert facts[("body.parts", "default")] == "[]"
    assert facts[("body.parts.kind", "const")] == "Bolt"
    assert facts[("body.parts.weight", "minimum")] == 0
    assert ("body.parts.weight", "required") not in facts  # a bracketed name shows no Required flag
    assert facts[("body.owner", "closed")] is True
    assert facts[("body.owner.note", "deprecated")] is True
    assert facts[("response.201", "status")] == "201"
    assert facts[("response.201", "media")] == "application/json"
    assert facts[("response.201.data", "closed")] is False
    assert facts[("response.201.data.id", "required")] is True
    assert facts[("response.422", "code")] == "WIDGET_TOO_BIG"


def test_dash_layout_skips_what_it_cannot_place_and_lists_it() -> None:
    wheres = {where for where, _ in facts_of("makewidget", DASH_PAGE)}
    assert not any("lost" in where or "place" in where for where in wheres)
    assert not any(where.startswith("query.name") or "Minimum" in where for where in wheres)
    gaps = {(f.where, f.value) for f in page_statements("makewidget", DASH_PAGE) if f.kind == "unnamed"}
    assert gaps == {
        ("query", "[name not rendered]  Something the page hides"),
        ("body.parts", "Minimum length is 1."),
        ("body", "place: somewhere, in prose"),
    }


def test_bracketed_names_are_used_unless_marked_as_a_guess() -> None:
    page = (
        "Body Required\n"
        "- [mode, required] Values are FAST or SLOW.\n"
        "- [colour — name not rendered] Values are RED or BLUE.\n"
        "- [speed? name not rendered] Minimum value is 1.\n"
        "- count integer Required[...excerpt truncated]\n"
    )
    facts = facts_of("makewidget", page)
    assert facts[("body.mode", "required")] is True
    assert facts[("body.mode", "enum")] == ["FAST", "SLOW"]
    assert facts[("body.colour", "enum")] == ["RED", "BLUE"]
    assert ("body.colour", "required") not in facts
    assert facts[("body.count", "required")] is True
    assert not any(where == "body.speed" for where, _ in facts)
    gaps = {(f.kind, f.where) for f in page_statements("makewidget", page) if f.kind in GAPS}
    assert gaps == {("inferred", "body.colour"), ("unnamed", "body")}


BULLET_PAGE = """\
Fetch a gadget

GET /gadgets/{id}

Path parameters

  • id string Required

    Which gadget

    Minimum length is 1.

Body

  • colour string

    Values are RED or BLUE.

Responses

  • 200 application/json

    Found it

    Hide response attribute Show response attribute object
    • data object Required

      Additional properties are NOT allowed.

      Hide data attributes Show data attributes object
      • parts array[object] Required

        At least 2 elements.

        Hide parts attributes Show parts attributes object
        • serial string | null

          Minimum length is 3.

  • 422 application/json

    A rule failed

    • GADGET_LOCKED

    See Error codes

GET /gadgets/{id}
curl -X GET https://example.invalid/gadgets/1
"""


def test_bullet_layout_nests_by_indentation_and_reads_detail_lines() -> None:
    facts = facts_of("fetchgadget", BULLET_PAGE)
    assert facts[("path.id", "required")] is True
    assert facts[("path.id", "minLength")] == 1
    assert facts[("body", "body_required")] is False
    assert facts[("body.colour", "enum")] == ["RED", "BLUE"]
    assert facts[("response.200.data", "closed")] is True
    assert facts[("response.200.data.parts", "minItems")] == 2
    assert facts[("response.200.data.parts.serial", "nullable")] is True
    assert facts[("response.200.data.parts.serial", "minLength")] == 3
    assert facts[("response.422", "code")] == "GADGET_LOCKED"


MARKDOWN_PAGE = """\
# Change a gizmo
**PATCH /gizmos/{id}**
## Parameters
### Headers
- **X-Correlation-Id** (string) Traces a request
### Body: application/json (object)
- **title** (string | null)
- **when** (string(date-time))
- **link** (string(uri) | null)
## Responses
### 200 Changed
#### Body: application/json (object)
- **data** (object)
### 422: A rule failed
* `GIZMO_FROZEN`
See Error codes
"""


def test_markdown_layout_gives_types_but_no_required_flags() -> None:
    facts = facts_of("changegizmo", MARKDOWN_PAGE)
    assert facts[("body.title", "type")] == "string"
    assert facts[("body.title", "nullable")] is True
    assert facts[("body.when", "type")] == "string(date-time)"
    assert (facts[("body.link", "type")], facts[("body.link", "nullable")]) == ("string(uri)", True)
    assert ("body.title", "required") not in facts
    assert ("body", "body_required") not in facts
    assert facts[("response.200.data", "type")] == "object"
    assert facts[("response.422", "code")] == "GIZMO_FROZEN"


SPLIT_PAGE = """\
Body Required
-
Minimum length is
1
. -
nickname string | null
Minimum length is
1
, maximum length is64
. -
At least
2
elements. -
buddies array[object]
-
ordinal integer | null
Minimum value is
0
. Default value is0
. -
Values are
UP
,DOWN
, orSIDEWAYS
.
Responses
-
201 application/json
Made
-
422 application/json
A rule failed
THING_BROKEN
See Error codes
POST /things
"""


def test_split_layout_joins_tokens_back_into_sentences() -> None:
    facts = facts_of("makething", SPLIT_PAGE)
    assert facts[("body.nickname", "minLength")] == 1
    assert facts[("body.nickname", "maxLength")] == 64
    assert facts[("body.buddies", "type")] == "array[object]"
    assert ("body.buddies", "minItems") not in facts  # that sentence closes the unnamed item before it
    assert (facts[("body.ordinal", "minimum")], facts[("body.ordinal", "default")]) == (0, "0")
    assert facts[("response.201", "status")] == "201"
    assert facts[("response.422", "code")] == "THING_BROKEN"
    assert not any(kind == "enum" for _, kind in facts)  # the values belong to an unnamed field


EXAMPLES_PAGE = """\
POST /widgets
curl \\
 -X POST https://example.invalid/widgets \\
 -d '{"label":"A","parts":[{"kind":"Bolt","note":"has \\"quotes\\": inside"}],"owner":{"id":"7"[...excerpt truncated]
Request example
# Headers
X-Correlation-Id: 1234
# Payload
{"label": "A",
 "extra": {"deep": [1, 2]}}
Response examples (201)
{
"data": {
"id": "9",
"tags": ["x", "y"]
}
}
(a remark after the example)
Response examples (404)
{"errors": [{"message": "cut off in the mid
 "code": "lost after the cut"}]}
"""


def test_examples_show_which_fields_exist() -> None:
    wheres = {where for (where, kind) in facts_of("makewidget", EXAMPLES_PAGE) if kind == "present"}
    assert wheres == {
        "body.label",
        "body.parts",
        "body.parts.kind",
        "body.parts.note",
        "body.owner",
        "body.owner.id",
        "body.extra",
        "body.extra.deep",
        "response.201.data",
        "response.201.data.id",
        "response.201.data.tags",
        "response.404.errors",
        "response.404.errors.message",
    }


def test_superseded_copies_are_left_out() -> None:
    text = (
        "=== Copy A (older) ===\nQuery parameters\n- old string  Gone.\n"
        "=== Copy B (newer) ===\nQuery parameters\n- new string  Here.\n"
    )
    SUPERSEDED.add(("regionsdemo", "Copy A (older)"))
    try:
        wheres = {where for where, _ in facts_of("regionsdemo", text)}
    finally:
        SUPERSEDED.discard(("regionsdemo", "Copy A (older)"))
    assert wheres == {"query.new"}


ADDRESSED_COPIES_PAGE = """\
Source: https://example.invalid/operation/operation-listgadgets
NOTE: copied excerpts.

--- https://example.invalid/operation/operation-listgadgets  (copy A, bullets)
Query parameters
  • colour array[string]
    Colours to filter on
    At least 1 element. Values are RED or BLUE.
Responses
  • 200 application/json  Listed
    • data array[object] Required
      • part object Requ
[...excerpt truncated]

--- https://example.invalid/operation/operation-listgadgets  (copy B, details on the lines below)
Headers
- Unique identifier to allow referencing a particular transaction or event chain
Minimum length is 1.
Query parameters
- shelf string | null
- size integer
Smallest size
Minimum value is 2.
- Offset for the results to be returned
Default value is 0.
Body Required
- Minimum length is 3.   [label]
- Additional properties are allowed.  [object]
GET /gadgets
Response examples (200)
{"data": {"settings": {"additionalProperty1": {"on": true}}}}
"""


def test_copies_introduced_by_their_address_are_read_each_in_its_own_layout() -> None:
    facts = facts_of("listgadgets", ADDRESSED_COPIES_PAGE)
    assert facts[("query.colour", "items.enum")] == ["RED", "BLUE"]  # copy A: bullets
    assert facts[("query.shelf", "nullable")] is True  # copy B: dash items ...
    assert facts[("query.size", "minimum")] == 2  # ... whose detail sits on the lines below
    assert facts[("query.offset", "default")] == "0"  # named by its standard description
    assert facts[("header.X-Correlation-Id", "minLength")] == 1
    assert facts[("response.200.data.part", "type")] == "object"
    assert ("response.200.data.part", "required") not in facts  # cut inside "Required": unknown
    assert facts[("response.200.data.settings.additionalProperty1.on", "present")] is True
    assert facts[("body.label", "minLength")] == 3  # a name the annotator put after the text
    assert not any(where.startswith("body.object") for where, _ in facts)  # a type word names no field


def test_an_example_placeholder_name_is_any_member_of_a_map() -> None:
    document = {
        "openapi": "3.1.0",
        "paths": {
            "/settings": {
                "patch": {
                    "operationId": "patchSettings",
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "additionalProperties": {
                                        "type": "object",
                                        "properties": {"on": {"type": "boolean"}},
                                    },
                                }
                            }
                        }
                    },
                    "responses": {"200": {"description": "Done"}},
                }
            }
        },
    }
    page = 'Request examples\n# Payload\n{"additionalProperty1": {"on": true}, "additionalProperty2": {"off": 1}}\n'
    results = check_all(document, "patchsettings", page)
    assert results[("body.additionalProperty1.on", "present")] is True
    assert results[("body.additionalProperty2.off", "present")] is False  # the map's members have no `off`


# --------------------------------------------------------------------------------------------
# Checking facts against a spec (a small one written here)
# --------------------------------------------------------------------------------------------

SMALL_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {
        "/widgets": {
            "post": {
                "operationId": "makeWidget",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WidgetIn"}}},
                },
                "responses": {
                    "201": {"description": "Made", "content": {"application/json": {"schema": {"type": "object"}}}}
                },
            }
        }
    },
    "components": {
        "schemas": {
            "WidgetIn": {
                "type": "object",
                "additionalProperties": False,
                "required": ["size"],
                "properties": {
                    "label": {"oneOf": [{"type": "string", "minLength": 2, "maxLength": 80}, {"type": "null"}]},
                    "size": {"type": "integer", "minimum": 1, "maximum": 9, "default": 3},
                    "mode": {"$ref": "#/components/schemas/Mode", "default": "FAST"},
                    "owner": {
                        "anyOf": [
                            {"allOf": [{"$ref": "#/components/schemas/Owner"}], "unevaluatedProperties": False},
                            {"type": "null"},
                        ]
                    },
                },
            },
            "Mode": {"type": "string", "enum": ["FAST", "SLOW"]},
            "Owner": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "minLength": 1}}},
        }
    },
}

SMALL_PAGE = """\
Body Required
- label string | null. Minimum length is 2, maximum length is 80.
- size integer Required. Minimum value is 1, maximum value is 9. Default value is 3.
- mode string. Values are FAST or SLOW. Default value is FAST.
- owner object | null. Additional properties are NOT allowed.
  - id string Required. Minimum length is 1.
Responses
- 201 application/json  Made
- 404 application/json  Not there
"""


def check_all(document: dict[str, Any], page: str, text: str) -> dict[tuple[str, str], bool]:
    auditor = Auditor(Spec(document))
    return {(fact.where, fact.kind): auditor.check(fact)[0] for fact in page_facts(page, text)}


SNIPPETS = {
    "makewidget": DASH_PAGE + EXAMPLES_PAGE,
    "fetchgadget": BULLET_PAGE,
    "changegizmo": MARKDOWN_PAGE,
    "makething": SPLIT_PAGE,
    **HAND_KEPT,
}


def test_the_handler_table_covers_every_fact_kind() -> None:
    # Fact.kind's Literal keeps the readers to the declared kinds (mypy); the table must check each.
    assert set(HANDLERS) == set(CHECKED)
    assert not set(HANDLERS) & set(GAPS)  # gaps are listed, never checked
    produced = {fact.kind for page, text in SNIPPETS.items() for fact in page_facts(page, text)}
    assert produced <= set(HANDLERS)


@pytest.mark.slow
@needs_docs
def test_every_kind_the_documentation_yields_has_a_check(pristine: dict[str, Any]) -> None:
    facts, _ = collect_facts(DOCS, Spec(pristine), None)
    assert {fact.kind for fact in facts} <= set(HANDLERS)


def test_facts_resolve_through_refs_compositions_and_nullable_unions() -> None:
    results = check_all(SMALL_SPEC, "makewidget", SMALL_PAGE)
    assert results.pop(("response.404", "status")) is False
    assert results.pop(("response.404", "media")) is False
    assert all(results.values()), [key for key, holds in results.items() if not holds]


def test_a_changed_bound_is_reported_with_both_values() -> None:
    document = copy.deepcopy(SMALL_SPEC)
    document["components"]["schemas"]["WidgetIn"]["properties"]["size"]["maximum"] = 10
    auditor = Auditor(Spec(document))
    fact = Fact("makewidget", "body.size", "maximum", 9.0, ("body", "size"))
    assert auditor.check(fact) == (False, "maximum 10")


def test_copies_that_disagree_hold_when_the_spec_follows_one(tmp_path: Path) -> None:
    pages = tmp_path / "api-reference" / "pages"
    pages.mkdir(parents=True)
    (pages / "makewidget.txt").write_text(
        "SOURCE: https://example.invalid/a  (variant: production)\n"
        "Body Required\n- label string | null. Minimum length is 2, maximum length is 60.\n"
        "SOURCE: https://example.invalid/b  (variant: development)\n"
        "Body Required\n- label string | null. Minimum length is 2, maximum length is 80.\n",
        encoding="utf-8",
    )
    (pages / "topic-widgets.txt").write_text("Body Required\n- ignored string Required\n", encoding="utf-8")

    outcomes, notes = audit(tmp_path, SMALL_SPEC, None)

    max_length = [o for o in outcomes if (o.fact.where, o.fact.kind) == ("body.label", "maxLength")]
    assert [(o.fact.value, o.holds) for o in max_length] == [(80, True)]
    assert notes == ["makewidget body.label: copies disagree on maxLength: maxLength 60 vs maxLength 80"]
    assert not any(o.fact.where == "body.ignored" for o in outcomes)  # topic pages are not operations

    document = copy.deepcopy(SMALL_SPEC)
    document["components"]["schemas"]["WidgetIn"]["properties"]["label"]["oneOf"][0]["maxLength"] = 70
    outcomes, _ = audit(tmp_path, document, None)
    assert [o.holds for o in outcomes if (o.fact.where, o.fact.kind) == ("body.label", "maxLength")] == [False]


# --------------------------------------------------------------------------------------------
# The audit catches a broken openapi.yaml
# --------------------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any], Spec, Fact], bool]


def _operation(spec: Spec, fact: Fact) -> dict[str, Any]:
    return spec.operations[fact.page][0]


def _place(spec: Spec, fact: Fact) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(owner, schema) of a body/response field, walking plain schemas only (no allOf)."""
    operation = _operation(spec, fact)
    section, *names = fact.target
    if section == "body":
        holder = spec.resolve(operation.get("requestBody"))
    elif section == "response":
        code, *names = names
        holder = spec.resolve(operation["responses"].get(code))
    else:
        return None
    schema: Any = spec.resolve(holder["content"]["application/json"]["schema"])
    owner: dict[str, Any] = {}
    for name in names:
        while isinstance(schema, dict):
            if schema.get("type") == "array" and "items" in schema:
                schema = spec.resolve(schema["items"])
            elif "oneOf" in schema and len(schema["oneOf"]) == 2:
                schema = next(spec.resolve(s) for s in schema["oneOf"] if spec.resolve(s).get("type") != "null")
            else:
                break
        if not isinstance(schema, dict) or "allOf" in schema or name not in schema.get("properties", {}):
            return None
        owner, schema = schema, spec.resolve(schema["properties"][name])
    return owner, schema


def drop_required(document: dict[str, Any], spec: Spec, fact: Fact) -> bool:
    place = _place(spec, fact)
    if fact.kind != "required" or fact.value is not True or place is None:
        return False
    owner, _ = place
    owner["required"] = [name for name in owner.get("required", []) if name != fact.target[-1]]
    return True


def change_max_length(document: dict[str, Any], spec: Spec, fact: Fact) -> bool:
    place = _place(spec, fact)
    if fact.kind != "maxLength" or place is None or "maxLength" not in place[1]:
        return False
    place[1]["maxLength"] += 1
    return True


def remove_enum_value(document: dict[str, Any], spec: Spec, fact: Fact) -> bool:
    place = _place(spec, fact)
    if fact.kind != "enum" or place is None:
        return False
    schema = place[1]
    if "enum" not in schema and isinstance(schema.get("items"), dict):
        schema = spec.resolve(schema["items"])
    if fact.value[-1] not in schema.get("enum", []):
        return False
    schema["enum"] = [value for value in schema["enum"] if value != fact.value[-1]]
    return True


def open_closed_object(document: dict[str, Any], spec: Spec, fact: Fact) -> bool:
    place = _place(spec, fact)
    if fact.kind != "closed" or fact.value is not True or place is None:
        return False
    return place[1].pop("additionalProperties", None) is False


def drop_status(document: dict[str, Any], spec: Spec, fact: Fact) -> bool:
    if fact.kind != "status" or fact.value.startswith("2"):
        return False
    return _operation(spec, fact)["responses"].pop(fact.value, None) is not None


def drop_parameter(document: dict[str, Any], spec: Spec, fact: Fact) -> bool:
    if fact.kind != "present" or fact.target[0] != "query" or len(fact.target) != 2:
        return False
    operation = _operation(spec, fact)
    kept = [p for p in operation.get("parameters", []) if spec.resolve(p).get("name") != fact.target[1]]
    removed = len(kept) < len(operation.get("parameters", []))
    operation["parameters"] = kept
    return removed


def drop_business_code(document: dict[str, Any], spec: Spec, fact: Fact) -> bool:
    """Remove one of several codes an operation lists: the others must not hide its absence."""
    codes = _operation(spec, fact).get("x-business-error-codes", [])
    if fact.kind != "code" or len(codes) < 2 or fact.value not in codes:
        return False
    codes.remove(fact.value)
    return True


@pytest.fixture(scope="module")
def pristine() -> dict[str, Any]:
    return load_spec(REPO_ROOT / "openapi.yaml")


@pytest.fixture(scope="module")
def holding_facts(pristine: dict[str, Any]) -> list[Fact]:
    """Facts that hold on the current openapi.yaml: breaking one must make the audit fail."""
    outcomes, _ = audit(DOCS, pristine, None)
    return sorted((o.fact for o in outcomes if o.holds), key=lambda f: (f.page, f.where, f.kind))


@pytest.mark.slow
@needs_docs
@pytest.mark.parametrize(
    "mutate",
    [
        drop_required,
        change_max_length,
        remove_enum_value,
        open_closed_object,
        drop_status,
        drop_parameter,
        drop_business_code,
    ],
)
def test_the_audit_names_a_broken_fact(
    mutate: Mutation, pristine: dict[str, Any], holding_facts: list[Fact], capsys: pytest.CaptureFixture[str]
) -> None:
    document = copy.deepcopy(pristine)
    spec = Spec(document)
    fact = next((f for f in holding_facts if mutate(document, spec, f)), None)
    assert fact is not None, f"no fact in openapi.yaml that {mutate.__name__} can break"

    outcomes, _ = audit(DOCS, document, {fact.page})
    failing = {(o.fact.where, o.fact.kind) for o in outcomes if not o.holds}
    assert (fact.where, fact.kind) in failing
    lines = report_lines(outcomes, verbose=False)
    assert any(line.startswith(f"MISMATCH {fact.page} {fact.where}:") for line in lines)


@pytest.mark.slow
@needs_docs
def test_the_command_exits_non_zero_on_a_mutated_file(
    pristine: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = copy.deepcopy(pristine)
    document["paths"]["/timetable"]["get"]["parameters"] = []
    mutated = tmp_path / "openapi.yaml"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    mutated.write_text(yaml.dump(document, Dumper=dumper), encoding="utf-8")

    code = main(["--spec", str(mutated), "--docs", str(DOCS), "--page", "gettimetable"])

    out = capsys.readouterr().out
    assert code == 1
    assert "MISMATCH gettimetable query.from: docs say the field exists; spec says no such parameter" in out
    assert out.splitlines()[-1].endswith("documented facts hold")


def test_the_command_refuses_a_folder_without_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--docs", str(tmp_path)]) == 2
    assert "no documentation pages" in capsys.readouterr().err


@pytest.mark.slow
def test_the_command_runs_as_a_module(tmp_path: Path) -> None:
    # The form `make audit-spec` uses, from the repository root.
    command = [sys.executable, "-m", "scripts.checks.audit_spec", "--docs", str(tmp_path)]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr == f"audit_spec: no documentation pages under {tmp_path}\n"


@needs_docs
def test_the_command_refuses_an_unknown_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--docs", str(DOCS), "--page", "createwidget"]) == 2
    assert "no page named createwidget" in capsys.readouterr().err


def test_values_may_be_spread_over_one_of_variants() -> None:
    def variant(value: str) -> dict[str, Any]:
        return {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "const": value}}}

    document = copy.deepcopy(SMALL_SPEC)
    document["components"]["schemas"]["WidgetIn"]["properties"]["parts"] = {
        "type": "array",
        "items": {"oneOf": [variant("BOLT"), variant("NUT")]},
    }
    page = "Body Required\n- parts array[object]\n  - type string Required. Values are BOLT or NUT.\n"
    assert all(check_all(document, "makewidget", page).values())

    document["components"]["schemas"]["WidgetIn"]["properties"]["parts"]["items"]["oneOf"].pop()
    assert not check_all(document, "makewidget", page)[("body.parts.type", "enum")]


def test_a_dangling_ref_is_reported_not_raised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = tmp_path / "api-reference" / "pages"
    pages.mkdir(parents=True)
    (pages / "makewidget.txt").write_text(SMALL_PAGE, encoding="utf-8")
    document = copy.deepcopy(SMALL_SPEC)
    document["paths"]["/widgets"]["post"]["requestBody"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/Gone"
    }
    spec_file = tmp_path / "openapi.yaml"
    spec_file.write_text(yaml.safe_dump(document), encoding="utf-8")

    assert main(["--docs", str(tmp_path), "--spec", str(spec_file)]) == 2
    assert "$ref #/components/schemas/Gone leads nowhere" in capsys.readouterr().err
