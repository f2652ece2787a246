# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed decoding (msgspec, a dependency): response bytes straight into the models.

Written by scripts/generate/typed_parsers.py (see there why it looks as it does), one module per model with
a typed form: its Struct, and for a response model `MODEL` and `parse(content)`, which `_decode.py`
imports with the first response of that model. Imported only with msgspec installed.
"""

import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ..types import UNSET

_M = TypeVar("_M")

if TYPE_CHECKING:

    def new(cls: type[_M], /) -> _M: ...
else:
    new = object.__new__

# The default of an optional field, typed so that it may stand for any field's type.
ABSENT: Any = UNSET
parse_datetime = datetime.datetime.fromisoformat
parse_date = datetime.date.fromisoformat

__all__ = ["ABSENT", "UNSET", "new", "parse_date", "parse_datetime"]
