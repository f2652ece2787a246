"""`ErrorCode`: the business error codes the API documents for its 422 responses.

Written by `make generate` from openapi.yaml's `x-business-error-codes`, never by hand.
"""

from ._generated.error_codes import ErrorCode

__all__ = ["ErrorCode"]
