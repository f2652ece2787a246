"""The package version, written here only: pyproject.toml reads it, the User-Agent and `--version` show it."""

from __future__ import annotations

from pathlib import Path

VERSION = "0.1.0"
DISTRIBUTION = "pexip-engage-client"


def installed_version() -> str:
    """The version of the installed distribution that holds this very package, else `VERSION`.

    A project that vendors the package (under another name, or beside an unrelated install of the
    distribution) must not report the version some other copy was installed with: the metadata
    counts only when its distribution's files are these files. An editable install's metadata
    points elsewhere, and its version is `VERSION` anyway.
    """
    from importlib import metadata  # noqa: PLC0415 - costs a few milliseconds that imports need not pay

    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return VERSION
    here = Path(__file__).resolve()
    ours = (here.parent.name, here.name)
    for file in distribution.files or ():
        if (file.parent.name, file.name) == ours and Path(str(distribution.locate_file(file))).resolve() == here:
            return distribution.version
    return VERSION
