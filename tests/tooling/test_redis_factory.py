"""One Redis client factory (issue 61, point 3): no module outside `_base` makes a redis-py client.

Every client comes from `pexip_engage_client/_shared/_redis.py` (or its generated sync twin), so that
each has the factory's bounded waits (a connect and a command timeout, one quick retry) and a URL
it cannot read is refused without being quoted. What is looked for: a redis-py client or pool made
from a URL or by its class (`Redis(`, `Redis.from_url`, `from_pool`, `ConnectionPool`), in the
package and the command line, comments and docstrings aside.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from ..support.spec import ROOT

FACTORY = {
    Path("pexip_engage_client/_shared/_redis.py"),
    Path("pexip_engage_client/_shared/_sync/_redis.py"),
}
# redis-py's ways to make a client or a pool. `psycopg_pool.ConnectionPool` is PostgreSQL's: only a
# pool reached through a `redis` name counts.
MAKES_A_CLIENT = re.compile(
    r"\bRedis\s*\(|\bRedis\.(from_url|from_pool)\b|\bredis\b[\w.]*\.(Blocking)?ConnectionPool\b|\bStrictRedis\b"
)


def _code_without_comments_and_strings(source: str) -> str:
    """The source's code tokens only: a docstring or comment naming `Redis(` is no client."""
    kept = [
        token.string
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type not in (tokenize.COMMENT, tokenize.STRING)
    ]
    return " ".join(kept).replace(" . ", ".").replace(" (", "(").replace(" .", ".").replace(". ", ".")


def test_only_the_factory_makes_redis_clients() -> None:
    offenders = []
    for package in ("pexip_engage_client", "pexip_engage_cli"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if relative in FACTORY:
                continue
            source = path.read_text(encoding="utf-8")
            if "Redis" not in source and "ConnectionPool" not in source:
                continue  # nothing to find: spares tokenizing the generated client (most of the files)
            match = MAKES_A_CLIENT.search(_code_without_comments_and_strings(source))
            if match:
                offenders.append(f"{relative}: {match.group(0)}")
    assert not offenders, (
        f"use pexip_engage_client._shared._redis.redis_client (its bounded waits) instead: {offenders}"
    )


def test_the_check_sees_a_client_made_by_hand() -> None:
    made = [
        "pool = redis.asyncio.BlockingConnectionPool.from_url(url)",
        "client = redis.Redis(connection_pool=pool)",
        "client = redis_asyncio.Redis.from_url(url)",
        "client = redis.asyncio.Redis.from_pool(pool)",
    ]
    for line in made:
        assert MAKES_A_CLIENT.search(_code_without_comments_and_strings(line + "\n")), line
    not_made = ['"""A `redis.Redis(` in a docstring."""', "# redis.Redis(url) in a comment", "ConnectionPool(conninfo)"]
    for line in not_made:
        assert not MAKES_A_CLIENT.search(_code_without_comments_and_strings(line + "\n")), line


# A key claimed for a while (issue 77, point 1): redis-py's `set(..., nx=True)` or a script's `SET ... NX`.
CLAIMS_A_KEY = re.compile(r"\bnx\s*=\s*True\b|'NX'|\"NX\"")


def test_only_the_timed_claim_claims_a_key() -> None:
    """Every "hold this key for a while" is `_shared/_redis.claim` (with `extend` and `release`), not a room's own."""
    offenders = []
    for package in ("pexip_engage_client", "pexip_engage_cli"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if relative not in FACTORY and CLAIMS_A_KEY.search(path.read_text(encoding="utf-8")):
                offenders.append(str(relative))
    assert not offenders, f"claim a Redis key with pexip_engage_client._shared._redis.claim instead: {offenders}"
