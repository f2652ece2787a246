"""`make mutation`: mutmut over the modules that hold the client's promises, scored against floors.

Each module in `MODULES` is mutated alone, in a copy of the committed tree (`git archive` of HEAD
as the run starts: the figures belong to a commit), with the tests that guard it: mutmut (pinned in the `mutation`
dependency group) runs each mutant against the tests that reach the mutated function. The score
of a module is killed / checked, where checked leaves out the mutants set aside as equivalent in
`scripts/checks/mutation_equivalents.toml` (each with a one-line reason; a survivor that changes
behaviour is killed by a test, never listed there), and counts a mutant no selected test reaches
as a survivor. A timeout counts as killed: the tests noticed.

It prints a table per run and writes it to `docs/mutation.md` (date and commit), and exits 1 when a
module is below its floor, or an equivalent listed no longer names a surviving mutant (stale: the
code moved, review the list). Not part of `make test` (hours on two cores); the scheduled workflow
`.github/workflows/mutation.yml` runs it.

    python -m scripts.checks.mutation                     # every module
    python -m scripts.checks.mutation --only _governor    # modules whose path holds the word
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EQUIVALENTS = ROOT / "scripts" / "checks" / "mutation_equivalents.toml"
PAGE = ROOT / "docs" / "mutation.md"
FLOOR = 0.90
# What the tests read besides the package (the spec, the docs they check, the CLI they start).
ALSO_COPY = [
    "openapi.yaml",
    "scripts",
    "examples",
    "docs",
    "templates",
    "generator-config.yaml",
    "pexip_engage_cli",
    "architecture.toml",
    "Makefile",
    "mkdocs.yml",
    "api.md",
    "README.md",
    "server.json",
    "CHANGELOG.md",
]
QUICK = ["-m", "not slow and not soak and not end_to_end and not contract and not schemathesis"]
# The quick tests and those that start a program quickly (an interpreter, a redis-server of their own): for
# the modules whose files have such tests (tests/support/spawn_guard.py marks them end_to_end for `make check`).
QUICK_AND_STARTING = ("-m", "not slow and not soak and not contract and not schemathesis")


@dataclass(frozen=True)
class Module:
    """A module that holds a promise, and the tests that guard it (end-to-end suites included where needed)."""

    path: str
    tests: tuple[str, ...]
    markers: tuple[str, ...] = tuple(QUICK)


MODULES = (
    # Every marker: the quick tests of each step (a clocked backend in memory), the ensures through a client,
    # and two processes taking turns in a real redis-server and PostgreSQL (as two hosts do). Not the
    # SIGKILL-before-POST run (36 s: it waits out a default lease) nor the thousand lost answers (14 s):
    # what they add is the look-up's and the retries', which test_ensure.py's other runs cover.
    Module(
        "pexip_engage_client/_ensuring/_ensure_lock.py",
        (
            "tests/client/test_ensure_turn_leases.py",
            "tests/client/test_ensure.py",
            "tests/client/test_ensure_check_before_send.py",
            "tests/limits/test_ensure_turns.py",
            "tests/limits/test_shared_ensure.py",
            "tests/processes/test_ensure_fork.py",
        ),
        ("-k", "not killed_before_its_post and not thousand_lost"),
    ),
    # The quick tests of each step, the lease's contract on lock files, a fork, and the lease itself on a
    # real redis-server and PostgreSQL (its scripts; what RedisLeases sends is checked in the quick ones too).
    Module(
        "pexip_engage_client/_leasing/_lease.py",
        (
            "tests/limits/test_lease_steps.py",
            "tests/limits/test_leases.py",
            "tests/processes/test_ensure_fork.py",
            "tests/limits/test_shared_ensure.py::test_a_shared_lease_is_one_holders_and_expires_when_its_holder_is_gone",
            "tests/limits/test_shared_ensure.py::test_a_lost_state_makes_every_taker_settle_even_one_that_never_saw_the_old_one",
            "tests/limits/test_shared_ensure.py::test_a_take_that_finds_its_own_token_gets_its_turn_back_not_busy",
            "tests/limits/test_shared_ensure.py::test_an_unreachable_redis_is_an_error_never_a_turn",
        ),
        (),
    ),
    # Its Python (what it sends, reads, and how fast it fails) in the quick tests; its SQL on a real PostgreSQL.
    Module(
        "pexip_engage_client/_leasing/_postgres_leases.py",
        (
            "tests/limits/test_lease_steps.py",
            "tests/limits/test_shared_ensure.py::test_a_shared_lease_is_one_holders_and_expires_when_its_holder_is_gone",
            "tests/limits/test_shared_ensure.py::test_a_lost_state_makes_every_taker_settle_even_one_that_never_saw_the_old_one",
            "tests/limits/test_shared_ensure.py::test_a_dropped_schema_is_made_again_and_its_first_taker_settles_a_lease",
        ),
        (),
    ),
    Module(
        "pexip_engage_client/_limiting/_governor.py",
        (
            "tests/client/test_governor_rules.py",
            "tests/client/test_governor.py",
            "tests/client/test_governor_shared_fallback.py",
            "tests/client/test_limits.py",
        ),
    ),
    # LocalLimits on a virtual clock, alone and under the governor: not test_governor.py, whose real-time
    # bounds fail now and then on a loaded machine (a kill by chance, and an equivalent then listed as stale).
    # The sync twin's threading waits are tests/sync/test_sync_limits.py's (the twin, a file of its own, is
    # not mutated here).
    Module(
        "pexip_engage_client/_limiting/_limits.py",
        ("tests/client/test_limits.py", "tests/client/test_governor_rules.py"),
    ),
    # The one bounded wait the limits, the ensure lock and the lease renewer share, by the limits' tests.
    Module(
        "pexip_engage_client/_base/waiting.py",
        ("tests/client/test_limits.py", "tests/client/test_governor_rules.py"),
    ),
    Module(
        "pexip_engage_client/_pipeline/_retry.py",
        ("tests/client/test_retries.py", "tests/client/test_retry_options.py"),
    ),
    # The backoff and `Retry-After` the retries read (here since the telemetry and the errors read them too), by the
    # retries' tests; each rule of the module, the dates and instants every room reads too, by its own.
    Module(
        "pexip_engage_client/_base/timing.py",
        ("tests/times/test_timing.py", "tests/client/test_retries.py", "tests/client/test_retry_options.py"),
    ),
    Module(
        "pexip_engage_client/_runtime/pagination.py",
        (
            "tests/client/test_pagination.py",
            "tests/client/test_walk_drift.py",
            "tests/client/_sync/test_walk_drift.py",
            "tests/client/test_page_views.py",
        ),
    ),
    Module("pexip_engage_client/_scheduling/_free_busy.py", ("tests/client/test_free_busy.py",)),
    # A branch's candidates: merged, ordered and explained, by the branch's tests and the brute force.
    Module(
        "pexip_engage_client/_scheduling/_team_candidates.py",
        ("tests/client/test_team.py", "tests/client/test_team_property.py"),
    ),
    # Not all of tests/webhooks (minutes a mutant): the quick tests that reach the SQLite store, the
    # contract it shares with the others, its own (a file's reopening, transactions, group commits,
    # forks), and the receivers and reconcile run on it.
    Module(
        "pexip_engage_client/webhooks/_stores/_sqlite.py",
        (
            "tests/webhooks/test_store_contract.py",
            "tests/webhooks/test_sqlite_store.py",
            "tests/webhooks/test_reconcile.py",
            "tests/webhooks/test_worker.py",
        ),
    ),
    # The memory store by the contract's tests, which call it directly (the receivers' suites on memory://
    # would run with each of its mutants too, for minutes more); reconcile by its own, and its command's.
    Module(
        "pexip_engage_client/webhooks/_stores/_memory.py",
        ("tests/webhooks/test_store_contract.py", "tests/webhooks/test_store_edges.py"),
    ),
    Module(
        "pexip_engage_client/webhooks/_reconciling.py",
        (
            "tests/webhooks/test_reconcile.py",
            "tests/webhooks/test_reconcile_drift.py",
            "tests/webhooks/test_reconcile_edges.py",
            "tests/cli/test_webhooks_reconcile.py",
        ),
    ),
    Module(
        "pexip_engage_client/_runtime/lenient.py",
        (
            "tests/client/test_lenient_reading.py",
            "tests/client/test_spec_drift.py",
            "tests/client/test_forward_compat.py",
            "tests/client/test_fast_decode.py",
        ),
        QUICK_AND_STARTING,
    ),
    # Not tests/tooling: it guards no redaction, and reads files mutmut's mutants/ copy lacks.
    Module(
        "pexip_engage_client/_base/redaction.py",
        (
            "tests/observability/test_redaction_rule.py",
            "tests/limits/test_redis_url_redaction.py",
            "tests/client/test_no_secret_in_refusals.py",
            "tests/observability/test_wire_logging.py",
            "tests/observability/test_tracing.py",
            "tests/client/test_config.py",
            "tests/client/test_oauth.py",
        ),
        QUICK_AND_STARTING,
    ),
    # The files whose tests reach the PostgreSQL store, on the session's real server (initdb): their
    # PostgreSQL cases are quick tests, not end_to_end. Slow ones too, but for two of the other files'
    # (1,001 events purged, 200 rounds of a race: seconds per mutant for steps the quick ones reach),
    # so that the edges' pool bound (20 connections, 3 s to wait for one) runs; the state machine
    # and an outage (tests/webhooks/test_store_machine.py, test_store_outage.py) take minutes.
    Module(
        "pexip_engage_client/webhooks/_stores/_postgres.py",
        (
            "tests/webhooks/test_store_contract.py",
            "tests/webhooks/test_reconcile_race.py",
            "tests/webhooks/test_postgres_store_edges.py",
        ),
        (
            "-m",
            "not soak and not end_to_end and not contract and not schemathesis",
            "-k",
            "not test_a_purge_past_one_batch and not test_a_delivery_and_a_reconcile_of_one_change_at_once",
        ),
    ),
    # The files that reach the Redis store in this process, each against a real redis-server it starts; every
    # marker (): the state machine and the clock-skew suite are end_to_end. Not tests/webhooks whole: most of it
    # never reaches Redis, test_order.py's receivers take seconds a mutant (the machine covers its order), and
    # tests/cli/test_webhooks_parked.py names its app by a path mutmut's copy moves (the contract covers failed()).
    Module(
        "pexip_engage_client/webhooks/_stores/_redis.py",
        (
            "tests/webhooks/test_redis_store_edges.py",
            "tests/webhooks/test_store_contract.py",
            "tests/webhooks/test_store_edges.py",
            "tests/webhooks/test_store_machine.py",
            "tests/webhooks/test_clock_skew.py",
            "tests/webhooks/test_wsgi.py",
            "tests/webhooks/test_reconcile_race.py",
            "tests/webhooks/test_spec_drift_events.py",
            "tests/webhooks/test_receiver.py",
        ),
        (),
    ),
    # The generated sync twin: its own code (the walk on threads, its pages) by the sync tests that walk through
    # SyncPages, its fetch functions plain and through SyncPexipEngage; what it imports from the async module is
    # scored there. Not all of tests/sync (threads of clients, ensures): the walks' tests only.
    Module(
        "pexip_engage_client/_runtime/_sync/pagination.py",
        (
            "tests/sync/test_sync_pagination.py",
            "tests/client/_sync/test_walk_drift.py",
            "tests/client/test_page_views.py",
            "tests/sync/test_sync_client.py::test_a_plain_for_walks_every_item_with_its_pages_fetched_ahead",
            "tests/sync/test_sync_client.py::test_the_first_walk_fetches_no_more_pages_at_once_than_the_governor_leaves_it",
        ),
    ),
    # Each statement and the failure rule in the quick tests, on the session's real PostgreSQL (initdb); every marker
    # (): with them, four processes holding permits at once and the limits' end-to-end cases that are quick. Not the
    # budget's spacing, a pause across processes nor a killed holder (4 to 7 s a mutant each): the quick file sends
    # those statements itself. The SQL function is a module constant mutmut leaves alone: slips planted by hand.
    Module(
        "pexip_engage_client/_limiting/_postgres_limits.py",
        (
            "tests/limits/test_postgres_limits_steps.py",
            "tests/limits/test_redis_limits.py::test_processes_sharing_a_key_never_have_more_in_flight_than_the_limit[postgres]",
            "tests/limits/test_redis_limits.py::test_a_pause_is_only_ever_moved_later[postgres]",
            "tests/limits/test_redis_limits.py::test_a_cancelled_wait_holds_no_slot[postgres]",
            "tests/limits/test_redis_limits.py::test_closing_gives_back_the_slots_still_held[postgres]",
        ),
        (),
    ),
    # The one Redis client factory and the timed claim: its Lua scripts (constants mutmut leaves alone: slips planted
    # by hand) and its Python run on the session's real redis-server in the quick tests (tests/limits/
    # test_redis_timed_claim.py); the factory's bounded waits and the extra's name in its own (test_redis_client.py),
    # and through the rooms that use it (the webhook store's pool, a URL refused without its password, RedisLeases).
    Module(
        "pexip_engage_client/_shared/_redis.py",
        (
            "tests/limits/test_redis_timed_claim.py",
            "tests/limits/test_redis_client.py",
            "tests/webhooks/test_redis_store_edges.py",
            "tests/limits/test_redis_url_redaction.py",
            "tests/client/test_ensure_turn_leases.py",
            "tests/limits/test_lease_steps.py",
            "tests/client/test_governor_shared_fallback.py",
        ),
        QUICK_AND_STARTING,
    ),
    # The stream sink: its quick tests on the session's real redis-server (each event added once, its dedup key's
    # life, trimming, processed once acknowledged) and its refusals; the receivers' runs through it are end_to_end
    # and slow (1,000 events, a SIGKILL), for steps the quick file sends itself.
    Module(
        "pexip_engage_client/webhooks/_sinks/_streams.py",
        (
            "tests/webhooks/test_stream_sink.py",
            "tests/webhooks/test_forward_rules.py",
            "tests/limits/test_redis_url_redaction.py",
        ),
    ),
    # Its Lua scripts step by step on the session's real redis-server, and its Python over the scripts answered in
    # memory, both quick; with them the limits' end-to-end cases that are quick, on Redis only (PostgresLimits, a
    # RedisLimits on other storage, has its own row). Not the processes' runs (seconds to a minute a mutant each): the
    # quick files send each script's steps themselves. The scripts are constants mutmut leaves alone: slips by hand.
    Module(
        "pexip_engage_client/_limiting/_redis_limits.py",
        (
            "tests/limits/test_redis_limits_steps.py",
            "tests/client/test_redis_limits_in_memory.py",
            "tests/limits/test_redis_url_redaction.py",
            "tests/limits/test_redis_limits.py::test_a_cancelled_wait_holds_no_slot[redis]",
            "tests/limits/test_redis_limits.py::test_closing_gives_back_the_slots_still_held[redis]",
            "tests/limits/test_redis_limits.py::test_a_failed_acquire_holds_no_local_slot_either",
            "tests/limits/test_redis_limits.py::test_bad_arguments_are_refused_by_name",
            "tests/limits/test_redis_limits.py::test_without_the_redis_extra_the_error_names_it",
        ),
        (),
    ),
    # The mirror's decisions (`decide`: newer wins, gone ordered by when the API was asked, a repair its own kind)
    # and its tables (the appointments' locks, the guarded write, the log, the pending reads, the refused): the
    # seeded simulation of several hosts, the mirror's quick tests on SQLite, and the two hosts' interleaving on
    # the session's PostgreSQL.
    # A 404's steps of `decide`, one by one, in tests/mirror/test_decide.py.
    Module(
        "pexip_engage_client/mirror/_rows.py",
        (
            "tests/mirror/test_decide.py",
            "tests/mirror/test_simulation.py",
            "tests/mirror/test_mirror.py",
            "tests/mirror/test_hosts.py",
            "tests/mirror/test_traps.py",
        ),
    ),
    # The tables' operations one by one at their edges, on SQLite and on the session's PostgreSQL as the application's
    # role (tests/mirror/test_tables.py), and the seeded simulation of several hosts. Not the mirror's runs over the
    # fake (test_mirror.py, test_hosts.py, test_traps.py): a whole mirror a test, a minute or more a surviving mutant
    # (its 87 SQL case changes among them) on two shared cores, for operations test_tables.py sends itself.
    Module(
        "pexip_engage_client/mirror/_tables.py",
        ("tests/mirror/test_tables.py", "tests/mirror/test_simulation.py"),
        QUICK_AND_STARTING,
    ),
    # Provisioning's promise that nothing outside the scope changes and that keys compare as Engage compares
    # them: the scope, the keys and the decisions taken from the reads, with the quick plan and branch tests
    # against the fake in memory (a move into the scope, rows rejected, the threshold, answers unlike the spec).
    # Every quick test of the room: mutmut runs, of them, those that reach the mutated function.
    Module("pexip_engage_client/provisioning/_scope.py", ("tests/provisioning",)),
    Module("pexip_engage_client/provisioning/_keys.py", ("tests/provisioning",)),
    Module("pexip_engage_client/provisioning/_decisions.py", ("tests/provisioning",)),
)


@dataclass(frozen=True)
class Score:
    module: str
    total: int
    killed: int
    survived: int
    set_aside: int
    stale: tuple[str, ...]

    @property
    def checked(self) -> int:
        return self.total - self.set_aside

    @property
    def score(self) -> float:
        return self.killed / self.checked if self.checked else 1.0


def equivalents() -> dict[str, str]:
    """The reviewed list: mutant name -> why it cannot change behaviour."""
    listed = tomllib.loads(EQUIVALENTS.read_text("utf-8")).get("equivalent", [])
    return {entry["mutant"]: entry["reason"] for entry in listed}


def mutmut_config(module: Module) -> str:
    selection = [*module.tests, *module.markers]
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["pexip_engage_client"]\n'
        f"only_mutate = {json.dumps([module.path])}\n"
        f"also_copy = {json.dumps(ALSO_COPY)}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]\n'
        f"pytest_add_cli_args_test_selection = {json.dumps(selection)}\n"
    )


_KILLED = ("killed", "timeout")  # a timeout counts as killed: the tests noticed


def run_module(module: Module, children: int, listed: dict[str, str], commit: str) -> Score:
    """mutmut over one module in a fresh copy of `commit`; its results read back by mutant."""
    with tempfile.TemporaryDirectory(prefix="mutation-") as folder:
        copy = Path(folder)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(copy)], input=archive, check=True)
        with (copy / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
            pyproject.write(mutmut_config(module))
        mutmut = [sys.executable, "-m", "mutmut"]
        environment = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": ""}
        run = [*mutmut, "run", "--max-children", str(children)]
        ran = subprocess.run(run, cwd=copy, env=environment, capture_output=True, text=True, check=False)
        if ran.returncode:  # e.g. the selected tests fail unmutated: no score can be read
            raise SystemExit(f"mutation: mutmut failed on {module.path}:\n{ran.stdout[-2000:]}{ran.stderr[-2000:]}")
        listing = [*mutmut, "results", "--all", "true"]
        results = subprocess.run(listing, cwd=copy, env=environment, capture_output=True, text=True, check=True).stdout
        outcomes = dict(line.strip().rsplit(": ", 1) for line in results.splitlines() if ": " in line)
        dotted = module.path.removesuffix(".py").replace("/", ".")
        mine = {name: outcome for name, outcome in outcomes.items() if name.startswith(dotted + ".")}
        # Each survivor not set aside (one no test reaches too), with its diff while its copy can show it: to review.
        lived = {name: outcome for name, outcome in mine.items() if outcome not in _KILLED and name not in listed}
        for name, outcome in sorted(lived.items()):
            show = [*mutmut, "show", name]
            shown = subprocess.run(show, cwd=copy, env=environment, capture_output=True, text=True, check=True)
            print(f"mutation: {outcome}: {name}\n{shown.stdout.strip()}", flush=True)
    killed = sum(outcome in _KILLED for outcome in mine.values())
    aside = [name for name in listed if name.startswith(dotted + ".") and mine.get(name) == "survived"]
    stale = tuple(name for name in listed if name.startswith(dotted + ".") and mine.get(name) != "survived")
    survived = len(mine) - killed - len(aside)
    return Score(module.path, len(mine), killed, survived, len(aside), stale)


def row(score: Score, run: str) -> str:
    return (
        f"| `{score.module}` | {score.total} | {score.set_aside} | {score.checked} | {score.killed} "
        f"| {score.survived} | {score.score:.0%} | {run} |"
    )


def table(rows: list[str]) -> str:
    head = [
        "| module | mutants | set aside | checked | killed | survived | score | run |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    return "\n".join([*head, *rows])


def write_page(scores: list[Score], commit: str) -> None:
    """Replace the rows of the modules this run scored; keep the others, each with its own date and commit.

    A module's row is a fact about the commit it ran at, so a run of one module (hours saved on two
    cores) leaves the others' figures standing, and says which commit each belongs to.
    """
    run = f"{datetime.datetime.now(datetime.UTC).date().isoformat()} `{commit}`"
    marker = "<!-- mutation: written by scripts/checks/mutation.py -->"
    head, _, kept = PAGE.read_text("utf-8").partition(marker)
    rows = {line.split("`")[1]: line for line in kept.splitlines() if line.startswith("| `")}
    rows.update({score.module: row(score, run) for score in scores})
    ordered = [rows[module.path] for module in MODULES if module.path in rows]
    PAGE.write_text(
        f"{head}{marker}\n\nFloor {FLOOR:.0%}; each row says when and at which commit it ran:\n\n{table(ordered)}\n",
        "utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="modules whose path holds this word")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 1, help="mutants tested at once")
    parser.add_argument("--no-page", action="store_true", help="print the table only; leave docs/mutation.md")
    arguments = parser.parse_args(argv)
    if shutil.which("git") is None:
        parser.error("git is needed: the figures belong to a commit")
    chosen = [module for module in MODULES if not arguments.only or any(word in module.path for word in arguments.only)]
    listed = equivalents()
    # Read once: every module is copied from this commit, and its rows name it, whatever is committed meanwhile.
    git = ["git", "rev-parse", "--short", "HEAD"]
    commit = subprocess.run(git, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    scores = []
    for module in chosen:
        print(f"mutation: {module.path} ...", flush=True)
        scores.append(run_module(module, arguments.children, listed, commit))
        print(row(scores[-1], "this run"), flush=True)  # each as it ends: a long run keeps what it found
    print(table([row(score, "this run") for score in scores]))
    if not arguments.no_page:
        write_page(scores, commit)
    failed = [score for score in scores if score.score < FLOOR or score.stale]
    for score in failed:
        why = f"{score.score:.0%} is below the floor of {FLOOR:.0%}" if score.score < FLOOR else ""
        stale = f"equivalents listed that no longer survive: {', '.join(score.stale)}" if score.stale else ""
        print(f"mutation: {score.module}: {'; '.join(part for part in (why, stale) if part)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
