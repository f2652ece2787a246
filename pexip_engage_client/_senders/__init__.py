"""The transport layer: one HTTP exchange as the request pipeline sees it, and the senders that make it.

A sender only moves bytes (`await sender.send(OutgoingRequest) -> ReceivedResponse`); its contract
is the `Sender` protocol in `_base.py`. Two exist, chosen by `PexipEngage(http_backend=...)` (see
docs/choosing-the-sender.md): `HttpxSender` (`_httpx_sender.py`, with its generated sync twin)
sends through an `httpx2.AsyncClient` as configured, a caller's httpx client on httpx's public path
(`_stacks.py`); `OneShotSender` (`_one_shot.py`) sends each request on a connection of its own,
framed by h11. What httpx2 lacks, every sender adds the same way: the attempt's deadline
(`_deadline.py`), the body's bound (`_body.py`), the answer heads refused (`_heads.py`) and the
stale-connection resend rule (docs/errors-and-retries.md).
"""
