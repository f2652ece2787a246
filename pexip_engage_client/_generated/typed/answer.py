# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `answer` (see `__init__.py`)."""

import msgspec

from ..models.answer_type import AnswerType
from . import ABSENT
from .reference import ReferenceWire


class AnswerWire(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    gc=False,
    rename={
        "id": "id",
        "form": "form",
        "question": "question",
        "answer_type": "answerType",
        "created_at": "createdAt",
        "updated_at": "updatedAt",
        "value": "value",
        "selected_answer_options": "selectedAnswerOptions",
        "files": "files",
    },
):
    """The typed form of `Answer`."""

    id: str
    form: ReferenceWire
    question: ReferenceWire
    answer_type: AnswerType
    created_at: str
    updated_at: str
    value: str | None = ABSENT
    selected_answer_options: list[ReferenceWire] | None = ABSENT
    files: list[ReferenceWire] | None = ABSENT
