"""What the generated models, pages and lists call but the runtime may not import (architecture.toml): the display
helpers (`_views/`) and local times (`_local_times/`), each set here by the package root, loaded on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .parts import LocalTimes, Views

views: Views  # how a model, a page and a list show themselves
local_times: LocalTimes  # a model's start or end in its time zone
