"""The transport layer: one HTTP exchange as the request pipeline sees it, and the senders that make it.

The pipeline (`_request.py`) decides what to send and what an answer means; a *sender* only moves
bytes: `await sender.send(OutgoingRequest) -> ReceivedResponse`. What a sender must do, may raise
and must never do is written on the `Sender` protocol in `_base.py`, with the request and response
types every sender and the pipeline share. Failures are raised as httpx2's transport exceptions
whichever library sends, because the retry rules depend on their classes (a connect error never
reached the server; a read error may have); the pipeline builds every error the library raises
(`_error_mapping.py`), so no sender knows `errors`.

Two senders exist, chosen by `PexipEngage(http_backend=...)`. `HttpxSender` (`_httpx_sender.py`)
sends through an `httpx2.AsyncClient` as configured (its own, with the TLS context of `_tls.py` and
the environment's proxies as `mounts=`, `_proxies.py`; or a caller's `http_client`), with httpx2's
request, response, routing and decoding; `SyncPexipEngage`'s is its generated twin
(`_sync/_httpx_sender.py`). A caller's httpx client or transport (the legacy path, `_stacks.py`)
goes through it too, on httpx's public path, its errors turned into httpx2's (`_failures.py`).
`OneShotSender` (`_one_shot.py`) sends each request on a connection of its own over asyncio's
streams, framed by h11, for a program that sends a request or two and ends (the command line): it
keeps no connection, and makes no httpx2 object unless a call fails or an answer is encoded. (An
aiohttp sender existed: at the API's limits, 4 requests in flight, it was no faster; see
docs/choosing-the-sender.md.) What httpx2 lacks, every sender adds the same way: the attempt's
deadline (`_deadline.py`), the body's bound (`_body.py`) and the answer heads refused (`_heads.py`).

The rule for a pooled keep-alive connection that the server closed while it sat idle is Go's
(net/http): a request that fails on a reused connection is sent again on a fresh one only when that
cannot do it twice: it is idempotent, or nothing of it was written (httpcore2's `trace` request
extension says whether its headers went out). A reused connection looks the same whether the server
closed it just before the request arrived or read the request and then closed without answering,
so a write that fails after it was written is never sent again: its error says it may have been processed.

`_base.py` is imported with the package, so it never runs httpx2 (see `_base/lazy_httpx.py`);
the senders themselves load with the first client.
"""
