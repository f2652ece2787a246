# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `participant_reference` (see `__init__.py`)."""

import msgspec


class ParticipantReferenceWire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"id": "id"}):
    """The typed form of `ParticipantReference`."""

    id: str
