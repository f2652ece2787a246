"""The fields of answers each hand-written feature reads, recorded while the tests run (issue 75, point 1).

The list is `docs/feature-fields.yaml`, written from a recording run by `python -m
scripts.generate.feature_fields` and never by hand. While the suite runs, `tests/conftest.py` turns
the recording on, and a test fails when a feature read a field the list does not hold, naming the
command that adds it. Nothing of this runs in use: the package holds only one hook, `json_field`'s
`reads_seen` (None unless a test sets it).

What is recorded is a read whose direct reader, the frame that reads, is a module of a feature
(`FEATURES`): for a generated model, an attribute of a field of a model that came from an answer;
for decoded JSON, each `json_field` call. Each read is kept as (feature, operationId, JSON Pointer,
list items written `*`):

- models from an answer are tagged when `parse_body` returns them (the operation, and each nested
  model's pointer), and each generated class read from an answer has its fields' slot descriptors
  wrapped, once, by one that notes the read: generated models are ours, so this is patching our own
  classes in tests, not re-classing anything. A model built by hand (a request body) is not tagged,
  and its reads are not answers' fields;
- `json_field` is told its operation and pointer by its caller; a read whose caller did not know
  the operation (an error body, read wherever it came from) is listed under `*`, any operation.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client._base import answer_fields
from pexip_engage_client._runtime.model_types import is_model, plan
from scripts.generate.feature_fields import ANY_OPERATION, COMMAND, LIST, RECORD_VARIABLE, Read, listed, written

from .spec import ROOT

# The feature each hand-written module that reads answers belongs to, by module name (its sync twin's
# `._sync` left out); the longest prefix wins. A new feature adds its modules here.
FEATURES: dict[str, str] = {
    "pexip_engage_client._runtime.pagination": "walks",
    "pexip_engage_client._views._pages": "walks",
    "pexip_engage_client._ensuring._ensure": "ensure",
    "pexip_engage_client._ensuring._ensure_identity": "ensure",
    "pexip_engage_client.webhooks": "reconcile",
    "pexip_engage_client.mirror": "mirror",
    "pexip_engage_client._scheduling._free_busy": "free_busy",
    "pexip_engage_client._scheduling._availability": "free_busy",
    "pexip_engage_client._scheduling._free_busy_reads": "free_busy",
    "pexip_engage_client.provisioning": "provisioning",
    "pexip_engage_client._pipeline._error_mapping": "errors",
    "pexip_engage_client._errors": "errors",
    "pexip_engage_client._pipeline._oauth": "oauth",
    "pexip_engage_cli._mcp": "mcp",
    "pexip_engage_cli._mcp_command": "mcp",
    "pexip_engage_cli._spec_check": "spec_check",
    "pexip_engage_cli._spec": "spec_check",
    "pexip_engage_cli": "cli",
}


_PACKAGES = ("pexip_engage_client.", "pexip_engage_cli.")
# model_field, by module and name: the reads of the function it calls are its caller's, a feature's
_HELPER = ("pexip_engage_client._runtime.lenient", "model_field")
_features_of_modules: dict[str, str | None] = {}


def feature_of(module: str) -> str | None:
    """The feature module `module` belongs to (`FEATURES`), or None for any other module."""
    if module not in _features_of_modules:
        name = module.replace("._sync.", ".").removesuffix("._sync")
        prefixes = [p for p in FEATURES if name == p or name.startswith(p + ".")]
        _features_of_modules[module] = FEATURES[max(prefixes, key=len)] if prefixes else None
    return _features_of_modules[module]


class Recorder:
    """The reads seen since `take()` was last called, from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reads: set[Read] = set()
        self.everything: set[Read] = set()  # every read of the run, for a recording run
        self._strangers: set[str] = set()  # modules reading through the two helpers that FEATURES does not name

    def saw(self, module: object, operation: str, pointer: str, *, through_helper: bool = False) -> None:
        """A read by `module`; `through_helper`: through `json_field` or `model_field`, which only
        features use, so that a module FEATURES does not name is one it should."""
        feature = feature_of(module) if isinstance(module, str) else None
        if feature is None:
            if through_helper and isinstance(module, str) and module.startswith(_PACKAGES):
                with self._lock:
                    self._strangers.add(module)
            return
        read = Read(feature, operation or ANY_OPERATION, pointer)
        with self._lock:
            self._reads.add(read)
            self.everything.add(read)

    def strangers(self) -> set[str]:
        with self._lock:
            found, self._strangers = self._strangers, set()
        return found

    @contextlib.contextmanager
    def aside(self) -> Iterator[None]:
        """Reads made within left out of the run's (the recording's own tests make reads of their own)."""
        with self._lock:
            everything = set(self.everything)
        try:
            yield
        finally:
            with self._lock:
                self.everything = everything

    def take(self) -> set[Read]:
        with self._lock:
            reads, self._reads = self._reads, set()
        return reads


RECORDER = Recorder()

# Where each model read from an answer sits: id -> (operation, pointer, weak reference). Models compare
# by value (unhashable), so they are keyed by id, an entry dropped with its model.
_TAGS: dict[int, tuple[str, str, Any]] = {}
_WATCHED: set[type] = set()


