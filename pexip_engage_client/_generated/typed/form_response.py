# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `form_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.form import Form
from ..models.form_response import FormResponse
from . import UNSET, new, parse_datetime
from .form import FormWire


class FormResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `FormResponse`."""

    data: FormWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(FormResponseWire).decode
MODEL = FormResponse
WIRE = FormResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> FormResponse:
    s = decode(content)
    v1 = new(FormResponse)
    v2 = s.data
    v3 = new(Form)
    v3.id = v2.id
    v3.name = v2.name
    v3.type_ = v2.type_
    v4 = v2.created_at
    if v4 is not UNSET:
        v4 = parse_datetime(v4)
    v3.created_at = v4
    v5 = v2.updated_at
    if v5 is not UNSET:
        v5 = parse_datetime(v5)
    v3.updated_at = v5
    v6 = v2.deleted_at
    if v6 is not None and v6 is not UNSET:
        v6 = parse_datetime(v6)
    v3.deleted_at = v6
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
