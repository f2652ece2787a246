"""Files written for people (plans, reports, audit logs): theirs alone, and never through a planted symbolic link.

A plan holds employees' names and e-mail addresses: it is created readable by its owner only (0600), whatever
the umask. A symbolic link at the path named is refused, not followed (O_NOFOLLOW): someone who can write to the
folder could otherwise point it at a file of the user's, which the write would overwrite, or at one the link's
owner reads. A whole file is written beside its path first, created anew (O_EXCL, `tempfile.mkstemp`), then
renamed over it: a reader never sees half of it, and an earlier file's wider mode is not kept.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # (Windows has no symbolic links a user plants in a shared folder)


def write_private(path: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    """Write `text` (UTF-8; or its parts, one after the other) as the whole file at `path`, mode 0600. `OSError` for
    a symbolic link at `path`."""
    refuse_link(path)
    folder, name = os.path.split(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=folder)  # O_EXCL, 0600
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.writelines([text] if isinstance(text, str) else text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def append_private(path: str | os.PathLike[str], text: str) -> None:
    """Add `text` (UTF-8) at the end of the file at `path`, created mode 0600. `OSError` for a symbolic link there."""
    refuse_link(path)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as file:
        file.write(text)


def refuse_link(path: str | os.PathLike[str]) -> None:
    """`OSError` (ELOOP) naming `path` when it is a symbolic link: said before anything is written."""
    if os.path.islink(path):
        raise OSError(
            errno.ELOOP, "it is a symbolic link: not written through it (name the file it points to)", os.fspath(path)
        )
