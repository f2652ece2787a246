"""A field of a generated model that a feature relies on: its value, or why it could not be read.

The model form of `_base.answer_fields.json_field` (read that module's docstring first): a field
left unread by the lenient reader (`UnreadableFieldError` when read), or not given (`UNSET`, for a
field the spec calls optional), comes back as an `Unread` with the field's JSON Pointer, so the
feature decides; `None` is returned as it is, since a nullable field's null is a value. The one
implementation is in the runtime room (`_runtime.lenient.model_field`), where the walks read a
page's `meta` with it; the facade's features import it from here.
"""

from __future__ import annotations

from ._base.answer_fields import Unread
from ._runtime.lenient import model_field

__all__ = ["Unread", "model_field"]
