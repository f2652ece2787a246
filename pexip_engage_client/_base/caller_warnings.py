"""A warning shown at the user's line, however many of the client's own frames stand between.

A fixed `stacklevel` breaks with one more layer inside the client."""

from __future__ import annotations

import os
import sys
import warnings

# The package's folder (the parent of _base/): frames whose file lies under it are the client's own.
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def warn_at_caller(message: str, category: type[Warning]) -> None:
    """`warnings.warn(message, category)` at the first frame outside this package."""
    level = 2  # the caller of this function
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)
