"""The package version, written here only: pyproject.toml reads it, the User-Agent and `--version` show it.

Read with `os` only (no `importlib.metadata`, no `pathlib`): `pexip-engage --version` runs this file
on its own, and those two imports alone cost twice an interpreter's start-up.
"""

import os  # and nothing else: not even `__future__`, a module of its own

VERSION = "0.1.0"
DISTRIBUTION = "pexip-engage-client"


def installed_version() -> str:
    """The version of the installed distribution that holds this very package, else `VERSION`.

    A vendored copy must not report the version another copy was installed with: only a `.dist-info`
    beside this package whose RECORD lists this file counts (an editable install's version is `VERSION`).
    """
    here = os.path.realpath(__file__)
    package = os.path.dirname(here)
    site = os.path.dirname(package)
    ours = f"{os.path.basename(package)}/{os.path.basename(here)}"
    prefix = DISTRIBUTION.replace("-", "_").lower() + "-"
    try:
        names = sorted(os.listdir(site))
    except OSError:
        return VERSION
    for name in names:
        if name.lower().startswith(prefix) and name.endswith(".dist-info"):
            version = _version_listing(os.path.join(site, name), ours)
            if version is not None:
                return version
    return VERSION


def _version_listing(info: str, file: str) -> str | None:
    """The `Version:` of the distribution described in `info` if its RECORD lists `file`, else None."""
    try:
        with open(os.path.join(info, "RECORD"), encoding="utf-8") as record:
            if not any(line.split(",", 1)[0].strip('"') == file for line in record):
                return None
        with open(os.path.join(info, "METADATA"), encoding="utf-8") as metadata:
            for line in metadata:
                if line.startswith("Version:"):
                    return line.removeprefix("Version:").strip()
                if not line.strip():
                    break  # the headers end at the first blank line; the description follows
    except OSError:
        return None
    return None
