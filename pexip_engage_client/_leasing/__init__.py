"""Leases: who holds one (`_holders.py`: a holder's name, with its host and PID namespace, and whether it still
runs), how long each kind lasts and when one whose holder died may be taken (`_holders.Terms`); the one claim, a key
held for a while, once per backend (`_claims.py`, and Redis's `_shared/_redis.CLAIM`), which every store keeps in its
own rows; and the fenced lease built on it, of the ensures and provisioning's apply lock (`_lease.py`)."""