class _WatchedField:
    """A generated model's slot, as before, with each read by a feature's module noted."""

    __slots__ = ("slot", "token")

    def __init__(self, slot: Any, token: str) -> None:
        self.slot = slot
        self.token = token

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is not None:
            tag = _TAGS.get(id(instance))
            if tag is not None:
                reader = sys._getframe(1)
                module = reader.f_globals.get("__name__")
                # Most reads are the tests' own: only the packages' modules can be a feature or a stranger.
                if isinstance(module, str) and module.startswith(_PACKAGES):
                    caller = reader.f_back
                    helper = caller is not None and (caller.f_globals.get("__name__"), caller.f_code.co_name) == _HELPER
                    RECORDER.saw(module, tag[0], f"{tag[1]}/{self.token}", through_helper=helper)
        return self.slot.__get__(instance, owner)

    def __set__(self, instance: Any, value: Any) -> None:
        self.slot.__set__(instance, value)

    def __delete__(self, instance: Any) -> None:
        self.slot.__delete__(instance)


def _watch(model: type) -> None:
    """Each field of a generated class noted when read (`_WatchedField`), once."""
    if model in _WATCHED:
        return
    _WATCHED.add(model)
    for field in plan(model).fields:
        slot = model.__dict__.get(field.name)
        if slot is not None and not isinstance(slot, _WatchedField):
            setattr(model, field.name, _WatchedField(slot, field.token))


def tag(value: Any, operation: str, pointer: str = "") -> None:
    """`value`, read from an answer of `operation` at `pointer`, and every model in it, tagged."""
    if isinstance(value, list):
        for item in value:
            tag(item, operation, f"{pointer}/*")
        return
    model: Any = type(value)  # hashable, though mypy reads type[Any] as not
    if not is_model(model):
        return
    _watch(model)
    key = id(value)
    _TAGS[key] = (operation, pointer, weakref.ref(value, lambda _: _TAGS.pop(key, None)))
    for field in plan(model).fields:
        if field.nested:
            try:
                inner = object.__getattribute__(value, field.name)
            except AttributeError:  # a field the answer left unreadable
                continue
            tag(inner, operation, f"{pointer}/{field.token}")


def _json_read(operation: str, pointer: str) -> None:
    """`json_field`'s hook: its caller, two frames up, read `pointer` of an answer of `operation`."""
    RECORDER.saw(sys._getframe(2).f_globals.get("__name__"), operation, pointer, through_helper=True)


def _tagging(parse_body: Any) -> Any:
    def parse_and_tag(content: bytes, returns: Any, reading: Any = None) -> Any:
        parsed = parse_body(content, returns) if reading is None else parse_body(content, returns, reading)
        operation = reading.operation if reading is not None else ""
        if operation:  # a call of an operation of openapi.yaml (a raw call's answer is no model)
            tag(parsed, operation, "" if returns.unwrap is None else f"/{returns.unwrap}")
        return parsed

    parse_and_tag.__wrapped__ = parse_body  # type: ignore[attr-defined]
    return parse_and_tag


def install() -> None:
    """Recording on for this process: answers tagged where the two request pipelines read them."""
    from pexip_engage_client._pipeline import _request
    from pexip_engage_client._pipeline._sync import _request as sync_request

    for module in (_request, sync_request):
        if not hasattr(module.parse_body, "__wrapped__"):
            module.parse_body = _tagging(module.parse_body)  # type: ignore[attr-defined]
    answer_fields.reads_seen = _json_read


# --- The list --------------------------------------------------------------------------------------


def unlisted(reads: Iterable[Read], listed: Iterable[Read]) -> list[Read]:
    return sorted(set(reads) - set(listed))


def complaint(reads: list[Read], nodeid: str) -> str:
    shown = "\n".join(f"  {read.shown()}" for read in reads)
    return (
        f"a feature read fields of answers that {LIST.relative_to(ROOT)} does not list:\n{shown}\n"
        f"add them (recorded from this test) with: {COMMAND} '{nodeid}'"
    )


def recording_run() -> str | None:
    """The folder a recording run writes its reads to, or None in an ordinary run."""
    return os.environ.get(RECORD_VARIABLE) or None


def write_recording() -> None:
    """At the end of a recording run, every read of this process written to its folder (one file per process)."""
    directory = recording_run()
    if directory is not None:
        out = Path(directory) / f"reads-{os.getpid()}.yaml"
        out.write_text(written(RECORDER.everything), encoding="utf-8")


@functools.cache
def known() -> frozenset[Read]:
    return frozenset(listed())


def check_test(nodeid: str) -> None:
    """After a test: its reads, each listed, else the test fails naming them (nothing in a recording
    run); and every module that reads through the two helpers is a feature's."""
    strangers = RECORDER.strangers()
    if strangers:
        shown = ", ".join(sorted(strangers))
        pytest.fail(
            f"{shown} read answers through json_field or model_field, but FEATURES of {__name__} does not "
            "name the feature: add the module there",
            pytrace=False,
        )
    missing = unlisted(RECORDER.take(), known())
    if missing and recording_run() is None:
        pytest.fail(complaint(missing, nodeid), pytrace=False)
