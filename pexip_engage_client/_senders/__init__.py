"""The transport layer: one HTTP exchange as the request pipeline sees it, and the senders that make it.

The contract is `_base.Sender`; which sender, and what each adds to httpx2 the same way (`_deadline.py`,
`_body.py`, `_heads.py`): docs/choosing-the-sender.md.
"""
