"""The person asked before a write: MCP form elicitation, when the client declares it (docs/mcp.md, "The person
asked, when the client can"). Each write tool gets a parameter `approval`, filled by the SDK's `Resolve`, never
by the agent; it only says what the person answered: the write still goes through the confirmation token.
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import typing
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal

import anyio
from mcp.server.elicitation import ElicitationResult
from mcp.server.mcpserver import Context, Elicit, Resolve
from mcp.server.request_state import RequestStateSecurity
from pydantic import BaseModel, Field

# How long the person has to answer, unless the operator says otherwise (`--elicitation-timeout`).
DEFAULT_TIMEOUT = 60.0
# The protocol revision from which a question rides the call's result instead of a request mid-call.
_INPUT_REQUIRED_ERA = "2026-07-28"


class Approval(BaseModel):
    """The form the person answers: accepting it is the yes (its one field may be left as it is)."""

    confirm: bool = Field(default=True, title="Send it", description="Leave checked to send; decline to send nothing")


# What came of asking, when this module asked (the handshake era) or did not ask at all.
Verdict = Literal["not_asked", "nothing_to_ask", "accept", "decline", "cancel", "no_answer", "invalid"]
# The describer of one write tool: its arguments -> the question, or None when there is nothing to ask.
Describe = Callable[[dict[str, Any]], Awaitable[str | None]]


def form_capable(ctx: Context[Any, Any]) -> bool:
    """Whether the client declared form elicitation (a bare `elicitation: {}` is form, as the spec says)."""
    try:
        capabilities = ctx.client_capabilities
    except ValueError:  # no request in progress (a direct call): nobody to ask
        return False
    elicitation = capabilities.elicitation if capabilities is not None else None
    return elicitation is not None and (elicitation.form is not None or elicitation.url is None)


def outcome_of(approval: Any) -> str:
    """The person's answer as one word: not_asked (the client cannot ask), nothing_to_ask, accept, decline, cancel,
    no_answer or invalid, from what the SDK injected (our `Verdict`, the person's `Approval`, or a declined or
    cancelled outcome). An accepted form whose `confirm` was unchecked is a decline."""
    data = getattr(approval, "data", None)
    if isinstance(data, str):  # a Verdict
        return data
    action = str(getattr(approval, "action", "invalid"))
    if action == "accept" and isinstance(data, Approval) and not data.confirm:
        return "decline"
    return action if action in {"accept", "decline", "cancel"} else "invalid"


def asking(tool: Callable[..., Awaitable[Any]], describe: Describe, timeout: float) -> Callable[..., Awaitable[Any]]:
    """`tool` with its keyword parameter `approval` annotated `Resolve(...)`, filled by a resolver that asks the
    person through `describe`: the SDK leaves it out of the input schema and fills it before every call."""
    hints = typing.get_type_hints(tool, include_extras=True)  # the tool's own module resolves its names
    signature = inspect.signature(tool)
    arguments = [
        p.replace(annotation=hints.get(p.name, Any)) for p in signature.parameters.values() if p.name != "approval"
    ]

    async def ask(ctx: Context[Any, Any], **given: Any) -> Any:
        if not form_capable(ctx):
            return "not_asked"
        question = await describe(given)
        if question is None:
            return "nothing_to_ask"
        modern = ctx.protocol_version is not None and ctx.protocol_version >= _INPUT_REQUIRED_ERA  # ISO dates as text
        return Elicit(question, Approval) if modern else await _ask_now(ctx, question, seconds=timeout)

    # The resolver takes the tool's arguments by name (the SDK passes them so), and the context.
    context = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Context)
    keywords = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in arguments]
    ask.__signature__ = inspect.Signature([context, *keywords])  # type: ignore[attr-defined]
    ask.__annotations__ = {"ctx": Context, "return": Any} | {p.name: Any for p in arguments}
    ask.__qualname__ = f"ask_before_{tool.__name__}"  # the question's key on the wire, the same in every process

    async def run(**given: Any) -> Any:
        return await tool(**given)

    resolved = Annotated[ElicitationResult[Approval], Resolve(ask)]
    parameters = [*arguments, inspect.Parameter("approval", inspect.Parameter.KEYWORD_ONLY, annotation=resolved)]
    returns = hints.get("return", Any)
    run.__signature__ = signature.replace(parameters=parameters, return_annotation=returns)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": returns}
    run.__name__ = run.__qualname__ = tool.__name__
    run.__doc__ = tool.__doc__
    run.__module__ = tool.__module__
    return run


async def _ask_now(ctx: Context[Any, Any], question: str, *, seconds: float) -> Verdict:
    """Ask mid-call (the handshake era), waiting at most `seconds` for the answer."""
    with anyio.move_on_after(seconds):
        try:
            answer = await ctx.elicit(question, Approval)
        except ValueError:  # accepted without content, or content that is not the form's
            return "invalid"
        if answer.action == "accept" and not answer.data.confirm:
            return "decline"
        return answer.action
    return "no_answer"


def request_state_security(key: bytes | None, timeout: float) -> RequestStateSecurity:
    """How the SDK seals the state of a question asked in the 2026-07-28 era: expiring after `timeout`, with a key
    derived from the confirmation key every replica shares (docs/mcp.md, "Security model")."""
    if key is None:
        return RequestStateSecurity.ephemeral(ttl=timeout)
    derived = hmac.new(key, b"pexip-engage mcp request state", hashlib.sha256).digest()
    return RequestStateSecurity(keys=[derived], ttl=timeout)
