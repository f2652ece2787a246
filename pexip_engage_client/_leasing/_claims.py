"""The one claim: a key one holder has until a moment, written once per backend.

Its steps, the same in each: `take` while it is free (never held, let go, or past its end) or the taker's own;
`renew` while it is still its holder's (neither let go nor taken by another); `let_go`, by its holder, or by
whoever finds that holder dead under its kind's terms (`Terms.let_go_early`), which frees it at once. Each
backend's form, which the stores use inside their own atomic steps where a claim goes with a record:

- memory, and a record decided in Python under its row's lock: `Claim`;
- SQL, SQLite and PostgreSQL alike: `SqlClaim`, the conditions and assignments of a row's two columns;
- Redis: `_shared/_redis.py`'s `CLAIM` functions, a key holding its holder's name until the claim's end.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Claim:
    """A claim kept in memory: its holder (None: free) and when it ends, on its keeper's clock."""

    holder: str | None = None
    until: float = 0.0

    def running(self, now: float) -> bool:
        return self.holder is not None and self.until > now

    def take(self, holder: str, now: float, until: float) -> bool:
        """Held by `holder` until `until`, if free at `now` or already its own; whether it is."""
        if self.running(now) and self.holder != holder:
            return False
        self.holder, self.until = holder, until
        return True

    def renew(self, holder: str, until: float) -> bool:
        if self.holder != holder:
            return False
        self.until = until
        return True

    def let_go(self, holder: str) -> bool:
        if self.holder != holder:
            return False
        self.holder = None
        return True


@dataclass(frozen=True)
class SqlClaim:
    """A claim kept in a row: the column naming its holder (NULL: free) and the one holding its end.

    Each method gives SQL to put in a statement, the same in SQLite and PostgreSQL; `now`, `holder` and `until`
    are SQL too (a parameter's mark, `clock_timestamp()`). `of(alias)` names the columns of an aliased table, for
    a condition that reads two rows of it (an assignment names a column bare)."""

    holder: str
    until: str

    def of(self, alias: str) -> SqlClaim:
        return SqlClaim(f"{alias}.{self.holder}", f"{alias}.{self.until}")

    def running(self, now: str) -> str:
        return f"({self.holder} IS NOT NULL AND {self.until} > {now})"

    def free(self, now: str) -> str:
        return f"({self.holder} IS NULL OR {self.until} <= {now})"

    def takeable(self, holder: str, now: str) -> str:
        """What `take` needs: free at `now`, or the taker's own."""
        return f"({self.holder} IS NULL OR {self.until} <= {now} OR {self.holder} = {holder})"

    def held_by(self, holder: str) -> str:
        """What `renew` and `let_go` need, and every step of a holder on what it claimed."""
        return f"{self.holder} = {holder}"

    def take(self, holder: str, until: str) -> str:
        return f"{self.holder} = {holder}, {self.until} = {until}"

    def renew(self, until: str) -> str:
        return f"{self.until} = {until}"

    def let_go(self, until: str | None = None) -> str:
        """Free: no holder (and its end moved to `until`, where a reader of the end alone must see it so)."""
        return f"{self.holder} = NULL" + ("" if until is None else f", {self.until} = {until}")
