# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `listing_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.listing import Listing
from ..models.listing_response import ListingResponse
from . import new
from .listing import ListingWire


class ListingResponseWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}):
    """The typed form of `ListingResponse`."""

    data: ListingWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(ListingResponseWire).decode
MODEL = ListingResponse
WIRE = ListingResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> ListingResponse:
    decode(content)
    v1 = new(ListingResponse)
    v2 = new(Listing)
    v2.additional_properties = {}
    v1.data = v2
    v1.additional_properties = {}
    return v1
