"""The reference's sync signatures (api.md, the operation pages) are the ones `SyncPexipEngage` has.

They are derived from the async signatures with the converter's own renames; this holds the
derivation to the generated twin itself, method by method.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from pexip_engage_client import SyncPexipEngage
from scripts.generate.api_surface import _signature, sync_signature
from scripts.generate.docs_pages import render_pages

from ..support.code import generated_surface
from ..support.spec import read_spec

_METHODS = ("get", "put", "post", "patch", "delete")


def test_every_sync_signature_in_the_reference_is_the_twins() -> None:
    surface = generated_surface()
    with SyncPexipEngage("acme", token="test") as engage:
        for attribute, namespace in surface.namespaces.items():
            resource = getattr(engage, attribute)
            for name, method in namespace.methods.items():
                written = sync_signature(name, method)
                real = getattr(resource, name)
                assert not inspect.iscoroutinefunction(real)
                assert written.startswith(f"def {name}(")
                assert written.endswith(f" -> {inspect.signature(real).return_annotation}"), (attribute, name)
                for parameter in inspect.signature(real).parameters:
                    assert f"{parameter}" in written, (attribute, name, parameter)


def test_list_operations_name_sync_pages_in_the_reference() -> None:
    surface = generated_surface()
    lists = [
        sync_signature(name, method)
        for namespace in surface.namespaces.values()
        for name, method in namespace.methods.items()
        if not method.asynchronous
    ]
    assert lists
    assert all("-> SyncPages[" in text and "AsyncPages" not in text for text in lists)


def test_every_operation_page_and_api_md_give_both_signatures_of_every_method() -> None:
    """Each operation's section (docs/operations/) and api.md show the async and the sync call."""
    surface = generated_surface()
    pages = render_pages(read_spec(), surface)
    sections = {
        match[1]: match[2]
        for text in pages.values()
        for match in re.finditer(r"^## `(\w+)`\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    }
    api_md = (Path(__file__).resolve().parents[2] / "api.md").read_text(encoding="utf-8")
    methods = [
        (name, method) for namespace in surface.namespaces.values() for name, method in namespace.methods.items()
    ]
    # The `ensure_*` methods are not operations of their own (docs/safe-writes.md): api.md gives
    # both of their signatures, and their create's page is where the operation is described.
    operations = [(name, method) for name, method in methods if not name.startswith("ensure_")]
    document = read_spec()
    in_spec = [op for item in document["paths"].values() for key, op in item.items() if key in _METHODS]
    assert len(operations) == len(sections) == len(in_spec)  # every operation of openapi.yaml, each once
    for name, method in methods:
        for signature in (_signature(name, method), sync_signature(name, method)):
            assert signature in api_md, name
    for name, method in operations:
        for signature in (_signature(name, method), sync_signature(name, method)):
            assert signature in sections[name], name
        assert sections[name].index("PexipEngage\n") < sections[name].index("SyncPexipEngage\n"), name
