"""docs/warehouse.md's SQL, run on a warehouse loaded from a seeded mirror, each answer checked against the
mirror's own rows."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

duckdb = pytest.importorskip("duckdb")

from pexip_engage_client.mirror._warehouse import export, valid_from  # noqa: E402

from ..support.mirror_simulation import Simulation  # noqa: E402
from ..support.warehouse import mirror_log  # noqa: E402

GUIDE = Path(__file__).parents[2] / "docs" / "warehouse.md"


def _queries() -> dict[str, str]:
    found = re.findall(r"<!-- warehouse sql: ([\w -]+) -->\n```sql\n(.*?)```", GUIDE.read_text(), re.S)
    return dict(found)


def _week(moment: datetime) -> datetime:
    return (moment - timedelta(days=moment.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)


@pytest.mark.slow
def test_the_guides_queries_answer_what_the_mirror_holds(tmp_path: Path) -> None:
    queries = _queries()
    assert set(queries) == {"whole", "bookings", "no-shows", "lead times", "as of"}
    simulation = Simulation(2, path=str(tmp_path / "mirror.db"), appointments=8)
    simulation.connection.execute("PRAGMA synchronous=OFF")
    simulation._steps(200)
    simulation.settle()
    simulation.connection.close()
    export(f"sqlite:///{tmp_path}/mirror.db", f"duckdb:///{tmp_path}/w.duckdb", pipelines_dir=str(tmp_path / "dlt"))
    table, log = mirror_log(str(tmp_path / "mirror.db"))
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as warehouse:
        warehouse.execute("SET TimeZone = 'UTC'")
        answer = {name: warehouse.sql(sql).fetchall() for name, sql in queries.items()}
    assert answer["whole"] == [(log[-1][0], len(log), len(log))]
    present = [row for row in table.values() if row.gone_at is None]
    assert answer["bookings"] == sorted(
        Counter(
            (adviser, _week(row.start))
            for row in present
            if row.status != "CANCELLED" and row.start
            for adviser in row.employee_ids or ()
        ).items()
    )
    weeks = Counter((row.office_id, _week(row.start)) for row in present if row.start)
    shows = Counter((row.office_id, _week(row.start)) for row in present if row.start and row.status == "NO_SHOW")
    assert [(office, week.timestamp(), no, all_) for office, week, no, all_ in answer["no-shows"]] == [
        (office, week.timestamp(), shows[office, week], count) for (office, week), count in sorted(weeks.items())
    ]
    booked = {row.id: valid_from(row) for _, row in log if row.change == "added"}
    assert answer["lead times"] == [
        (row.id, (row.start.date() - booked[row.id].date()).days)
        for row in sorted(present, key=lambda row: row.id)
        if row.start and row.id in booked
    ]
    moment = datetime.fromisoformat("2026-12-01T09:00:05+00:00")
    held = {}
    for _, row in log:
        if valid_from(row) <= moment:
            held[row.id] = (row.id, row.status, row.gone_at is not None)
    assert answer["as of"] == sorted(held.values())
    assert answer["lead times"]
    assert answer["as of"]
