"""The package's shape: one direction of dependency, relative imports only, the public names.

    _runtime  <-  _generated  <-  the facade (every other module)  <-  users

The runtime is hand-written code the generated layer calls; the generated layer is rewritten by
`make generate`; the facade sits on both. The generated resource methods hand the runtime's
`Invoker` the type a body is read as (`Returns`), never a parser, so the facade chooses how to
decode without the generated layer calling back into it. An import against that direction (the runtime reaching
into generated models, the generated layer into the facade) would tie regeneration to hand-written
policy, so it fails here.

Within the facade, the senders (`_senders/`) are the layer under the request pipeline: they
import nothing of it, nor the library's errors, which the pipeline alone builds. And `testing/`
works through the public package only, as the tests of the package's users do.
"""

from __future__ import annotations

import ast
import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

PACKAGE = ROOT / "pexip_engage_client"
LAYER_OF_TOP = {"_runtime": 0, "_generated": 1}  # every other top-level module: the facade, 2
LAYER_NAMES = ("runtime", "generated", "facade")
# What the senders may import of the package: their own modules, the runtime's lazy httpx, the version.
SENDERS_IMPORT_ONLY = ("_senders", "_runtime", "_version")
HEADER = "# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/)."


def module_name(path: Path) -> str:
    """`_runtime.coerce` for pexip_engage_client/_runtime/coerce.py; "" for the package's __init__."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int:
    return LAYER_OF_TOP.get(module.split(".", maxsplit=1)[0], 2)


def package_imports(module: str, source: str, is_package: bool) -> list[str]:
    """The modules of this package that `source` imports, relative to the package ("" for itself).

    Absolute imports of the package itself are returned as "<absolute>", since they break vendoring.
    """
    found: list[str] = []
    here = module.split(".") if module else []
    if not is_package:
        here = here[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += ["<absolute>" for alias in node.names if alias.name.split(".")[0] == "pexip_engage_client"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found += ["<absolute>"] if (node.module or "").split(".")[0] == "pexip_engage_client" else []
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            # `from . import errors` names a module; `from ._runtime import Page` a name in one.
            found += [".".join(base) if base else alias.name for alias in node.names]
    return found


def every_import() -> list[tuple[str, str, str]]:
    """(file, module, imported module or name) for every import of the package by one of its modules."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        for imported in package_imports(module, path.read_text(encoding="utf-8"), path.name == "__init__.py"):
            found.append((str(path.relative_to(ROOT)), module, imported))
    return found


def violations() -> list[str]:
    found = []
    for path, module, imported in every_import():
        if imported == "<absolute>":
            found.append(f"{path} imports the package by its absolute name")
        elif layer(imported) > layer(module):
            found.append(
                f"{path} ({LAYER_NAMES[layer(module)]}) imports "
                f"{imported or '__init__'} ({LAYER_NAMES[layer(imported)]})"
            )
    return found


def top(imported: str) -> str:
    return imported.split(".", maxsplit=1)[0]


def test_dependencies_point_from_facade_to_generated_to_runtime_only() -> None:
    assert violations() == []


def returns_constants(tree: ast.Module) -> set[str]:
    """The module-level names bound to `Returns.model_of(...)` or `Returns.data_of(...)`."""
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and isinstance(node.value.func.value, ast.Name)
        and node.value.func.value.id == "Returns"
        and node.value.func.attr in {"model_of", "data_of"}
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def test_generated_methods_hand_the_invoker_a_type_never_a_parser() -> None:
    # The seam: the generated layer names the model a body is read as (a `Returns` constant, or
    # None for no content) and the facade picks the decoder; a callable would re-enter the facade.
    modules = sorted((PACKAGE / "_generated" / "api").glob("*/__init__.py"))
    assert modules
    wrong, calls = [], 0
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = returns_constants(tree)
        wrong += [
            f"{path.relative_to(ROOT)}:{node.lineno} lambda" for node in ast.walk(tree) if isinstance(node, ast.Lambda)
        ]
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "_invoke":
                calls += 1
                returns = node.args[1]
                if not (isinstance(returns, ast.Name) and returns.id in constants) and not (
                    isinstance(returns, ast.Constant) and returns.value is None
                ):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} passes {ast.unparse(returns)}")
    assert calls > 50
    assert wrong == []


def test_no_code_is_compiled_at_run_time() -> None:
    # Typed decoding is generated code on disk: tracebacks and coverage see it like any other.
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.func.id}()"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"exec", "eval", "compile"}
    ]
    assert found == []


