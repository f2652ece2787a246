"""`pexip-engage --version` and `pexip_engage_client.__version__`: the installed distribution's version."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

import pexip_engage_client
from pexip_engage_client import _version

from ..support.cli import Cli


def test_version_prints_the_installed_version_and_exits_0(cli: Cli) -> None:
    run = cli("--version")
    assert (run.code, run.err) == (0, "")
    assert run.out == f"pexip-engage {pexip_engage_client.__version__}\n"


def test_version_goes_with_connection_options_and_help_lists_it(cli: Cli) -> None:
    assert cli("--enterprise", "acme", "--version").code == 0
    assert "--version" in cli("--help").out


def test_no_command_is_still_a_usage_error(cli: Cli) -> None:
    run = cli()
    assert run.code == 2
    assert "a command is required" in run.err


def test_the_package_version_is_listed_by_dir_and_is_a_version_string() -> None:
    assert "__version__" in dir(pexip_engage_client)
    assert pexip_engage_client.__version__ == _version.VERSION  # the dev install's metadata says the same


def _copy_of_version_module(folder: Path) -> ModuleType:
    """`_version.py` copied into `folder/pexip_engage_client/`, loaded from there."""
    package = folder / "pexip_engage_client"
    package.mkdir(parents=True)
    shutil.copy(Path(_version.__file__), package / "_version.py")
    spec = importlib.util.spec_from_file_location("copied_version", package / "_version.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _install_metadata(site: Path, version: str, record: str) -> None:
    info = site / f"pexip_engage_client-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: pexip-engage-client\nVersion: {version}\n")
    (info / "RECORD").write_text(record)


def test_the_metadata_counts_when_its_files_are_these_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = _copy_of_version_module(tmp_path)
    _install_metadata(tmp_path, "9.8.7", "pexip_engage_client/_version.py,,\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert module.installed_version() == "9.8.7"


def test_a_vendored_copy_reports_its_own_version_not_another_installs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = _copy_of_version_module(tmp_path / "vendor")
    _install_metadata(tmp_path / "site", "9.8.7", "pexip_engage_client/_version.py,,\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site"), *sys.path])
    assert module.installed_version() == _version.VERSION


def test_metadata_beside_the_package_counts_only_when_its_record_lists_this_file(tmp_path: Path) -> None:
    # Read with os alone now: the RECORD decides, not the folder's name.
    module = _copy_of_version_module(tmp_path)
    _install_metadata(tmp_path, "9.8.7", "other_package/_version.py,,\n")
    assert module.installed_version() == _version.VERSION
