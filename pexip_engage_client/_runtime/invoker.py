"""The seam between the generated operation methods and the facade's request pipeline.

The generated layer names the types a body is read as (`Returns`), never a parser: the facade picks how to decode
(scripts/generate/README.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from .model_list import model_list
from .options import AtSend, CallNext, Middleware, RequestOptions, SyncCallNext, SyncMiddleware
from .response import ApiResponse, Ensured

# A call's options and the middleware they may hold: `options.py`, their one home.
__all__ = [
    "AtSend", "CallNext", "EnsureCall", "Invoker", "Middleware", "RequestOptions", "Returns", "SyncCallNext",
    "SyncInvoker", "SyncMiddleware",
]  # fmt: skip

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
M = TypeVar("M")


class _Envelope(Protocol[T_co]):
    """A response model whose payload is its `data` field."""

    @property
    def data(self) -> T_co: ...


class Returns(Generic[T]):
    """What a successful response's body becomes: an instance of `model`, or its `unwrap` field."""

    __slots__ = ("model", "unwrap")

    # Declared here too: users' type checkers (pyright --verifytypes) take a type inferred from __init__ as ambiguous.
    model: type[Any]  # a generated model: the class whose `from_dict` reads the body
    unwrap: str | None  # the field of the model that is the payload, or None for the model itself

    def __init__(self, model: type[Any], unwrap: str | None) -> None:
        self.model = model
        self.unwrap = unwrap

    @staticmethod
    def model_of(model: type[M]) -> Returns[M]:
        """The body is `model`, returned whole."""
        return Returns(model, None)

    @staticmethod
    def data_of(envelope: type[_Envelope[M]]) -> Returns[M]:
        """The body is `envelope`, whose `data` field is returned."""
        return Returns(envelope, "data")

    def payload(self, parsed: Any) -> T:
        """What the call returns from the model read: the model, or its `unwrap` field, a list as a `ModelList`."""
        return parsed if self.unwrap is None else model_list(getattr(parsed, self.unwrap))  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        unwrapped = "" if self.unwrap is None else f".{self.unwrap}"
        return f"Returns({self.model.__name__}{unwrapped})"


@dataclass(frozen=True)
class EnsureCall(Generic[T]):
    """What a generated `ensure_*` method hands the facade (`Invoker.ensure`): its `name`
    (`appointments.ensure_appointment`), the create's method as `operation`, the checked `body`, `create`
    and `page` (the look-up by `external-id`), each called with options, and `reconcile_within` (None: the default).
    """

    name: str
    operation: str
    body: Any
    create: Callable[[Any], Any]
    page: Callable[[str, Any], Any]
    reconcile_within: float | None


class Invoker(Protocol):
    """Sends one operation's request and reads its successful response. `request` holds what `build_request` returned;
    `returns` says what a 2xx body is read as (`None`: no content). `ensure` runs an `ensure_*` method through the
    facade's policy (`_ensure.py`)."""

    async def __call__(
        self,
        request: dict[str, Any],
        returns: Returns[T] | None,
        options: RequestOptions,
    ) -> ApiResponse[T]: ...

    async def ensure(self, call: EnsureCall[T], options: RequestOptions) -> Ensured[T]: ...


class SyncInvoker(Protocol):
    """`Invoker` for `SyncPexipEngage`: sends the request and returns the answer, without an event loop."""

    def __call__(
        self,
        request: dict[str, Any],
        returns: Returns[T] | None,
        options: RequestOptions,
    ) -> ApiResponse[T]: ...

    def ensure(self, call: EnsureCall[T], options: RequestOptions) -> Ensured[T]: ...
