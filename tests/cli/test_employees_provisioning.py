"""`pexip-engage employees plan` / `employees apply` through the command line, against the fake on loopback.

Their exit codes are `terraform plan -detailed-exitcode`'s: plan 0 no changes, 2 changes, apply 0
all done; every error is 1, never the command line's usual 2, 3 or 4, but for a lock store's: 4 where it
cannot be reached, 6 where it refused the login, as in every command that uses one.
"""

from __future__ import annotations

import itertools
import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest
import redis
import yaml

from pexip_engage_cli._exit import CONNECTION, REFUSED
from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli
from ..support.clients import TOKEN
from ..support.employees import adviser, person, seed, seed_branch
from ..support.loopback import free_port
from ..support.redis_server import redis_server

ERROR = "pexip-engage: error: "


def write(tmp_path: Path, records: list[dict[str, Any]], name: str = "directory.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(records), encoding="utf-8")
    return str(path)


@pytest.mark.usefixtures("engage_env")
def test_plan_exits_0_without_changes_2_with_them_and_apply_makes_exactly_them(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    directory = seed(fake, 3)
    unchanged = cli("employees", "plan", write(tmp_path, directory))
    assert (unchanged.code, unchanged.err) == (0, "")
    assert unchanged.out.startswith("Plan: 0 to create, 0 to update, 0 to deactivate")

    saved = tmp_path / "plan.json"
    planned = cli("employees", "plan", write(tmp_path, [*directory, person(9)]), "--out", str(saved))
    assert (planned.code, planned.err) == (2, "")
    assert planned.out.startswith("Plan: 1 to create")
    assert "+ EXT-0009" in planned.out
    assert json.loads(saved.read_text())["creates"][0]["key"] == "EXT-0009"

    applied = cli("employees", "apply", str(saved))
    assert (applied.code, applied.err) == (0, "")
    assert applied.out.startswith("Applied: 1 created")
    assert cli("employees", "plan", write(tmp_path, [*directory, person(9)])).code == 0
    again = cli("employees", "apply", str(saved))  # already made: skipped, and still a success
    assert (again.code, "= EXT-0009  skipped: already created" in again.out) == (0, True)


@pytest.mark.usefixtures("engage_env")
def test_plan_json_is_what_out_saves(fake: FakePexipEngage, cli: Cli, tmp_path: Path) -> None:
    seed(fake, 1)
    saved = tmp_path / "plan.json"
    run = cli("employees", "plan", write(tmp_path, [person(0, lastName="New")]), "--json", "--out", str(saved))
    assert run.code == 2
    assert json.loads(run.out) == json.loads(saved.read_text())


@pytest.mark.usefixtures("engage_env")
def test_plan_takes_output_json_and_yaml_and_refuses_csv_and_jsonl_before_reading(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    # `-o` is the command line's option: a plan is one document, printed as -o json or yaml says, never ignored
    # (a cron job's `-o yaml` once got the text plan, and its exit code said nothing of it).
    seed(fake, 1)
    export = write(tmp_path, [person(0, lastName="New")])
    saved = tmp_path / "plan.json"
    as_json = cli("employees", "plan", export, "-o", "json", "--out", str(saved))
    as_yaml = cli("employees", "plan", export, "-o", "yaml")
    assert (as_json.code, as_yaml.code) == (2, 2)
    assert json.loads(as_json.out) == yaml.safe_load(as_yaml.out) == json.loads(saved.read_text())
    fake.calls.clear()
    for output in ("csv", "jsonl"):
        refused = cli("employees", "plan", export, "-o", output)
        assert (refused.code, refused.out) == (1, "")
        assert refused.err == (
            f"pexip-engage: error: -o {output}: employees plan prints its plan as text, or as one document with "
            "--json, -o json or -o yaml (what --out saves)\n"
        )
    assert fake.calls == []  # refused before Engage was read
    assert cli("employees", "plan", export, "-o", "table").out.startswith("Plan: 0 to create, 1 to update")


@pytest.mark.usefixtures("engage_env")
def test_apply_prints_its_report_as_json_or_yaml_per_employee_and_refuses_csv_and_jsonl_before_sending(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    # `-o` was ignored by apply: a cron job's `-o json` got the text report. Now one document, or a refusal.
    directory = seed(fake, 2)
    saved = tmp_path / "plan.json"
    export = write(tmp_path, [{**directory[0], "lastName": "Moved"}, directory[1], person(9)])
    assert cli("employees", "plan", export, "--out", str(saved)).code == 2
    fake.calls.clear()
    for output in ("csv", "jsonl"):
        refused = cli("employees", "apply", str(saved), "-o", output)
        assert (refused.code, refused.out) == (1, "")
        assert refused.err == (
            f"{ERROR}-o {output}: employees apply prints its report as text, or as one document with -o json or "
            "-o yaml\n"
        )
    assert fake.calls == []  # refused before anything was read or sent
    applied = cli("employees", "apply", str(saved), "-o", "json")
    assert (applied.code, applied.err) == (0, "")
    report = json.loads(applied.out)
    ids = {employee["externalId"]: employee_id for employee_id, employee in fake.employees.items()}
    assert report == {
        "ok": True,
        "counts": {
            "created": 1,
            "updated": 1,
            "deactivated": 0,
            "skipped": 0,
            "conflict": 0,
            "failed": 0,
            "notAttempted": 0,
        },
        "stopped": None,
        "employees": [
            {
                "key": "EXT-0009",
                "change": "create",
                "outcome": "created",
                "employeeId": ids["EXT-0009"],
                "detail": None,
                "correlationId": report["employees"][0]["correlationId"],
            },
            {
                "key": "EXT-0000",
                "change": "update",
                "outcome": "updated",
                "employeeId": ids["EXT-0000"],
                "detail": None,
                "correlationId": report["employees"][1]["correlationId"],
            },
        ],
    }
    assert all(employee["correlationId"] for employee in report["employees"])
    again = cli("employees", "apply", str(saved), "-o", "yaml")  # already made: each skipped, with why
    assert again.code == 0
    skipped = yaml.safe_load(again.out)
    assert skipped["counts"]["skipped"] == 2
    assert [(e["key"], e["outcome"], e["detail"]) for e in skipped["employees"]] == [
        ("EXT-0009", "skipped", "already created"),
        ("EXT-0000", "skipped", "already up to date"),
    ]


@pytest.mark.usefixtures("engage_env")
def test_a_half_missing_export_is_refused_and_not_saved_unless_forced(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    directory = seed(fake, 10)
    saved = tmp_path / "plan.json"
    half = write(tmp_path, directory[:5])
    refused = cli(
        "employees", "plan", half, "--out", str(saved), "--scope", "whole-enterprise", "--missing", "deactivate"
    )
    assert refused.code == 1
    assert "Refused without force" in refused.out  # the plan is printed for review all the same
    assert (
        refused.err == f"{ERROR}the plan exceeds its safety threshold; {saved} not saved (--force if it is intended)\n"
    )
    assert not saved.exists()

    assert (
        cli(
            "employees",
            "plan",
            half,
            "--out",
            str(saved),
            "--force",
            "--scope",
            "whole-enterprise",
            "--missing",
            "deactivate",
        ).code
        == 2
    )
    not_forced = cli("employees", "apply", str(saved))  # apply refuses it as well, before any write
    assert (not_forced.code, not_forced.out) == (1, "")
    assert "not applied (--force if it is intended)" in not_forced.err
    assert [call.operation_id for call in fake.calls].count("updateEmployeeById") == 0
    forced = cli("employees", "apply", str(saved), "--force")
    assert (forced.code, forced.out.startswith("Applied: 0 created, 0 updated, 5 deactivated")) == (0, True)


@pytest.mark.usefixtures("engage_env")
def test_a_target_changed_since_the_plan_is_a_conflict_and_apply_exits_3(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    seed(fake, 2)
    saved = tmp_path / "plan.json"
    directory = [person(0, lastName="A"), person(1, lastName="B")]
    assert cli("employees", "plan", write(tmp_path, directory), "--out", str(saved)).code == 2
    # Someone else edits employee 0 in Engage between the review and the apply.
    found = cli("employees", "get-employees", "--external-id", "EXT-0000", "-o", "json")
    [employee] = json.loads(found.out)["data"]
    edited = cli("employees", "update-employee-by-id", employee["id"], "--body", '{"lastName": "Edited"}')
    assert edited.code == 0, edited.err

    applied = cli("employees", "apply", str(saved))
    assert applied.code == 3  # conflicts, for a person to look at: every other change made
    assert "1 updated" in applied.out
    assert "! EXT-0000  conflict:" in applied.out
    found = cli("employees", "get-employees", "--external-id", "EXT-0000", "-o", "json")
    assert json.loads(found.out)["data"][0]["lastName"] == "Edited"  # not overwritten


@pytest.mark.usefixtures("engage_env")
def test_a_failed_change_exits_1_with_the_failure_reported(fake: FakePexipEngage, cli: Cli, tmp_path: Path) -> None:
    seed(fake, 2)
    saved = tmp_path / "plan.json"
    cli("employees", "plan", write(tmp_path, [person(0, lastName="A"), person(1, lastName="B")]), "--out", str(saved))
    fake.fail("updateEmployeeById", status=500)
    run = cli("employees", "apply", str(saved), "--progress", "--max-retries", "0")
    assert run.code == 1
    assert "1 updated" in run.out
    assert "x EXT-0000  failed:" in run.out or "x EXT-0001  failed:" in run.out


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "{tmp}/missing.csv"], ERROR + "cannot read {tmp}/missing.csv: No such file or directory\n"),
        (["plan", "{tmp}/directory.txt"], "format must be 'csv' or 'json'"),
        (["plan", "{tmp}/directory.json", "--missing", "delete"], "invalid choice: 'delete'"),
        (["plan", "{tmp}/directory.json", "--threshold", "2"], "not a share between 0 and 1"),
        (["plan", "{tmp}/directory.json", "--key", "id"], "key must be one of externalId, email, username"),
        (["plan"], "the following arguments are required: FILE"),
        (["plan", "{tmp}/directory.json", "--no-such-option"], "unrecognized arguments: --no-such-option"),
        (["apply", "{tmp}/missing.json"], ERROR + "cannot read {tmp}/missing.json: No such file or directory\n"),
        (["apply", "{tmp}/directory.json"], "is not a saved plan"),
        (["apply", "{tmp}/plan.json", "--concurrency", "0"], "0 is not positive"),
    ],
)
def test_errors_exit_1_with_a_message_and_no_traceback(cli: Cli, tmp_path: Path, argv: list[str], message: str) -> None:
    write(tmp_path, [person(0)])
    write(tmp_path, [person(0)], name="directory.txt")
    (tmp_path / "plan.json").write_text("{}", encoding="utf-8")
    run = cli("employees", *(argument.format(tmp=tmp_path) for argument in argv))
    assert (run.code, run.out) == (1, "")
    assert message.format(tmp=tmp_path) in run.err
    assert "Traceback" not in run.err
    if message.endswith("\n"):
        assert run.err == message.format(tmp=tmp_path)  # one line


@pytest.mark.usefixtures("engage_env")
def test_an_api_error_exits_1_not_3(fake: FakePexipEngage, cli: Cli, tmp_path: Path) -> None:
    fake.fail("getEmployees", status=403)
    run = cli("employees", "plan", write(tmp_path, [person(0)]))
    assert (run.code, run.out) == (1, "")
    assert "HTTP 403" in run.err
    assert "correlation id" in run.err
    assert "Traceback" not in run.err


def test_no_connection_exits_1_not_4(
    monkeypatch: pytest.MonkeyPatch, clean_environment: Path, cli: Cli, tmp_path: Path
) -> None:
    port = free_port()
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", TOKEN)
    run = cli(
        "employees",
        "plan",
        write(tmp_path, [person(0)]),
        "--enterprise",
        "acme",
        "--base-url",
        f"http://127.0.0.1:{port}",
        "--max-retries",
        "0",
    )
    assert (run.code, run.out) == (1, "")
    assert "connection failed" in run.err
    assert "Traceback" not in run.err
    missing = cli("employees", "plan", write(tmp_path, [person(0)]))  # no enterprise: a usage error elsewhere
    assert (missing.code, "enterprise is required" in missing.err) == (1, True)


@pytest.fixture
def profile(clean_environment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A profile `fake` naming the enterprise and an API root where nothing answers."""
    (clean_environment / "pexip-engage").mkdir(parents=True)
    (clean_environment / "pexip-engage" / "config.toml").write_text(
        '[fake]\nenterprise = "acme"\nbase_url = "http://127.0.0.1:9"\n'
    )
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", TOKEN)


@pytest.mark.usefixtures("profile")
def test_the_client_comes_from_the_command_lines_settings(
    fake: FakePexipEngage, root: str, cli: Cli, tmp_path: Path
) -> None:
    # The profile (not the environment alone) names the enterprise; --base-url beats its API root.
    seed(fake, 1)
    saved = tmp_path / "plan.json"
    run = cli(
        "--profile",
        "fake",
        "employees",
        "plan",
        write(tmp_path, [person(0, lastName="New")]),
        "--base-url",
        root,
        "--out",
        str(saved),
    )
    assert run.code == 2, run.err
    applied = cli("employees", "apply", str(saved), "--profile", "fake", "--base-url", root, "--debug")
    assert applied.code == 0, applied.err
    assert "> PATCH" in applied.err or "> PUT" in applied.err  # --debug shows the write
    assert TOKEN not in applied.out + applied.err
    assert {call.request.url.path for call in fake.calls} >= {"/enterprises/acme/employees"}


@pytest.mark.usefixtures("engage_env")
def test_a_directory_that_cannot_be_read_exits_1_with_the_reason_and_the_nearest_fields(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    seed_branch(fake, "branch-a", 20, "A")
    hr = tmp_path / "hr.csv"
    hr.write_text("name,email,office\n" + "".join(f"Adviser {i},a.adviser{i}@bank.test,Antwerp\n" for i in range(20)))
    run = cli("employees", "plan", str(hr))
    assert (run.code, run.out) == (1, "")  # before: 20 conflicts, "No changes.", exit 0
    assert run.err.startswith(f"{ERROR}{hr}: ")
    assert "no column externalId (the key; or choose another with --key)" in run.err
    assert "name is no field of an employee (nearest: username, firstName, lastName)" in run.err
    assert "office is no field of an employee (nearest: officeRelations)" in run.err
    assert "--column" in run.err
    assert run.err.count("\n") == 1
    fields_none = tmp_path / "none.csv"
    fields_none.write_text("a,b\n1,2\n")
    assert "names no field the plan manages" in cli("employees", "plan", str(fields_none)).err
    mostly = write(tmp_path, [person(0, language="Dutch"), person(1, language="Dutch"), person(2)], "mostly.json")
    run = cli("employees", "plan", mostly)
    assert run.code == 1
    assert "2 of 3 rows are invalid, more than half: row 1: language must be one of" in run.err
    assert fake.calls == []  # nothing read from Engage


@pytest.mark.usefixtures("engage_env")
def test_columns_map_an_hr_export_and_each_exit_code_holds(fake: FakePexipEngage, cli: Cli, tmp_path: Path) -> None:
    directory = seed_branch(fake, "branch-a", 3, "A")
    hr = tmp_path / "hr.csv"
    hr.write_text(
        "Personnel number,Mail,Given name,Surname,Office,Department\n"
        + "".join(
            f"{r['externalId']},{r['email']},{r['firstName']},{r['lastName']},AGENT:branch-a,Sales\n" for r in directory
        )
    )
    columns = [
        "Personnel number=externalId",
        "Mail=email",
        "Given name=firstName",
        "Surname=lastName",
        "Office=officeRelations",
        "Department=",
    ]
    mapping = [argument for column in columns for argument in ("--column", column)]
    unchanged = cli("employees", "plan", str(hr), *mapping)
    assert (unchanged.code, unchanged.err) == (0, "")
    assert unchanged.out.splitlines()[-1] == "No changes."
    hr.write_text(hr.read_text().replace("AGENT:branch-a,Sales\nA-002", "OFFICE_MANAGER:branch-a,Sales\nA-002"))
    changed = cli("employees", "plan", str(hr), *mapping)
    assert changed.code == 2
    assert "    officeRelations: AGENT:branch-a -> OFFICE_MANAGER:branch-a" in changed.out
    typo = cli("employees", "plan", str(hr), *mapping[:-2], "--column", "Departement=")
    assert (typo.code, typo.out) == (1, "")
    assert "--column: Departement is no column of the directory" in typo.err


@pytest.mark.usefixtures("engage_env")
def test_deactivation_needs_a_scope_and_stays_inside_it(fake: FakePexipEngage, cli: Cli, tmp_path: Path) -> None:
    branch_a = seed_branch(fake, "branch-a", 20, "A")
    seed_branch(fake, "branch-b", 15, "B")
    export = write(tmp_path, branch_a[:18])
    plain = cli("employees", "plan", export)
    assert (plain.code, plain.out.splitlines()[-1]) == (0, "No changes.")  # before: 17 deactivated, 15 in B
    unscoped = cli("employees", "plan", export, "--missing", "deactivate")
    assert (unscoped.code, unscoped.out) == (1, "")
    assert unscoped.err.startswith(f"{ERROR}--missing deactivate needs --scope: office:ID, key-prefix:PREFIX")
    saved = tmp_path / "plan.json"
    scoped = cli(
        "employees", "plan", export, "--scope", "office:branch-a", "--missing", "deactivate", "--out", str(saved)
    )
    assert scoped.code == 2, scoped.err
    assert [line.split()[1] for line in scoped.out.splitlines() if line.startswith("- ")] == ["A-018", "A-019"]
    assert "scope offices branch-a)" in scoped.out.splitlines()[0]
    applied = cli("employees", "apply", str(saved))
    assert (applied.code, applied.out.splitlines()[0]) == (
        0,
        "Applied: 0 created, 0 updated, 2 deactivated, 0 skipped, 0 conflict(s), 0 failed",
    )
    assert sorted(e["externalId"] for e in fake.employees.values() if e["status"] == "SUSPENDED") == ["A-018", "A-019"]
    elsewhere = cli("employees", "apply", str(saved), "--enterprise", "acme-staging")
    assert (elsewhere.code, elsewhere.out) == (1, "")  # before: every change "skipped", exit 0
    assert elsewhere.err == f"{ERROR}plan was made for enterprise 'acme', not 'acme-staging'\n"
    prefix = cli("employees", "plan", export, "--scope", "key-prefix:a-", "--missing", "deactivate")
    assert (prefix.code, prefix.out.splitlines()[-1]) == (0, "No changes.")
    bad = cli("employees", "plan", export, "--scope", "branch-a")
    assert (bad.code, "expected office:ID, key-prefix:PREFIX or whole-enterprise" in bad.err) == (1, True)
    named = cli("employees", "plan", export, "--scope", "office:Branch A", "--missing", "deactivate")
    assert (named.code, named.out) == (1, "")  # before: 18 conflicts, "No changes.", exit 0
    assert named.err.startswith(f"{ERROR}--scope: none of the directory's 18 rows is in it (offices Branch A)")


@pytest.mark.usefixtures("engage_env")
def test_a_lock_that_cannot_be_reached_exits_4_saying_so_and_nothing_is_applied(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    saved = _planned(fake, cli, tmp_path)
    port = free_port()  # nothing listens there
    run = cli("employees", "apply", str(saved), "--lock", f"redis://:s3cret-pass@127.0.0.1:{port}/0")
    assert (run.code, run.out) == (CONNECTION, "")
    assert run.err.startswith(f"{ERROR}Redis redis://:<redacted>@127.0.0.1:{port}/0 cannot be reached: ")
    assert run.err.endswith("; not applied\n")  # before: "unexpected LeaseUnreachableError: ..."
    assert "s3cret-pass" not in run.err
    assert fake.calls_to("updateEmployeeById") == []


def _planned(fake: FakePexipEngage, cli: Cli, tmp_path: Path) -> Path:
    """A plan of one update, saved."""
    directory = seed(fake, 1)
    saved = tmp_path / "plan.json"
    assert (
        cli("employees", "plan", write(tmp_path, [{**directory[0], "lastName": "New"}]), "--out", str(saved)).code == 2
    )
    return saved


@pytest.mark.end_to_end
@pytest.mark.servers
@pytest.mark.usefixtures("engage_env")
def test_a_lock_store_that_refuses_the_login_exits_6_in_its_own_words(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    saved = _planned(fake, cli, tmp_path)
    with redis_server(tmp_path) as url:
        redis.Redis.from_url(url).config_set("requirepass", "r3dis-pass")
        run = cli("employees", "apply", str(saved), "--lock", url.replace("redis://", "redis://:not-the-password@"))
    assert (run.code, run.out) == (REFUSED, "")
    assert "invalid username-password pair" in run.err
    assert "not-the-password" not in run.err
    assert fake.calls_to("updateEmployeeById") == []


@pytest.mark.usefixtures("engage_env")
def test_a_belgian_export_with_mapped_offices_moves_one_adviser_into_the_scope(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    # HR's `;` export names offices by town; Antwerp is not in the scope, and only the mover leaves it.
    seed_branch(fake, "office-antwerpen", 12, "A")
    ghent = seed_branch(fake, "office-gent", 3, "G")
    hr = tmp_path / "hr.csv"
    rows = [(r["externalId"], r["email"], r["firstName"], r["lastName"], "Gent") for r in ghent]
    rows.append(("A-004", "a.adviser4@bank.test", "Adviser4", "OfA", "Gent"))  # moves from Antwerp to Ghent
    text = "Personeelsnummer;Mail;Voornaam;Achternaam;Kantoor\r\n" + "".join(";".join(r) + "\r\n" for r in rows)
    hr.write_bytes(("\ufeff" + text).encode("utf-8"))
    mapping = [
        "--column",
        "Personeelsnummer=externalId",
        "--column",
        "Mail=email",
        "--column",
        "Voornaam=firstName",
        "--column",
        "Achternaam=lastName",
        "--column",
        "Kantoor=officeRelations",
        "--map-value",
        "Kantoor:Gent=AGENT:office-gent",
        "--map-value",
        "Kantoor:Antwerpen=AGENT:office-antwerpen",
    ]
    saved = tmp_path / "plan.json"
    run = cli(
        "employees",
        "plan",
        str(hr),
        *mapping,
        "--scope",
        "office:office-gent",
        "--missing",
        "deactivate",
        "--out",
        str(saved),
    )
    assert (run.code, run.err) == (2, ""), run.out + run.err
    assert run.out.startswith("Plan: 0 to create, 1 to update, 0 to deactivate, 0 conflict(s); 3 unchanged")
    assert "    officeRelations: AGENT:office-antwerpen -> AGENT:office-gent" in run.out
    applied = cli("employees", "apply", str(saved))
    assert (applied.code, applied.out.splitlines()[0]) == (
        0,
        "Applied: 0 created, 1 updated, 0 deactivated, 0 skipped, 0 conflict(s), 0 failed",
    )
    [sent] = fake.calls_to("updateEmployeeById")
    assert sent.json == {"officeRelations": [{"role": "AGENT", "officeId": "office-gent"}]}
    offices = [[r["office"]["id"] for r in e["officeRelations"]] for e in fake.employees.values()]
    assert (offices.count(["office-antwerpen"]), offices.count(["office-gent"])) == (11, 4)
    assert {e["status"] for e in fake.employees.values()} == {"ACTIVE"}
    wrong = cli("employees", "plan", str(hr), "--delimiter", ",")
    assert (wrong.code, wrong.out) == (1, "")
    assert wrong.err.endswith("its columns seem separated by ';': give --delimiter ';'\n")
    tabs = tmp_path / "hr.tsv.csv"
    tabs.write_text(text.replace(";", "\t"), encoding="utf-8")
    assert cli("employees", "plan", str(tabs), *mapping, "--scope", "office:office-gent").code == 0
    assert cli("employees", "plan", str(tabs), *mapping, "--delimiter", "tab").code == 0
    bad = cli("employees", "plan", str(hr), "--map-value", "Kantoor=Gent")
    assert (bad.code, "--map-value: expected COLUMN:FROM=TO" in bad.err) == (1, True)
    unknown = cli("employees", "plan", str(hr), *mapping, "--map-value", "Office:Gent=AGENT:office-gent")
    assert (unknown.code, unknown.out) == (1, "")
    assert "--map-value: Office is no column of the directory (Personeelsnummer, Mail" in unknown.err


@pytest.mark.usefixtures("engage_env")
def test_rejected_rows_exit_1_naming_each_unless_skip_invalid(fake: FakePexipEngage, cli: Cli, tmp_path: Path) -> None:
    directory = seed(fake, 4)
    rows = [
        *directory[:2],
        {**directory[2], "externalId": ""},
        person(3, lastName="New"),
        person(3, externalId="ext-0003", email="other@acme.test"),
    ]
    saved = tmp_path / "plan.json"
    export = write(tmp_path, rows)
    run = cli("employees", "plan", export, "--out", str(saved))
    assert run.code == 1  # before: the rows printed, "No changes.", exit 0
    why = "invalid row: no externalId (the key); externalId may not be empty"
    assert f"! (no key)  {why} (row 3)" in run.out  # the plan, printed all the same
    assert run.err == (
        f"{ERROR}3 row(s) of {export} rejected: row 3: {why}; rows 4, 5: the "
        "externalId EXT-0003 is given 2 times in the input (ignoring case and surrounding spaces); "
        f"{saved} not saved (--skip-invalid to plan without them)\n"
    )
    assert not saved.exists()
    skipped = cli("employees", "plan", export, "--out", str(saved), "--skip-invalid")
    assert (skipped.code, skipped.err) == (
        0,
        f"pexip-engage: 3 row(s) of {export} rejected, left out of the plan (--skip-invalid)\n",
    )
    assert saved.exists()
    changed = cli("employees", "plan", write(tmp_path, [*rows, person(9)]), "--skip-invalid", "--json")
    assert changed.code == 2
    assert [c["rejected"] for c in json.loads(changed.out)["conflicts"]] == [True, True]
    clean = cli("employees", "plan", write(tmp_path, directory))
    assert (clean.code, clean.err) == (0, "")


@pytest.mark.usefixtures("engage_env")
def test_creates_over_max_creates_need_force_and_conflicts_exit_3(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    branch_a = seed_branch(fake, "office-a", 2, "A")
    [elsewhere] = seed_branch(fake, "office-b", 1, "B")
    new = [adviser("A", 10 + n, "office-a") for n in range(3)]
    directory = write(tmp_path, [*branch_a, *new])
    capped = cli("employees", "plan", directory, "--scope", "office:office-a", "--max-creates", "2")
    assert capped.code == 1
    assert "the plan creates 3 employees, more than the 2 allowed (max creates)" in capped.out
    assert cli("employees", "plan", directory, "--scope", "office:office-a", "--max-creates", "2", "--force").code == 2
    # A row naming an employee outside the scope is left alone: not "no changes", not "changes" (exit 3).
    outside = cli("employees", "plan", write(tmp_path, [*branch_a, elsewhere]), "--scope", "office:office-a")
    assert (outside.code, "! B-000  outside the scope" in outside.out) == (3, True), outside.out


@pytest.mark.usefixtures("engage_env")
def test_ctrl_c_during_apply_prints_what_was_made_and_the_next_apply_completes_it(
    fake: FakePexipEngage, cli: Cli, tmp_path: Path
) -> None:
    saved = tmp_path / "plan.json"
    assert cli("employees", "plan", write(tmp_path, [person(n) for n in range(40)]), "--out", str(saved)).code == 2
    reads = itertools.count()

    def ctrl_c(*_: object) -> None:
        if next(reads) == 3:  # the apply's second batch, read again after its writes
            signal.raise_signal(signal.SIGINT)
            # The read is answered a second late: Ctrl-C lands while the apply still waits on it, even on a
            # busy machine (answered at once, the apply could end before its main thread sees the signal).
            time.sleep(1)

    fake.before_list("getEmployees", ctrl_c)
    # Ctrl-C as at a terminal: a pytest a shell started in the background (`make check`'s groups) ignores SIGINT.
    ignored = signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupted = cli("employees", "apply", str(saved), "--concurrency", "1")
    signal.signal(signal.SIGINT, ignored)
    fake.before_list("getEmployees", None)
    assert interrupted.code == 130, interrupted.out + interrupted.err
    first = interrupted.out.splitlines()[0]
    assert first.startswith("Applied: "), interrupted.out
    assert "not attempted" in first
    assert "Stopped because it was interrupted; the next apply of the plan completes it" in interrupted.out
    again = cli("employees", "apply", str(saved))
    assert again.code == 0, again.out
    created = len([e for e in fake.employees.values() if str(e.get("externalId", "")).startswith("EXT-")])
    assert created == 40
