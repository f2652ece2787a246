# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `appointment_response` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.answer import Answer
from ..models.appointment import Appointment
from ..models.appointment_participant import AppointmentParticipant
from ..models.appointment_response import AppointmentResponse
from ..models.geolocation import Geolocation
from ..models.location import Location
from ..models.location_translations import LocationTranslations
from ..models.participant_reference import ParticipantReference
from ..models.reference import Reference
from ..models.translated_value import TranslatedValue
from ..models.translation import Translation
from . import UNSET, new, parse_datetime
from .appointment import AppointmentWire


class AppointmentResponseWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data"}
):
    """The typed form of `AppointmentResponse`."""

    data: AppointmentWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(AppointmentResponseWire).decode
MODEL = AppointmentResponse
WIRE = AppointmentResponseWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> AppointmentResponse:
    s = decode(content)
    v1 = new(AppointmentResponse)
    v2 = s.data
    v3 = new(Appointment)
    v3.id = v2.id
    v4 = v2.subject
    v5 = new(Reference)
    v5.id = v4.id
    v5.additional_properties = {}
    v3.subject = v5
    v6 = v2.office
    v7 = new(Reference)
    v7.id = v6.id
    v7.additional_properties = {}
    v3.office = v7
    v8: list[Any] = []
    for v9 in v2.appointment_participants:
        v10 = new(AppointmentParticipant)
        v10.role = v9.role
        v11 = v9.participant
        v12 = new(ParticipantReference)
        v12.id = v11.id
        v12.additional_properties = {}
        v10.participant = v12
        v10.type_ = v9.type_
        v10.video_url = v9.video_url
        v10.video_test_url = v9.video_test_url
        v10.additional_properties = {}
        v8.append(v10)
    v3.appointment_participants = v8
    v13: list[Any] = []
    for v14 in v2.answers:
        v15 = new(Answer)
        v15.id = v14.id
        v16 = v14.form
        v17 = new(Reference)
        v17.id = v16.id
        v17.additional_properties = {}
        v15.form = v17
        v18 = v14.question
        v19 = new(Reference)
        v19.id = v18.id
        v19.additional_properties = {}
        v15.question = v19
        v15.answer_type = v14.answer_type
        v15.created_at = parse_datetime(v14.created_at)
        v15.updated_at = parse_datetime(v14.updated_at)
        v15.value = v14.value
        v20 = v14.selected_answer_options
        if v20 is not None and v20 is not UNSET:
            v21: list[Any] = []
            for v22 in v20:
                v23 = new(Reference)
                v23.id = v22.id
                v23.additional_properties = {}
                v21.append(v23)
            v20 = v21
        v15.selected_answer_options = v20
        v24 = v14.files
        if v24 is not None and v24 is not UNSET:
            v25: list[Any] = []
            for v26 in v24:
                v27 = new(Reference)
                v27.id = v26.id
                v27.additional_properties = {}
                v25.append(v27)
            v24 = v25
        v15.files = v24
        v15.additional_properties = {}
        v13.append(v15)
    v3.answers = v13
    v3.meeting_type = v2.meeting_type
    v3.status = v2.status
    v3.hybrid = v2.hybrid
    v3.trailing_buffer_time = v2.trailing_buffer_time
    v3.created_at = parse_datetime(v2.created_at)
    v3.created_by_type = v2.created_by_type
    v3.created_from = v2.created_from
    v3.updated_at = parse_datetime(v2.updated_at)
    v3.updated_by_type = v2.updated_by_type
    v3.updated_from = v2.updated_from
    v3.external_id = v2.external_id
    v28 = v2.start
    if v28 is not None and v28 is not UNSET:
        v28 = parse_datetime(v28)
    v3.start = v28
    v29 = v2.end
    if v29 is not None and v29 is not UNSET:
        v29 = parse_datetime(v29)
    v3.end = v29
    v30 = v2.callback_request
    if v30 is not None and v30 is not UNSET:
        v31 = new(Reference)
        v31.id = v30.id
        v31.additional_properties = {}
        v30 = v31
    v3.callback_request = v30
    v32 = v2.listing
    if v32 is not None and v32 is not UNSET:
        v33 = new(Reference)
        v33.id = v32.id
        v33.additional_properties = {}
        v32 = v33
    v3.listing = v32
    v34 = v2.lead_segment
    if v34 is not None and v34 is not UNSET:
        v35 = new(Reference)
        v35.id = v34.id
        v35.additional_properties = {}
        v34 = v35
    v3.lead_segment = v34
    v36 = v2.meeting_room
    if v36 is not None and v36 is not UNSET:
        v37 = new(Reference)
        v37.id = v36.id
        v37.additional_properties = {}
        v36 = v37
    v3.meeting_room = v36
    v3.internal_notes = v2.internal_notes
    v3.message_for_customer = v2.message_for_customer
    v38 = v2.created_by
    if v38 is not None and v38 is not UNSET:
        v39 = new(Reference)
        v39.id = v38.id
        v39.additional_properties = {}
        v38 = v39
    v3.created_by = v38
    v40 = v2.updated_by
    if v40 is not None and v40 is not UNSET:
        v41 = new(Reference)
        v41.id = v40.id
        v41.additional_properties = {}
        v40 = v41
    v3.updated_by = v40
    v42 = v2.location
    if v42 is not None and v42 is not UNSET:
        v43 = new(Location)
        v44 = v42.city
        if v44 is not None:
            v45 = new(TranslatedValue)
            v45.language = v44.language
            v45.value = v44.value
            v45.additional_properties = {}
            v44 = v45
        v43.city = v44
        v46 = v42.state
        if v46 is not None:
            v47 = new(TranslatedValue)
            v47.language = v46.language
            v47.value = v46.value
            v47.additional_properties = {}
            v46 = v47
        v43.state = v46
        v48 = v42.street1
        if v48 is not None:
            v49 = new(TranslatedValue)
            v49.language = v48.language
            v49.value = v48.value
            v49.additional_properties = {}
            v48 = v49
        v43.street1 = v48
        v50 = v42.street2
        if v50 is not None:
            v51 = new(TranslatedValue)
            v51.language = v50.language
            v51.value = v50.value
            v51.additional_properties = {}
            v50 = v51
        v43.street2 = v50
        v43.country_code = v42.country_code
        v43.formatted_address = v42.formatted_address
        v52 = v42.geolocation
        v53 = new(Geolocation)
        v53.latitude = v52.latitude
        v53.longitude = v52.longitude
        v53.additional_properties = {}
        v43.geolocation = v53
        v54 = v42.translations
        v55 = new(LocationTranslations)
        v56: list[Any] = []
        for v57 in v54.city:
            v58 = new(Translation)
            v58.language = v57.language
            v58.value = v57.value
            v58.additional_properties = {}
            v56.append(v58)
        v55.city = v56
        v59: list[Any] = []
        for v60 in v54.street1:
            v61 = new(Translation)
            v61.language = v60.language
            v61.value = v60.value
            v61.additional_properties = {}
            v59.append(v61)
        v55.street1 = v59
        v62 = v54.state
        if v62 is not UNSET:
            v63: list[Any] = []
            for v64 in v62:
                v65 = new(Translation)
                v65.language = v64.language
                v65.value = v64.value
                v65.additional_properties = {}
                v63.append(v65)
            v62 = v63
        v55.state = v62
        v66 = v54.street2
        if v66 is not UNSET:
            v67: list[Any] = []
            for v68 in v66:
                v69 = new(Translation)
                v69.language = v68.language
                v69.value = v68.value
                v69.additional_properties = {}
                v67.append(v69)
            v66 = v67
        v55.street2 = v66
        v55.additional_properties = {}
        v43.translations = v55
        v43.postal_code = v42.postal_code
        v43.additional_properties = {}
        v42 = v43
    v3.location = v42
    v3.additional_properties = {}
    v1.data = v3
    v1.additional_properties = {}
    return v1
