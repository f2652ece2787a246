"""The guides show their code, as written from the examples the tests run (`scripts/generate/docs_code.py`).

Read on the forge, a page shows what it holds: a snippet-include line would show instead of code.
So a page holds the sections it explains, each block marked with the sections it is written from,
and this fails when a page's code differs from them (or a page includes a section): run
`python -m scripts.generate.docs_code`. A whole file is included, never copied: the Examples page
holds each example once, as an include the site's build reads.
"""

from __future__ import annotations

import re

import pytest

from scripts.generate.docs_code import ROOT, pages, render, source_text, stale

_SECTION_INCLUDE = re.compile(r'^[ \t]*--8<-- "[^":\n]+:[^"\n]+"', re.MULTILINE)


def test_every_page_shows_the_code_of_its_examples() -> None:
    assert stale() == []


def test_no_page_includes_a_section_the_forge_would_show_as_a_line() -> None:
    assert [str(page.relative_to(ROOT)) for page in pages() if _SECTION_INCLUDE.search(page.read_text("utf-8"))] == []
    assert ROOT / "docs" / "examples.md" in pages()  # its whole files are checked as every page's are


def test_a_changed_block_is_written_back_and_an_include_becomes_the_code() -> None:
    """Not vacuous: a page whose code was edited by hand, or that includes, differs from its rendering."""
    shown = source_text("examples/pagination.py:pages")
    page = f'Text.\n\n<!-- example: examples/pagination.py:pages -->\n```python\n{shown}```\n<small>link</small>\n'
    assert render(page) == page
    assert render(page.replace(shown, shown.replace("await", "wait"))) == page
    assert render('Text.\n\n```python\n--8<-- "examples/pagination.py:pages"\n```\n<small>link</small>\n') == page
    several = source_text("examples/pagination.py:pages examples/pagination.py:pages")
    assert several == shown * 2
    indented = render('- item\n\n    ```python\n    --8<-- "examples/pagination.py:pages"\n    ```\n')
    assert "    <!-- example: examples/pagination.py:pages -->\n    ```python\n    " in indented
    whole = '```python\n--8<-- "examples/pagination.py"\n```\n'
    assert render(whole) == whole  # a whole file stays an include
    copied = f"<!-- example: examples/pagination.py -->\n```python\n{source_text('examples/pagination.py')}```\n"
    assert render(copied) == whole  # and a copy of one becomes its include


def test_a_source_that_does_not_exist_is_named() -> None:
    with pytest.raises(ValueError, match="examples/pagination.py:nothing: examples/pagination.py has no section"):
        source_text("examples/pagination.py:nothing")
    with pytest.raises(ValueError, match="examples/none.py: no file"):
        source_text("examples/none.py")
