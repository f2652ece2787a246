"""The wheel a team installs or vendors: licence, metadata, typing marker, and no development pins.

Built once per session with hatchling, the build backend pyproject.toml names (no network: the
backend is in the development venv).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from email.message import Message
from email.parser import Parser

import pytest

from ..support.spec import ROOT

# Builds the wheel and reads it with other programs (tests/support/spawn_guard.py).
pytestmark = pytest.mark.end_to_end


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    pytest.importorskip("build", reason="`make package` tools are in the dev group only")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("*.whl")
    return zipfile.ZipFile(path)


@pytest.fixture(scope="module")
def metadata(wheel: zipfile.ZipFile) -> Message:
    (name,) = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
    return Parser().parsestr(wheel.read(name).decode())


@pytest.mark.slow
def test_the_wheel_is_mit_licensed_and_carries_the_licence(wheel: zipfile.ZipFile, metadata: Message) -> None:
    assert metadata["License-Expression"] == "MIT"
    assert "License :: OSI Approved :: MIT License" in metadata.get_all("Classifier", [])
    (licence,) = [name for name in wheel.namelist() if name.endswith("licenses/LICENSE")]
    text = wheel.read(licence).decode()
    assert text.startswith("MIT License")
    assert "The pexip-engage-client authors" in text
    assert text == (ROOT / "LICENSE").read_text()


def test_claimed_pythons_are_the_ones_make_test_runs(metadata: Message) -> None:
    """Every `Programming Language :: Python :: 3.X` classifier is tested by `.ci/run`, and back.

    `make test` runs the suite in .venv (the oldest supported Python, which requires-python names),
    `make test-matrix` in one venv per version of the Makefile's OTHER_PYTHONS.
    """
    claimed = {
        classifier.rsplit(" ", 1)[-1]
        for classifier in metadata.get_all("Classifier", [])
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", classifier)
    }
    makefile = (ROOT / "Makefile").read_text()
    other = re.search(r"^OTHER_PYTHONS \?= (.+)$", makefile, re.MULTILINE)
    assert other is not None
    assert metadata["Requires-Python"] == ">=3.11"
    assert claimed == {"3.11", *other.group(1).split()}


def test_extras_are_for_users_and_development_pins_are_not_published(metadata: Message) -> None:
    extras = set(metadata.get_all("Provides-Extra", []))
    assert "testing" in extras
    assert "fast" not in extras  # the aiohttp sender was removed (issue 68)
    assert not extras & {"dev", "bench", "test", "generate"}
    requirements = metadata.get_all("Requires-Dist", [])
    runtime = sorted(re.split(r"[<>=!; \[]", requirement)[0] for requirement in requirements if ";" not in requirement)
    assert runtime == ["attrs", "h11", "httpx2", "msgspec"]  # httpx only through the `httpx` extra
    # No exact pins for users: a library that pins forces its versions on every application.
    assert not [requirement for requirement in requirements if "==" in requirement.split(";")[0]]


def test_the_wheel_ships_the_typing_marker_and_the_whole_package(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "pexip_engage_client/py.typed" in names
    assert "pexip_engage_client/_generated/api/__init__.py" in names
    shipped = {name for name in names if name.startswith("pexip_engage_client/") and name.endswith(".py")}
    on_disk = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "pexip_engage_client").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert shipped == on_disk
    assert not [name for name in names if name.startswith(("tests/", "bench/", "scripts/"))]


def test_the_readme_is_the_long_description(metadata: Message) -> None:
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert str(metadata.get_payload()).strip() == (ROOT / "README.md").read_text().strip()
