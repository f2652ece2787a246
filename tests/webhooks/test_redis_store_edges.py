"""The Redis store's own edges, against a real redis-server: what the contract suite does not reach."""

from __future__ import annotations
