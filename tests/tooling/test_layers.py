"""The package's behaviour as a whole: the seam the generated layer calls, what loads when, the public names.

The direction of every import is stated in architecture.toml and checked by test_architecture.py;
the tests here check what a table of imports cannot: that the generated methods hand the runtime a
type rather than a parser, what importing the package loads, and that `__all__` is the public surface.
"""

from __future__ import annotations

import ast
import importlib
import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..support.code import SHARES_SYNTAX_TREES, parsed, walked
from ..support.spec import ROOT

pytestmark = SHARES_SYNTAX_TREES

PACKAGE = ROOT / "pexip_engage_client"
HEADER = "# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/)."


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
    # The seam: the generated layer names the model a body is read as (a `Returns` constant of the
    # operation's own module, or None for no content) and the facade picks the decoder; a callable
    # would re-enter the facade.
    modules = sorted((PACKAGE / "_generated" / "api").glob("*/__init__.py"))
    assert modules
    wrong, calls = [], 0
    for path in modules:
        nodes = walked(parsed(path.read_text(encoding="utf-8")))
        wrong += [f"{path.relative_to(ROOT)}:{node.lineno} lambda" for node in nodes if isinstance(node, ast.Lambda)]
        for node in nodes:
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "_invoke":
                calls += 1
                if not _names_a_returns_constant(path.parent, node.args[1]):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} passes {ast.unparse(node.args[1])}")
    assert calls > 50
    assert wrong == []


def _names_a_returns_constant(tag: Path, returns: ast.expr) -> bool:
    """None, or `_operation.RETURNS` where the operation's module binds RETURNS to `Returns.model_of/data_of`."""
    if isinstance(returns, ast.Constant):
        return returns.value is None
    if not (isinstance(returns, ast.Attribute) and isinstance(returns.value, ast.Name) and returns.attr == "RETURNS"):
        return False
    operation = tag / f"{returns.value.id.removeprefix('_')}.py"
    return operation.is_file() and "RETURNS" in returns_constants(parsed(operation.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_no_code_is_compiled_at_run_time() -> None:
    # Typed decoding is generated code on disk: tracebacks and coverage see it like any other.
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.func.id}()"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in walked(parsed(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"exec", "eval", "compile"}
    ]
    assert found == []


@pytest.mark.end_to_end
def test_the_package_works_without_msgspec() -> None:
    # A vendored copy may come without msgspec (a dependency of the package): it then decodes with
    # json and the models' from_dict.
    script = """
import asyncio, sys
sys.modules["msgspec"] = None  # an import of it raises ImportError
from pexip_engage_client import PexipEngage, models
from pexip_engage_client._pipeline._decode import fast_path
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


@pytest.mark.end_to_end
def test_provisioning_is_not_imported_with_the_package() -> None:
    # Users who do not provision do not load it (what it may import is in architecture.toml).
    script = "import sys, pexip_engage_client\nassert 'pexip_engage_client.provisioning' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", script], check=True)


@pytest.mark.end_to_end
def test_all_lists_exactly_the_public_names_of_the_package() -> None:
    # In a fresh interpreter: other tests import submodules (`testing`), which become attributes.
    script = (
        "import json, pexip_engage_client as p\n"
        "print(json.dumps([sorted(n for n in dir(p) if not n.startswith('_')), sorted(p.__all__)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    public, exported = json.loads(done.stdout)
    assert public == exported


@pytest.mark.parametrize("module", ["errors", "spec_drift", "webhooks", "testing", "provisioning", "mirror"])
def test_every_name_in_a_public_modules_all_exists(module: str) -> None:
    imported = importlib.import_module(f"pexip_engage_client.{module}")
    assert [name for name in imported.__all__ if not hasattr(imported, name)] == []


def test_every_error_is_named_as_the_errors_module_lists_it_and_pickles_as_itself() -> None:
    """Each error is named `pexip_engage_client.errors.X` (a traceback, a span's `error.type`, a pickle)."""
    from pexip_engage_client import errors

    assert {getattr(errors, name).__module__ for name in errors.__all__} == {errors.__name__}
    error = errors.NoSlotBookedError("nothing booked", external_id="CRM-1")
    assert type(pickle.loads(pickle.dumps(error))) is errors.NoSlotBookedError  # noqa: S301 - our own bytes
    missing = pickle.loads(pickle.dumps(errors.TablesMissingError("/nowhere/mirror.db", "mirror", "`mirror run`")))  # noqa: S301
    assert (type(missing), missing.path, str(missing)) == (
        errors.TablesMissingError,
        "/nowhere/mirror.db",
        "no SQLite database at /nowhere/mirror.db: nothing was made (`mirror run` makes them): is the path right?",
    )


def test_models_all_lists_every_generated_model_and_enum() -> None:
    from pexip_engage_client import models

    defined = {
        node.name
        for path in (PACKAGE / "_generated" / "models").glob("*.py")
        for node in parsed(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
    }
    assert set(models.__all__) == defined
    assert all(isinstance(getattr(models, name), type) for name in models.__all__)
    with pytest.raises(AttributeError, match="Appointmnt"):
        getattr(models, "Appointmnt")  # noqa: B009 - the misspelt name is the point


@pytest.mark.end_to_end
def test_importing_the_package_loads_no_model_until_used() -> None:
    script = (
        "import sys, pexip_engage_client\n"
        "loaded = [m for m in sys.modules if '._generated.models.' in m]\n"
        "assert not loaded, loaded\n"
        "pexip_engage_client.models.Appointment\n"
        "assert 'pexip_engage_client._generated.models.appointment' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


@pytest.mark.end_to_end
def test_httpx_runs_when_a_client_is_created_not_when_the_package_is_imported() -> None:
    # httpx2 is most of the import time; its modules (httpx2._client, ...) load with the first client.
    script = (
        "import sys\n"
        "from pexip_engage_client import PexipEngage\n"
        "assert 'httpx2._client' not in sys.modules\n"
        "engage = PexipEngage('acme', token='t')\n"
        "assert 'httpx2._client' in sys.modules\n"
        "import httpx2\n"  # a program's own import gets httpx2 itself, complete
        "assert engage.base_url == httpx2.URL('https://api.pexipengage.com/enterprises/acme/')\n"
        "assert type(sys.modules['httpx2']).__name__ == 'module'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


@pytest.mark.end_to_end
def test_a_program_that_imported_httpx_first_keeps_its_module() -> None:
    script = (
        "import sys, httpx2\n"
        "from pexip_engage_client._base.lazy_httpx import httpx2 as used\n"
        "assert used is httpx2 and sys.modules['httpx2'] is httpx2\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_every_generated_file_starts_with_the_do_not_edit_header() -> None:
    files = sorted((PACKAGE / "_generated").rglob("*.py"))
    assert files
    without = [str(p.relative_to(ROOT)) for p in files if p.read_text(encoding="utf-8").split("\n", 1)[0] != HEADER]
    assert without == []


@pytest.mark.slow
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


@pytest.mark.end_to_end
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


@pytest.mark.end_to_end
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