def test_the_senders_import_neither_the_pipeline_nor_the_errors() -> None:
    # A sender reports in httpx's transport errors and its own signals; the pipeline (_request,
    # _errors_from) turns them into the library's errors. A sender importing either would put
    # policy back into the transport.
    found = [
        f"{path} imports {imported or '__init__'}"
        for path, module, imported in every_import()
        if top(module) == "_senders" and top(imported) not in SENDERS_IMPORT_ONLY
    ]
    assert found == []


def test_the_package_works_without_msgspec() -> None:
    # A vendored copy may come without msgspec (a dependency of the package): it then decodes with
    # json and the models' from_dict.
    script = """
import asyncio, sys
sys.modules["msgspec"] = None  # an import of it raises ImportError
from pexip_engage_client import PexipEngage, models
from pexip_engage_client._decode import fast_path
from pexip_engage_client.testing import FakePexipEngage

async def main():
    fake = FakePexipEngage()
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        appointment = await engage.appointments.accept_appointment(appointment_id)
    assert isinstance(appointment, models.Appointment), appointment

asyncio.run(main())
assert fast_path() is None
"""
    subprocess.run([sys.executable, "-c", script], check=True)


def test_testing_imports_only_the_public_package() -> None:
    # FakePexipEngage stands in for the API in users' tests: what it needs of the client, a user's
    # code can reach too, and a private module may change under it without notice.
    found = [
        f"{path} imports {imported}"
        for path, module, imported in every_import()
        if top(module) == "testing" and top(imported).startswith("_")
    ]
    assert found == []


@pytest.mark.parametrize(
    ("module", "is_package", "source", "expected_layer"),
    [
        ("_runtime.pagination", False, "from .._generated.models import Employee", 1),
        ("_runtime", True, "from .. import errors", 2),
        ("_generated.api.employees", True, "from ...._client import PexipEngage", 2),
        ("_generated.types", False, "from .. import PexipEngage", 2),
        ("_runtime.coerce", False, "from .unset import Unset", 0),
        ("_client", False, "from ._generated.api import Resources", 1),
        ("_senders._body", False, "from ..errors import ResponseTooLargeError", 2),
    ],
)
def test_the_import_reader_resolves_relative_imports(
    module: str, is_package: bool, source: str, expected_layer: int
) -> None:
    # The checker above is only as good as this resolution: a violation must be seen as one.
    (imported,) = package_imports(module, source, is_package)
    assert layer(imported) == expected_layer


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ..errors import ResponseTooLargeError", "errors"),
        ("from .._request import RequestPipeline", "_request"),
        ("from . import BodyTooLarge", "_senders"),
        ("from ._gate import Gate", "_senders._gate"),
    ],
)
def test_the_import_reader_sees_what_a_sender_imports(source: str, expected: str) -> None:
    assert package_imports("_senders._httpx_sender", source, False) == [expected]


@pytest.mark.parametrize(
    ("source", "public"),
    [
        ("from .. import ErrorCode", True),
        ("from .._error_codes import ErrorCode", False),
        ("from ._spec import x", True),
    ],
)
def test_the_import_reader_tells_public_from_private_for_testing(source: str, public: bool) -> None:
    (imported,) = package_imports("testing._fake", source, False)
    assert (not top(imported).startswith("_")) is public


def test_provisioning_imports_only_the_public_package_and_is_not_imported_with_it() -> None:
    # Provisioning is a feature built on the client as its users see it, in a room of its own: a
    # private module of the client may change under it without notice, and users who do not
    # provision do not load it.
    found = [
        f"{path} imports {imported}"
        for path, module, imported in every_import()
        if top(module) == "provisioning" and top(imported).startswith("_") and top(imported) != "provisioning"
    ]
    assert found == []
    script = "import sys, pexip_engage_client\nassert 'pexip_engage_client.provisioning' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", script], check=True)


def test_an_absolute_self_import_is_reported() -> None:
    assert package_imports("_runtime", "import pexip_engage_client.errors", True) == ["<absolute>"]
    assert package_imports("errors", "from pexip_engage_client import models", False) == ["<absolute>"]


