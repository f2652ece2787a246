"""The package version, written here only: pyproject.toml reads it, the User-Agent and `--version` show it.

Read with `os` only (no `importlib.metadata`, no `pathlib`): `pexip-engage --version` runs this file
on its own, and those two imports alone cost twice an interpreter's start-up.
"""

import os  # and nothing else: not even `__future__`, a module of its own

VERSION = "0.1.0"
DISTRIBUTION = "pexip-engage-client"


def installed_version() -> str:
    """The version of the installed distribution that holds this very package, else `VERSION`.

    A project that vendors the package (under another name, or beside an unrelated install of the
    distribution) must not report the version some other copy was installed with: the metadata
    counts only when its distribution's files are these files. An installer writes a distribution's
    `.dist-info` beside the packages it installs, and its RECORD names their files relative to that
    folder: so the metadata that counts sits beside this package and lists this file. An editable
    install's metadata sits elsewhere, and its version is `VERSION` anyway.
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
