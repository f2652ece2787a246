"""Every example runs, and every Python block of the README and the docs is one that runs.

The examples under `examples/` run offline against the fake API, each in a fresh interpreter as a
user would run it. A Python block of README.md or docs/ must be an include of an executed example
(`--8<-- "examples/x.py:section"`, which the site build replaces by the file's text) or the exact
text of one, so that no example shown can rot; and right under it, a link to the whole file on the
site's Examples page (docs/examples.md, which includes every example whole and copies none), so that
a reader of a fragment finds where it comes from.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from scripts.generate.docs_code import example_sections

pytestmark = pytest.mark.main_python_only

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(path for path in EXAMPLES.glob("*.py") if not path.name.startswith("test_"))
TESTS = sorted(EXAMPLES.glob("test_*.py"))
# A Python block, indented (in a list item) or not, and the line before it: a block that cannot run
# as written says so there, with its reason (`<!-- not run: why -->`).
_FENCE = re.compile(
    r"^(?P<before>[^\n]*)\n(?P<indent>[ \t]*)```python\n(?P<body>.*?)^(?P=indent)```$(?=\n?(?P<after>[^\n]*))",
    re.MULTILINE | re.DOTALL,
)
_NOT_RUN = re.compile(r"^\s*<!-- not run: (?P<reason>\S.*\S) -->$")
_INCLUDE = re.compile(r'^--8<-- "([^":]+)(?::([\w-]+))?"$')
_EXAMPLE = re.compile(r"^\s*<!-- example: (?P<sources>[^>]+?) -->$")


def _env() -> dict[str, str]:
    # No configuration from the environment: the examples choose the fake themselves.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PEXIP_ENGAGE_")}
    return {**env, "PYTHONPATH": str(ROOT)}


@pytest.mark.slow
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_the_example_runs_against_the_fake(script: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


@pytest.mark.slow
@pytest.mark.parametrize("test_file", TESTS, ids=lambda path: path.name)
def test_the_example_test_passes_under_plain_pytest(test_file: Path, tmp_path: Path) -> None:
    """Run as a user's project would: pytest and pytest-asyncio, with no configuration of ours."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            os.devnull,
            "--rootdir",
            str(tmp_path),
            str(test_file),
        ],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\b1 passed\b", done.stdout), done.stdout


def _sections(path: Path) -> dict[str | None, str]:
    """The example's text, its code after the docstring and its sections (`scripts/generate/docs_code.py`)."""
    return example_sections(path)


class Block(NamedTuple):
    text: str  # dedented
    not_run: str | None  # the reason its marker gives
    after: str  # the line after the fence
    sources: tuple[str, ...] = ()  # what its `<!-- example: ... -->` marker names (docs_code.py writes it)


def blocks(document: str) -> list[Block]:
    """The Python blocks of a Markdown document, indented ones too, each dedented."""
    found = []
    for match in _FENCE.finditer("\n" + document):
        indent = len(match.group("indent"))
        text = "".join(line[indent:] for line in match.group("body").splitlines(keepends=True))
        marker = _NOT_RUN.match(match.group("before"))
        example = _EXAMPLE.match(match.group("before"))
        sources = tuple(example.group("sources").split()) if example else ()
        found.append(Block(text, marker.group("reason") if marker else None, match.group("after").strip(), sources))
    return found


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_every_python_block_is_an_executed_example() -> None:
    executed = {path.relative_to(ROOT).as_posix(): _sections(path) for path in SCRIPTS + TESTS}
    unexecuted = []
    for document in _documents():
        if "operations" in document.relative_to(ROOT).parts:
            continue  # signatures written from the spec, not examples
        for found in blocks(document.read_text(encoding="utf-8")):
            block = found.text
            where = f"{document.relative_to(ROOT)}: {block.splitlines()[0] if block else ''}"
            if found.not_run is not None:
                continue  # marked in the page, with its reason
            lines = block.strip().splitlines()
            includes = [_INCLUDE.match(line) for line in lines]
            if found.sources:  # written from these sections (tests/docs/test_docs_code.py compares)
                files = [source.partition(":") for source in found.sources]
                if any(file not in executed or (section or None) not in executed[file] for file, _, section in files):
                    unexecuted.append(f"{where} (shows what no test runs)")
            elif lines and all(includes):
                for include in includes:
                    assert include is not None
                    file, section = include.group(1), include.group(2)
                    if file not in executed or section not in executed[file]:
                        unexecuted.append(f"{where} (includes what no test runs)")
            elif not any(block in sections.values() for sections in executed.values()):
                unexecuted.append(where)
    assert unexecuted == []


