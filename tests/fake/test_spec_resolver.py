"""The one `$ref` resolver (`testing/_spec.py`) that the fake, the scripts and the tests share."""

from __future__ import annotations

import pytest

from pexip_engage_client._base._refs import final_pointer, pointer
from pexip_engage_client.testing._spec import resolve

from ..support.spec import SPEC

DOCUMENT = {
    "components": {
        "schemas": {
            "A": {"$ref": "#/components/schemas/B"},
            "B": {"type": "string"},
            "Loop": {"$ref": "#/components/schemas/Loop2"},
            "Loop2": {"$ref": "#/components/schemas/Loop"},
            "a/b~c": {"type": "integer"},
        }
    },
    "list": [{"type": "boolean"}],
}


def test_a_chain_of_refs_is_followed_to_its_end() -> None:
    assert resolve({"$ref": "#/components/schemas/A"}, DOCUMENT) == {"type": "string"}
    assert final_pointer(DOCUMENT, "#/components/schemas/A") == "#/components/schemas/B"
    assert resolve({"type": "null"}, DOCUMENT) == {"type": "null"}


def test_escaped_names_and_list_positions_are_read() -> None:
    assert pointer(DOCUMENT, "#/components/schemas/a~1b~0c") == {"type": "integer"}
    assert pointer(DOCUMENT, "#/list/0") == {"type": "boolean"}


def test_a_cycle_or_a_ref_to_nothing_is_a_value_error_naming_the_ref() -> None:
    with pytest.raises(ValueError, match=r"#/components/schemas/Loop leads back to itself"):
        resolve({"$ref": "#/components/schemas/Loop"}, DOCUMENT)
    with pytest.raises(ValueError, match="#/components/schemas/Missing leads nowhere"):
        resolve({"$ref": "#/components/schemas/Missing"}, DOCUMENT)
    with pytest.raises(ValueError, match="leads nowhere"):
        pointer(DOCUMENT, "#/list/7")


def test_the_bundled_spec_is_the_default_document() -> None:
    assert resolve({"$ref": "#/components/schemas/MeetingType"}) == SPEC["components"]["schemas"]["MeetingType"]