def test_all_lists_exactly_the_public_names_of_the_package() -> None:
    # In a fresh interpreter: other tests import submodules (`testing`), which become attributes.
    script = (
        "import json, pexip_engage_client as p\n"
        "print(json.dumps([sorted(n for n in dir(p) if not n.startswith('_')), sorted(p.__all__)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    public, exported = json.loads(done.stdout)
    assert public == exported


@pytest.mark.parametrize("module", ["errors", "webhooks", "testing", "provisioning"])
def test_every_name_in_a_public_modules_all_exists(module: str) -> None:
    imported = importlib.import_module(f"pexip_engage_client.{module}")
    assert [name for name in imported.__all__ if not hasattr(imported, name)] == []


def test_models_all_lists_every_generated_model_and_enum() -> None:
    from pexip_engage_client import models

    defined = {
        node.name
        for path in (PACKAGE / "_generated" / "models").glob("*.py")
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
    }
    assert set(models.__all__) == defined
    assert all(isinstance(getattr(models, name), type) for name in models.__all__)
    with pytest.raises(AttributeError, match="Appointmnt"):
        getattr(models, "Appointmnt")  # noqa: B009 - the misspelt name is the point


def test_importing_the_package_loads_no_model_until_used() -> None:
    script = (
        "import sys, pexip_engage_client\n"
        "loaded = [m for m in sys.modules if '._generated.models.' in m]\n"
        "assert not loaded, loaded\n"
        "pexip_engage_client.models.Appointment\n"
        "assert 'pexip_engage_client._generated.models.appointment' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_httpx_runs_when_a_client_is_created_not_when_the_package_is_imported() -> None:
    # httpx is most of the import time; its modules (httpx._client, ...) load with the first client.
    script = (
        "import sys\n"
        "from pexip_engage_client import PexipEngage\n"
        "assert 'httpx._client' not in sys.modules\n"
        "engage = PexipEngage('acme', token='t')\n"
        "assert 'httpx._client' in sys.modules\n"
        "import httpx\n"  # a program's own import gets httpx itself, complete
        "assert isinstance(engage._pipeline._timeout, httpx.Timeout)\n"
        "assert type(sys.modules['httpx']).__name__ == 'module'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_a_program_that_imported_httpx_first_keeps_its_module() -> None:
    script = (
        "import sys, httpx\n"
        "from pexip_engage_client._runtime.lazy_httpx import httpx as used\n"
        "assert used is httpx and sys.modules['httpx'] is httpx\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_every_generated_file_starts_with_the_do_not_edit_header() -> None:
    files = sorted((PACKAGE / "_generated").rglob("*.py"))
    assert files
    without = [str(p.relative_to(ROOT)) for p in files if p.read_text(encoding="utf-8").split("\n", 1)[0] != HEADER]
    assert without == []


def test_a_copy_under_another_name_works_without_the_original(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE, tmp_path / "vendored_engage", ignore=shutil.ignore_patterns("__pycache__"))
    script = """
import asyncio, sys
from vendored_engage import PexipEngage, models
from vendored_engage.testing import FakePexipEngage

async def main():
    fake = FakePexipEngage()
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        appointment = await engage.appointments.accept_appointment(appointment_id)
        async for _ in engage.employees.get_employees(limit=2):
            pass
    assert isinstance(appointment, models.Appointment), appointment
    assert appointment.status == models.AppointmentStatus.ACCEPTED

asyncio.run(main())
leaked = sorted(name for name in sys.modules if name.startswith("pexip_engage_client"))
assert not leaked, leaked
"""
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path)


def test_the_webhook_receiver_is_a_room_of_its_own() -> None:
    # webhooks/ sits on the generated models, the runtime and the client's public pieces; nothing
    # else in the package reaches into it (the package's `webhooks` attribute loads it on first use).
    allowed = ("webhooks", "_generated", "_runtime", "_decode", "errors", "_client")
    found = [
        f"{path} imports {imported}"
        for path, module, imported in every_import()
        if top(module) == "webhooks" and top(imported) not in allowed
    ]
    found += [
        f"{path} imports {imported}"
        for path, module, imported in every_import()
        if top(module) != "webhooks" and module and top(imported) == "webhooks"
    ]
    assert found == []


def test_redis_loads_only_for_a_redis_store() -> None:
    script = (
        "import sys\n"
        "from pexip_engage_client.webhooks import WebhookReceiver\n"
        "WebhookReceiver('memory://', secret='s')\n"
        "WebhookReceiver('sqlite:///unused.db', secret='s')\n"
        "assert 'redis' not in sys.modules, 'redis loaded'\n"
        "assert 'sqlite3' in sys.modules\n"
        "WebhookReceiver('redis://127.0.0.1:1/0', secret='s')\n"
        "assert 'redis' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_a_redis_store_without_the_extra_says_how_to_get_it() -> None:
    script = (
        "import sys\n"
        "sys.modules['redis'] = None\n"
        "from pexip_engage_client.webhooks import WebhookReceiver\n"
        "try:\n"
        "    WebhookReceiver('redis://127.0.0.1:1/0', secret='s')\n"
        "except ImportError as error:\n"
        "    assert 'pexip-engage-client[redis]' in str(error), error\n"
        "else:\n"
        "    raise AssertionError('no ImportError')\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
