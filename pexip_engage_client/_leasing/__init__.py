"""Leases: who holds one (`_holders.py`: a holder's name, with its host and PID namespace, and whether it still
runs), how long each kind lasts and when one whose holder died may be taken (`_holders.Terms`), and the fenced
lease of the ensures and provisioning's apply lock (`_lease.py`; kept in Redis, PostgreSQL or lock files). Each
store keeps its leases in its own rows (a Redis script, a PostgreSQL or SQLite row), under these rules."""
