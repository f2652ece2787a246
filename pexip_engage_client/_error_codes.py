"""`ErrorCode`: the business error codes the API documents for its 422 responses.

The enum is written by `make generate` from every `x-business-error-codes` list of openapi.yaml
(`_generated/error_codes.py`, from `templates/error_codes.py.jinja`), never by hand: a code the spec
gains is a member with no other edit, and a vendored copy's codes are its own spec's (`make vendor`).
Its behaviour (`ErrorCode.parse`, members equal to their strings) is the template's.
"""

from ._generated.error_codes import ErrorCode

__all__ = ["ErrorCode"]
