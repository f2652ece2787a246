"""The SQLite store's own promises, beyond the contract every store keeps (test_store_contract.py):
what it writes in the file, and how its transactions, group commits and reopenings keep each
delivery once and in order."""

from __future__ import annotations
