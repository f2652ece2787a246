"""The code the guides show, written into each page from the examples the tests run.

A guide read on the forge (GitHub, GitLab) shows a snippet-include line (`--8<-- "examples/x.py:part"`)
where the site shows code: the forge does not run the site's Markdown extensions. So a page holds the
part of an example it explains, and the examples stay its source: each block is marked with the
example sections it shows, and this writes their text into it:

    <!-- example: examples/pagination.py:pages -->
    ```python
    ...the section `pages` of examples/pagination.py, as the tests run it...
    ```

A marker names one or more sections, `FILE:SECTION` (the lines between `# --8<-- [start:SECTION]` and
`# --8<-- [end:SECTION]`, without their common indentation, or `code`, a Python file after its module
docstring); the block shows them one after the other. A block still written as an include of sections
is turned into a marked one. A whole file is never copied into a page: a block that shows one stays an
include (`--8<-- "examples/x.py"`), which the site's pymdownx.snippets reads when it is built, and which
names the file a reader on the forge opens; a marked block naming whole files becomes such an include.
`tests/docs/test_docs_code.py` fails when a page's code differs from its example.

    python -m scripts.generate.docs_code [--check]
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
# A block marked with its sources: the marker, the fence (indented as the marker), the code.
MARKED = re.compile(
    r"^(?P<indent>[ \t]*)<!-- example: (?P<sources>[^>\n]+?) -->\n"
    r"(?P=indent)```(?P<lang>\w+)\n(?P<body>.*?)^(?P=indent)```$",
    re.MULTILINE | re.DOTALL,
)
# A block of snippet includes only, as the site's pymdownx.snippets reads them.
_INCLUDES = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>\w+)\n(?P<body>(?:(?P=indent)--8<-- \"[^\"\n]+\"\n)+)(?P=indent)```$",
    re.MULTILINE,
)
_INCLUDE = re.compile(r'--8<-- "([^"\n]+)"')
_SECTION = re.compile(r"^[ \t]*# --8<-- \[start:([\w-]+)\]\n(.*?)^[ \t]*# --8<-- \[end:\1\]", re.MULTILINE | re.DOTALL)


@cache
def example_sections(path: Path) -> dict[str | None, str]:
    """The file's text (key None), a Python file's code after its module docstring (key "code"), and
    each `# --8<-- [start:name]` ... `[end:name]` section, dedented (YAML files have them too)."""
    text = path.read_text(encoding="utf-8")
    sections: dict[str | None, str] = {None: text}
    module = ast.parse(text) if path.suffix == ".py" else None
    if module is not None and ast.get_docstring(module) is not None:
        sections["code"] = "\n".join(text.splitlines()[module.body[0].end_lineno or 0 :]).lstrip("\n") + "\n"
    for match in _SECTION.finditer(text):
        lines = match.group(2).splitlines()
        indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
        sections[match.group(1)] = "\n".join(line[indent:] for line in lines) + "\n"
    return sections


def source_text(sources: str) -> str:
    """The code a marker's sources name (`FILE[:SECTION] ...`), one after the other.

    Raises:
        ValueError: A file or section that does not exist, named.
    """
    parts = []
    for source in sources.split():
        file, _, section = source.partition(":")
        path = ROOT / file
        if not path.is_file():
            raise ValueError(f"{source}: no file {file}")
        sections = example_sections(path)
        if (section or None) not in sections:
            raise ValueError(f"{source}: {file} has no section {section!r}")
        parts.append(sections[section or None])
    return "".join(parts)


def render(page: str) -> str:
    """`page` with each include of sections marked and each marked block's code written from its
    sources, and each block of whole files an include."""
    page = _INCLUDES.sub(_marked, page)
    return MARKED.sub(_written, page)


def _whole_files(sources: str) -> bool:
    return all(":" not in source for source in sources.split())


def _marked(match: re.Match[str]) -> str:
    """An include block of sections as a marked one (its code written by `_written`)."""
    indent = match["indent"]
    sources = " ".join(_INCLUDE.findall(match["body"]))
    if _whole_files(sources):
        return match.group(0)
    return f"{indent}<!-- example: {sources} -->\n{indent}```{match['lang']}\n{indent}```"


def _written(match: re.Match[str]) -> str:
    indent = match["indent"]
    if _whole_files(match["sources"]):
        includes = "".join(f'{indent}--8<-- "{source}"\n' for source in match["sources"].split())
        return f"{indent}```{match['lang']}\n{includes}{indent}```"
    code = "".join(
        f"{indent}{line}" if line.strip() else line for line in source_text(match["sources"]).splitlines(True)
    )
    return f"{indent}<!-- example: {match['sources']} -->\n{indent}```{match['lang']}\n{code}{indent}```"


def pages() -> list[Path]:
    """The guides: every page of docs/ (the operation pages, written at build time, aside)."""
    return sorted(path for path in DOCS.rglob("*.md") if "operations" not in path.relative_to(DOCS).parts)


def stale() -> list[str]:
    """The pages whose code differs from their examples (or that include a section, or copy a whole file)."""
    return [str(path.relative_to(ROOT)) for path in pages() if render(text := path.read_text("utf-8")) != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 naming each stale page")
    arguments = parser.parse_args(argv)
    if arguments.check:
        found = stale()
        for page in found:
            print(f"{page}: its code differs from its examples (python -m scripts.generate.docs_code)")
        return 1 if found else 0
    for path in pages():
        text = path.read_text(encoding="utf-8")
        written = render(text)
        if written != text:
            path.write_text(written, encoding="utf-8")
            print(f"docs_code: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
