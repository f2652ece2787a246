# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
# Written by scripts/generate/inferred_operations.py.
"""Each operation the spec marks `x-inferred` ("METHOD /path template"), and the extension's note; and by
operationId (the name `accept_inferred` takes), its "METHOD /path template"."""

INFERRED_OPERATIONS: dict[str, str] = {
    "POST /appointments/{id}/_actions/cancel": "The copied documentation does not show this operation; openapi.yaml infers it from the evidence its `x-inferred` lists, so a tenant may not have it, or may want another body. `pexip-engage spec check --probe-inferred` asks a tenant whether it exists.",
    "POST /appointments/{id}/_actions/complete": "The copied documentation does not show this operation; openapi.yaml infers it from the evidence its `x-inferred` lists, so a tenant may not have it, or may want another body. `pexip-engage spec check --probe-inferred` asks a tenant whether it exists.",
    "POST /appointments/{id}/_actions/no-show": "The copied documentation does not show this operation; openapi.yaml infers it from the evidence its `x-inferred` lists, so a tenant may not have it, or may want another body. `pexip-engage spec check --probe-inferred` asks a tenant whether it exists.",
    "POST /appointments/{id}/_actions/reopen": "The copied documentation does not show this operation; openapi.yaml infers it from the evidence its `x-inferred` lists, so a tenant may not have it, or may want another body. `pexip-engage spec check --probe-inferred` asks a tenant whether it exists.",
    "POST /appointments/{id}/_actions/request-alternative-date": "The copied documentation does not show this operation; openapi.yaml infers it from the evidence its `x-inferred` lists, so a tenant may not have it, or may want another body. `pexip-engage spec check --probe-inferred` asks a tenant whether it exists.",
}

INFERRED_NAMES: dict[str, str] = {
    "cancelAppointment": "POST /appointments/{id}/_actions/cancel",
    "completeAppointment": "POST /appointments/{id}/_actions/complete",
    "markAppointmentAsNoShow": "POST /appointments/{id}/_actions/no-show",
    "reopenAppointment": "POST /appointments/{id}/_actions/reopen",
    "requestAppointmentAlternativeDate": "POST /appointments/{id}/_actions/request-alternative-date",
}