def test_indented_blocks_are_found_and_a_block_not_run_says_why() -> None:
    testing = blocks((ROOT / "docs" / "testing.md").read_text(encoding="utf-8"))
    shown = ("examples/test_with_pytest_httpx2.py:test",)
    assert shown in [block.sources for block in testing]  # in a list item
    marked = [block for document in _documents() for block in blocks(document.read_text(encoding="utf-8"))]
    reasons = [block.not_run for block in marked if block.not_run is not None]
    assert len(reasons) == 7  # a ratchet: each one says why in its page (the last: the lanes fragment around a job)
    assert all(len(reason) > 40 for reason in reasons)  # a reason, not a bare mark
    page = "Text.\n\n<!-- not run: it needs your own module and a proxy -->\n```python\nimport myapp\n```\n"
    assert blocks(page) == [Block("import myapp\n", "it needs your own module and a proxy", "")]
    assert blocks(page.replace("<!-- not run: it needs your own module and a proxy -->", ""))[0].not_run is None


def test_a_block_that_is_not_executed_is_caught(tmp_path: Path) -> None:
    """The check above is not vacuous: the README quotes an example, and a changed quote fails."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = [found.text for found in blocks(readme)]
    assert quoted, "the README shows the quick start's code"
    example = (EXAMPLES / "first_call.py").read_text(encoding="utf-8")
    assert quoted[0] in example  # the first block is the quick start's code
    assert quoted[0].replace("accept_appointment", "accept") not in example


_LINK = "<small>Complete and run by the tests: "


def _anchor(file: str) -> str:
    return Path(file).stem.replace("_", "-")


def _unlinked(document: str, executed: dict[str, dict[str | None, str]], where: str) -> list[str]:
    """The Python blocks of `document` not followed by a link to each example they come from."""
    found = []
    for block in blocks(document):
        first = f"{where}: {block.text.splitlines()[0] if block.text else ''}"
        if block.not_run is not None:
            continue
        includes = [_INCLUDE.match(line) for line in block.text.strip().splitlines()]
        if block.sources:
            files = {source.partition(":")[0] for source in block.sources}
        elif includes and all(includes):
            files = {include.group(1) for include in includes if include is not None}
        else:
            files = {file for file, sections in executed.items() if block.text in sections.values()}
        line = block.after
        if not files or not line.startswith(_LINK) or any(f"](examples.md#{_anchor(f)})" not in line for f in files):
            found.append(first)
    return found


def test_the_examples_page_includes_every_example_whole_and_copies_none() -> None:
    """docs/examples.md names each file for the site's build to include; it holds no code of its own."""
    executed = {path.relative_to(ROOT).as_posix() for path in SCRIPTS + TESTS}
    page = (ROOT / "docs" / "examples.md").read_text(encoding="utf-8")
    shown = blocks(page)
    included = [_INCLUDE.match(block.text.strip()) for block in shown]
    assert all(included), "a block of docs/examples.md that is not one include line"
    assert sorted(match.group(1) for match in included if match and match.group(2) is None) == sorted(executed)
    assert [file for file in executed if f"{{#{_anchor(file)}}}" not in page] == []


