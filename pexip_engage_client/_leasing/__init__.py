"""Leases: who holds one and each kind's terms (`_holders.py`), the one claim per backend (`_claims.py`; Redis's
is `_shared/_redis.CLAIM`), and the fenced lease built on it, of ensures and the apply lock (`_lease.py`)."""
