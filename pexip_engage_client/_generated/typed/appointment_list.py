# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""The typed form of `appointment_list` (see `__init__.py`)."""

from collections.abc import Callable
from typing import Any

import msgspec

from ..models.answer import Answer
from ..models.appointment import Appointment
from ..models.appointment_list import AppointmentList
from ..models.appointment_participant import AppointmentParticipant
from ..models.geolocation import Geolocation
from ..models.location import Location
from ..models.location_translations import LocationTranslations
from ..models.meta import Meta
from ..models.participant_reference import ParticipantReference
from ..models.reference import Reference
from ..models.translated_value import TranslatedValue
from ..models.translation import Translation
from . import UNSET, new, parse_datetime
from .appointment import AppointmentWire
from .meta import MetaWire


class AppointmentListWire(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, gc=False, rename={"data": "data", "meta": "meta"}
):
    """The typed form of `AppointmentList`."""

    data: list[AppointmentWire]
    meta: MetaWire


_decode: Callable[[bytes], Any] = msgspec.json.Decoder(AppointmentListWire).decode
MODEL = AppointmentList
WIRE = AppointmentListWire


def parse(content: bytes, decode: Callable[[bytes], Any] = _decode) -> AppointmentList:
    s = decode(content)
    v1 = new(AppointmentList)
    v2: list[Any] = []
    for v3 in s.data:
        v4 = new(Appointment)
        v4.id = v3.id
        v5 = v3.subject
        v6 = new(Reference)
        v6.id = v5.id
        v6.additional_properties = {}
        v4.subject = v6
        v7 = v3.office
        v8 = new(Reference)
        v8.id = v7.id
        v8.additional_properties = {}
        v4.office = v8
        v9: list[Any] = []
        for v10 in v3.appointment_participants:
            v11 = new(AppointmentParticipant)
            v11.role = v10.role
            v12 = v10.participant
            v13 = new(ParticipantReference)
            v13.id = v12.id
            v13.additional_properties = {}
            v11.participant = v13
            v11.type_ = v10.type_
            v11.video_url = v10.video_url
            v11.video_test_url = v10.video_test_url
            v11.additional_properties = {}
            v9.append(v11)
        v4.appointment_participants = v9
        v14: list[Any] = []
        for v15 in v3.answers:
            v16 = new(Answer)
            v16.id = v15.id
            v17 = v15.form
            v18 = new(Reference)
            v18.id = v17.id
            v18.additional_properties = {}
            v16.form = v18
            v19 = v15.question
            v20 = new(Reference)
            v20.id = v19.id
            v20.additional_properties = {}
            v16.question = v20
            v16.answer_type = v15.answer_type
            v16.created_at = parse_datetime(v15.created_at)
            v16.updated_at = parse_datetime(v15.updated_at)
            v16.value = v15.value
            v21 = v15.selected_answer_options
            if v21 is not None and v21 is not UNSET:
                v22: list[Any] = []
                for v23 in v21:
                    v24 = new(Reference)
                    v24.id = v23.id
                    v24.additional_properties = {}
                    v22.append(v24)
                v21 = v22
            v16.selected_answer_options = v21
            v25 = v15.files
            if v25 is not None and v25 is not UNSET:
                v26: list[Any] = []
                for v27 in v25:
                    v28 = new(Reference)
                    v28.id = v27.id
                    v28.additional_properties = {}
                    v26.append(v28)
                v25 = v26
            v16.files = v25
            v16.additional_properties = {}
            v14.append(v16)
        v4.answers = v14
        v4.meeting_type = v3.meeting_type
        v4.status = v3.status
        v4.hybrid = v3.hybrid
        v4.trailing_buffer_time = v3.trailing_buffer_time
        v4.created_at = parse_datetime(v3.created_at)
        v4.created_by_type = v3.created_by_type
        v4.created_from = v3.created_from
        v4.updated_at = parse_datetime(v3.updated_at)
        v4.updated_by_type = v3.updated_by_type
        v4.updated_from = v3.updated_from
        v4.external_id = v3.external_id
        v29 = v3.start
        if v29 is not None and v29 is not UNSET:
            v29 = parse_datetime(v29)
        v4.start = v29
        v30 = v3.end
        if v30 is not None and v30 is not UNSET:
            v30 = parse_datetime(v30)
        v4.end = v30
        v31 = v3.callback_request
        if v31 is not None and v31 is not UNSET:
            v32 = new(Reference)
            v32.id = v31.id
            v32.additional_properties = {}
            v31 = v32
        v4.callback_request = v31
        v33 = v3.listing
        if v33 is not None and v33 is not UNSET:
            v34 = new(Reference)
            v34.id = v33.id
            v34.additional_properties = {}
            v33 = v34
        v4.listing = v33
        v35 = v3.lead_segment
        if v35 is not None and v35 is not UNSET:
            v36 = new(Reference)
            v36.id = v35.id
            v36.additional_properties = {}
            v35 = v36
        v4.lead_segment = v35
        v37 = v3.meeting_room
        if v37 is not None and v37 is not UNSET:
            v38 = new(Reference)
            v38.id = v37.id
            v38.additional_properties = {}
            v37 = v38
        v4.meeting_room = v37
        v4.internal_notes = v3.internal_notes
        v4.message_for_customer = v3.message_for_customer
        v39 = v3.created_by
        if v39 is not None and v39 is not UNSET:
            v40 = new(Reference)
            v40.id = v39.id
            v40.additional_properties = {}
            v39 = v40
        v4.created_by = v39
        v41 = v3.updated_by
        if v41 is not None and v41 is not UNSET:
            v42 = new(Reference)
            v42.id = v41.id
            v42.additional_properties = {}
            v41 = v42
        v4.updated_by = v41
        v43 = v3.location
        if v43 is not None and v43 is not UNSET:
            v44 = new(Location)
            v45 = v43.city
            if v45 is not None:
                v46 = new(TranslatedValue)
                v46.language = v45.language
                v46.value = v45.value
                v46.additional_properties = {}
                v45 = v46
            v44.city = v45
            v47 = v43.state
            if v47 is not None:
                v48 = new(TranslatedValue)
                v48.language = v47.language
                v48.value = v47.value
                v48.additional_properties = {}
                v47 = v48
            v44.state = v47
            v49 = v43.street1
            if v49 is not None:
                v50 = new(TranslatedValue)
                v50.language = v49.language
                v50.value = v49.value
                v50.additional_properties = {}
                v49 = v50
            v44.street1 = v49
            v51 = v43.street2
            if v51 is not None:
                v52 = new(TranslatedValue)
                v52.language = v51.language
                v52.value = v51.value
                v52.additional_properties = {}
                v51 = v52
            v44.street2 = v51
            v44.country_code = v43.country_code
            v44.formatted_address = v43.formatted_address
            v53 = v43.geolocation
            v54 = new(Geolocation)
            v54.latitude = v53.latitude
            v54.longitude = v53.longitude
            v54.additional_properties = {}
            v44.geolocation = v54
            v55 = v43.translations
            v56 = new(LocationTranslations)
            v57: list[Any] = []
            for v58 in v55.city:
                v59 = new(Translation)
                v59.language = v58.language
                v59.value = v58.value
                v59.additional_properties = {}
                v57.append(v59)
            v56.city = v57
            v60: list[Any] = []
            for v61 in v55.street1:
                v62 = new(Translation)
                v62.language = v61.language
                v62.value = v61.value
                v62.additional_properties = {}
                v60.append(v62)
            v56.street1 = v60
            v63 = v55.state
            if v63 is not UNSET:
                v64: list[Any] = []
                for v65 in v63:
                    v66 = new(Translation)
                    v66.language = v65.language
                    v66.value = v65.value
                    v66.additional_properties = {}
                    v64.append(v66)
                v63 = v64
            v56.state = v63
            v67 = v55.street2
            if v67 is not UNSET:
                v68: list[Any] = []
                for v69 in v67:
                    v70 = new(Translation)
                    v70.language = v69.language
                    v70.value = v69.value
                    v70.additional_properties = {}
                    v68.append(v70)
                v67 = v68
            v56.street2 = v67
            v56.additional_properties = {}
            v44.translations = v56
            v44.postal_code = v43.postal_code
            v44.additional_properties = {}
            v43 = v44
        v4.location = v43
        v4.additional_properties = {}
        v2.append(v4)
    v1.data = v2
    v71 = s.meta
    v72 = new(Meta)
    v72.total_count = v71.total_count
    v72.offset = v71.offset
    v72.limit = v71.limit
    v72.additional_properties = {}
    v1.meta = v72
    v1.additional_properties = {}
    return v1
