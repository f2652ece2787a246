# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `form_question_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.form_question import FormQuestion
from ..models.form_question_response import FormQuestionResponse
from . import new
from .form_question import FormQuestionWire


class FormQuestionResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `FormQuestionResponse`."""

    data: FormQuestionWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(FormQuestionResponseWire).decode
MODEL = FormQuestionResponse
WIRE = FormQuestionResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> FormQuestionResponse:
    decode(content)
    v1 = new(FormQuestionResponse)
    v2 = new(FormQuestion)
    v2.additional_properties = {}
    v1.data = v2
    v1.additional_properties = {}
    return v1
