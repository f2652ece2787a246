"""The reference's sync signatures (api.md, the operation pages) are the ones `SyncPexipEngage` has.

They are derived from the async signatures with the converter's own renames; this holds the
derivation to the generated twin itself, method by method.
"""

from __future__ import annotations

import inspect

from pexip_engage_client import SyncPexipEngage
from scripts.generate.api_surface import GENERATED, read_surface, sync_signature


def test_every_sync_signature_in_the_reference_is_the_twins() -> None:
    surface = read_surface(GENERATED)
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
    surface = read_surface(GENERATED)
    lists = [
        sync_signature(name, method)
        for namespace in surface.namespaces.values()
        for name, method in namespace.methods.items()
        if not method.asynchronous
    ]
    assert lists
    assert all("-> SyncPages[" in text and "AsyncPages" not in text for text in lists)
