"""The one claim: a key one holder has until a moment, written once per backend.

`take` while it is free (never held, let go, or at its end); `renew` while it is still its holder's; `let_go` by
its holder, or by whoever finds it dead (`Terms.let_go_early`). In memory `Claim`; in SQLite and PostgreSQL
`SqlClaim`, the SQL of a row's two columns for a store's own statements; in Redis `_shared/_redis.CLAIM`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Claim:
    """A claim in memory: its holder (None: free) and its end, on its keeper's clock."""

    holder: str | None = None
    until: float = 0.0

    def running(self, now: float) -> bool:
        return self.holder is not None and self.until > now

    def take(self, holder: str, now: float, until: float) -> bool:
        if self.running(now):
            return False
        self.holder, self.until = holder, until
        return True

    def renew(self, holder: str, until: float) -> bool:
        if self.holder == holder:
            self.until = until
        return self.holder == holder

    def let_go(self, holder: str) -> bool:
        if mine := self.holder == holder:
            self.holder = None
        return mine


@dataclass(frozen=True)
class SqlClaim:
    """A claim in a row: the column naming its holder (NULL: free) and the one holding its end. Each method gives SQL,
    the same in SQLite and PostgreSQL, from SQL (a parameter's mark, `clock_timestamp()`); `of(alias)` names the
    columns of an aliased table, for a condition (an assignment names a column bare)."""

    holder: str
    until: str

    def of(self, alias: str) -> SqlClaim:
        return SqlClaim(f"{alias}.{self.holder}", f"{alias}.{self.until}")

    def running(self, now: str) -> str:
        return f"({self.holder} IS NOT NULL AND {self.until} > {now})"

    def free(self, now: str) -> str:
        return f"({self.holder} IS NULL OR {self.until} <= {now})"

    def held_by(self, holder: str) -> str:
        return f"{self.holder} = {holder}"

    def take(self, holder: str, until: str) -> str:
        return f"{self.holder} = {holder}, {self.until} = {until}"

    def renew(self, until: str) -> str:
        return f"{self.until} = {until}"

    def let_go(self, until: str | None = None) -> str:
        """No holder (and the end moved to `until`, for a reader of the end alone)."""
        return f"{self.holder} = NULL" + ("" if until is None else f", {self.until} = {until}")
