"""Every example runs, and every Python block of the README and the docs is one that runs.

The examples under `examples/` run offline against the fake API, each in a fresh interpreter as a
user would run it. A Python block of README.md or docs/ must be an include of an executed example
(`--8<-- "examples/x.py:section"`, which the site build replaces by the file's text) or the exact
text of one, so that no example shown can rot; and right under it, a link to the whole file on the
site's Examples page (docs/examples.md), so that a reader of a fragment finds where it comes from.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.main_python_only

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(path for path in EXAMPLES.glob("*.py") if not path.name.startswith("test_"))
TESTS = sorted(EXAMPLES.glob("test_*.py"))
# Python blocks that show configuration rather than code to run, with the reason for each.
ALLOWED: dict[str, str] = {
    "docs/observability.md: from opentelemetry import metrics, trace": (
        "the OTLP exporters' setup: it imports opentelemetry-exporter-otlp-proto-http, which no dependency group"
        " installs (the tests have the SDK only), and sends what it exports to a collector"
    ),
    "docs/deploying.md: # gunicorn.conf.py": (
        "a gunicorn hook that needs the reader's own app module and proxy; tests/processes/test_servers.py"
        " runs gunicorn --preload with a module-level client and checks every answer"
    ),
    "docs/deploying.md: import httpx2": (
        "a Celery signal handler that needs the reader's own app module and proxy; tests/processes/test_servers.py"
        " runs a real prefork worker with a module-level client and checks every answer"
    ),
}
_FENCE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_INCLUDE = re.compile(r'^--8<-- "([^":]+)(?::([\w-]+))?"$')


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
    """The file's text (key None), its code after the module docstring (key "code"), and each
    `# --8<-- [start:name]` ... `[end:name]` section, dedented."""
    text = path.read_text(encoding="utf-8")
    sections: dict[str | None, str] = {None: text}
    module = ast.parse(text)
    if ast.get_docstring(module) is not None:
        sections["code"] = "\n".join(text.splitlines()[module.body[0].end_lineno or 0 :]).lstrip("\n") + "\n"
    for match in re.finditer(r"^[ \t]*# --8<-- \[start:([\w-]+)\]\n(.*?)^[ \t]*# --8<-- \[end:\1\]", text, re.M | re.S):
        lines = match.group(2).splitlines()
        indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
        sections[match.group(1)] = "\n".join(line[indent:] for line in lines) + "\n"
    return sections


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_every_python_block_is_an_executed_example() -> None:
    executed = {path.relative_to(ROOT).as_posix(): _sections(path) for path in SCRIPTS + TESTS}
    unexecuted = []
    for document in _documents():
        if "operations" in document.relative_to(ROOT).parts:
            continue  # signatures written from the spec, not examples
        for match in _FENCE.finditer(document.read_text(encoding="utf-8")):
            block = match.group(1)
            where = f"{document.relative_to(ROOT)}: {block.splitlines()[0] if block else ''}"
            lines = block.strip().splitlines()
            includes = [_INCLUDE.match(line) for line in lines]
            if lines and all(includes):
                for include in includes:
                    assert include is not None
                    file, section = include.group(1), include.group(2)
                    if file not in executed or section not in executed[file]:
                        unexecuted.append(f"{where} (includes what no test runs)")
            elif not any(block in sections.values() for sections in executed.values()) and where not in ALLOWED:
                unexecuted.append(where)
    assert unexecuted == []


def test_a_block_that_is_not_executed_is_caught(tmp_path: Path) -> None:
    """The check above is not vacuous: the README quotes an example, and a changed quote fails."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = [match.group(1) for match in _FENCE.finditer(readme)]
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
    for match in re.finditer(r"^```python\n(.*?)^```\n(.*)$", document, re.MULTILINE | re.DOTALL):
        block, after = match.group(1), match.group(2)
        first = f"{where}: {block.splitlines()[0] if block else ''}"
        if first in ALLOWED:
            continue
        includes = [_INCLUDE.match(line) for line in block.strip().splitlines()]
        if includes and all(includes):
            files = {include.group(1) for include in includes if include is not None}
        else:
            files = {file for file, sections in executed.items() if block in sections.values()}
        line = after.split("\n", 1)[0]
        if not files or not line.startswith(_LINK) or any(f"](examples.md#{_anchor(f)})" not in line for f in files):
            found.append(first)
    return found


def test_every_python_block_links_to_the_whole_example_it_comes_from() -> None:
    executed = {path.relative_to(ROOT).as_posix(): _sections(path) for path in SCRIPTS + TESTS}
    examples_page = (ROOT / "docs" / "examples.md").read_text(encoding="utf-8")
    assert [file for file in executed if f'--8<-- "{file}"' not in examples_page] == []
    assert [file for file in executed if f"{{#{_anchor(file)}}}" not in examples_page] == []
    unlinked = []
    for document in (ROOT / "docs").glob("*.md"):
        if document.name != "examples.md":
            unlinked += _unlinked(document.read_text(encoding="utf-8"), executed, str(document.relative_to(ROOT)))
    assert unlinked == []
    # Not vacuous: a block without its link, or linked to another file, is caught.
    shown = '```python\n--8<-- "examples/pagination.py:pages"\n```\n'
    linked = f"{_LINK}[`examples/pagination.py`](examples.md#pagination)</small>\n"
    assert _unlinked(shown + linked, executed, "docs/x.md") == []
    assert _unlinked(shown + "\n", executed, "docs/x.md") != []
    assert _unlinked(shown + linked.replace("#pagination", "#governor"), executed, "docs/x.md") != []


@pytest.mark.slow
def test_the_readme_example_and_the_typing_page_type_check_under_pyright_strict(tmp_path: Path) -> None:
    """What a user copies first is clean under the strictest checker users run (docs/typing.md).

    The README's first block is checked as the README shows it, copied out of README.md: a line
    changed there and not in examples/first_call.py must not slip past.
    """
    config = tmp_path / "pyrightconfig.json"
    config.write_text('{"typeCheckingMode": "strict"}', encoding="utf-8")
    readme_first = tmp_path / "readme_first_example.py"
    readme_first.write_text(_FENCE.findall((ROOT / "README.md").read_text(encoding="utf-8"))[0], encoding="utf-8")
    files = [str(readme_first), *(str(EXAMPLES / name) for name in ("typed_code.py", "webhook_handlers.py"))]
    binaries = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{binaries}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(
        [str(binaries / "pyright"), "-p", str(config), "--pythonpath", sys.executable, *files],
        capture_output=True, text=True, env=env, timeout=240, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 errors, 0 warnings" in run.stdout
