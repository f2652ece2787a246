"""Error answers in the documented shape: `{"errors": [{"message", "code", "type", "statusCode"}]}`."""

from __future__ import annotations

from ._spec import Json, Operation

_TYPES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    422: "BUSINESS_VALIDATION",
}


class FakeAPIError(Exception):
    """Raised while handling a request to answer with an error body; `messages` gives one item each."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        arguments: Json | None = None,
        *,
        messages: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.arguments = status, code, arguments
        self.messages = messages or [message]
        self.headers = headers or {}

    def body(self) -> Json:
        shared: Json = {"code": self.code, "type": _TYPES.get(self.status, "ERROR"), "statusCode": str(self.status)}
        if self.status == 422:
            shared["arguments"] = self.arguments
        return {"errors": [{"message": message, **shared} for message in self.messages]}


def business_error(code: str, message: str, arguments: Json | None = None) -> FakeAPIError:
    return FakeAPIError(422, code, message, arguments)


def not_found(op: Operation, item_id: str, kind: str) -> FakeAPIError:
    return FakeAPIError(404, "NOT_FOUND", f"{kind} '{item_id}' does not exist ({op.operation_id})")