def test_every_python_block_links_to_the_whole_example_it_comes_from() -> None:
    executed = {path.relative_to(ROOT).as_posix(): _sections(path) for path in SCRIPTS + TESTS}
    unlinked = []
    for document in (ROOT / "docs").glob("*.md"):
        if document.name != "examples.md":
            unlinked += _unlinked(document.read_text(encoding="utf-8"), executed, str(document.relative_to(ROOT)))
    assert unlinked == []
    # Not vacuous: a block without its link, or linked to another file, is caught.
    shown = "<!-- example: examples/pagination.py:pages -->\n```python\nawait pages()\n```\n"
    linked = f"{_LINK}[`examples/pagination.py`](examples.md#pagination)</small>\n"
    assert _unlinked(shown + linked, executed, "docs/x.md") == []
    assert _unlinked(shown + "\n", executed, "docs/x.md") != []
    assert _unlinked(shown + linked.replace("#pagination", "#governor"), executed, "docs/x.md") != []


# Recipes a user copies into a typed project whole: clean under pyright strict as they are. Every
# example is, but for those in STRICT_EXEMPT.
STRICT_RECIPES = (
    "webhook_starlette.py", "webhook_fastapi.py", "webhook_asgi_mount.py", "test_with_pytest_httpx2.py",
    "client_lifespan.py", "test_with_the_fake.py", "test_with_the_fixtures.py", "webhook_worker.py", "configuration.py",
    "django_postgres_settings.py",
    "errors_and_retries.py", "event_hooks.py", "free_busy.py", "fake_control.py", "fake_overlay.py", "booking.py",
    "first_call.py", "governor.py", "lifecycle_actions.py", "local_times.py", "middleware.py", "operations.py",
    "pagination.py", "provisioning.py",
    "provisioning_sync.py", "quickstart.py", "safe_writes.py", "shared_limits.py", "sync_client.py",
    "test_with_a_served_fake.py", "tracing_console.py", "webhook_flask.py", "webhook_receiver.py",
    "webhook_reconcile.py", "mirror_crm.py", "mirror_beside_a_receiver.py",
)
# Examples pyright strict cannot pass for want of a third-party library's types, not of their own.
STRICT_EXEMPT = {
    "webhook_django.py": "Django ships no types (django-stubs is not a dependency): its API reads as Unknown",
    "webhook_django_worker.py": "imports webhook_django's receiver, whose module stands on Django's untyped API",
    "webhook_forward_celery.py": "Celery ships no stubs, and annotates contrib.testing's start_worker as an Iterable",
    "webhook_forward_streams.py": "redis-py's own annotations leave Redis.from_url's and ping's parameters Unknown",
}
# Checked under pyright strict besides STRICT_RECIPES: written to show typed code.
TYPED_EXAMPLES = ("spec_drift.py", "typed_code.py", "webhook_handlers.py")


def test_every_example_is_checked_under_pyright_strict_or_says_why_not() -> None:
    listed = [*STRICT_RECIPES, *STRICT_EXEMPT, *TYPED_EXAMPLES]
    assert sorted(listed) == sorted(path.name for path in EXAMPLES.glob("*.py"))
    assert len(set(listed)) == len(listed)


@pytest.mark.slow
def test_the_readme_example_and_the_typing_page_type_check_under_pyright_strict(tmp_path: Path) -> None:
    """What a user copies first, and the web framework recipes, are clean under the strictest
    checker users run (docs/typing.md).

    The README's first block is checked as the README shows it, copied out of README.md: a line
    changed there and not in examples/first_call.py must not slip past.
    """
    config = tmp_path / "pyrightconfig.json"
    config.write_text('{"typeCheckingMode": "strict"}', encoding="utf-8")
    readme_first = tmp_path / "readme_first_example.py"
    readme_first.write_text(blocks((ROOT / "README.md").read_text(encoding="utf-8"))[0].text, encoding="utf-8")
    typed = (*TYPED_EXAMPLES, *STRICT_RECIPES)
    files = [str(readme_first), *(str(EXAMPLES / name) for name in typed)]
    binaries = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{binaries}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(
        [str(binaries / "pyright"), "-p", str(config), "--pythonpath", sys.executable, *files],
        capture_output=True, text=True, env=env, timeout=240, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 errors, 0 warnings" in run.stdout
