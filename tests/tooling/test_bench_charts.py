"""The benchmark page and charts: drawn from the results file, and the committed ones match it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts.generate import bench_charts

from ..support.spec import ROOT

SVG = "{http://www.w3.org/2000/svg}"


def results_file(tmp_path: Path) -> Path:
    rows = [
        {
            "suite": "calls",
            "case": "latency",
            "client": "raw",
            "baseline": None,
            "unit": "us",
            "higher_is_better": False,
            "value": 200.0,
            "baseline_value": None,
            "ratio": None,
            "ratio_spread": None,
        },
        {
            "suite": "calls",
            "case": "latency",
            "client": "ours",
            "baseline": "raw",
            "unit": "us",
            "higher_is_better": False,
            "value": 210.0,
            "baseline_value": 200.0,
            "ratio": 1.05,
            "ratio_spread": [0.98, 1.3],
        },
        {
            "suite": "calls",
            "case": "calls per second",
            "client": "ours",
            "baseline": "raw",
            "unit": "calls/s",
            "higher_is_better": True,
            "value": 900.0,
            "baseline_value": 1000.0,
            "ratio": 0.9,
            "ratio_spread": [0.8, 0.95],
        },
        {
            "suite": "footprint",
            "case": "start-up",
            "client": "ours",
            "baseline": None,
            "unit": "ms",
            "higher_is_better": False,
            "value": 199.0,
            "baseline_value": None,
            "ratio": None,
            "ratio_spread": None,
        },
    ]
    path = tmp_path / "benchmarks" / "results.json"
    path.parent.mkdir()
    results = {"date": "2026-11-23", "commit": "abc123", "python": "3.11.7", "machine": "2 cores, a CPU", "rows": rows}
    path.write_text(json.dumps(results))
    return path


def test_a_chart_per_suite_with_a_bar_and_whisker_per_compared_row(tmp_path: Path) -> None:
    results = results_file(tmp_path)
    page = tmp_path / "benchmarks.md"
    page.write_text(f"# Benchmarks\n\nbefore\n\n{bench_charts.BEGIN}\nold\n{bench_charts.END}\n\nafter\n")

    assert bench_charts.main(["--results", str(results), "--page", str(page)]) == 0

    svg = ET.parse(results.parent / "calls.svg").getroot()  # noqa: S314 - our own file
    bars = [rect for rect in svg.iter(f"{SVG}rect") if rect.get("height") == str(bench_charts.BAR_HEIGHT)]
    assert len(bars) == 2  # the rows with a ratio; the baseline's own row has none
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert "1.05x" in texts
    assert "0.90x" in texts
    assert "ours / raw" in texts
    # The bar's length is proportional to the ratio.
    widths = sorted(float(bar.get("width", "0")) for bar in bars)
    assert widths[1] / widths[0] == pytest.approx(1.05 / 0.9, rel=0.01)
    # Worse than the baseline is drawn in another colour than better: 1.05x of a latency, 0.9x of a rate.
    assert {bar.get("fill") for bar in bars} == {"#e08a3c"}
    assert not (results.parent / "footprint.svg").exists()  # nothing to compare in that suite

    text = page.read_text()
    assert text.startswith("# Benchmarks\n\nbefore\n\n")
    assert text.endswith("\n\nafter\n")
    assert "old" not in text
    assert "on 2026-11-23, at commit `abc123`, Python 3.11.7, on 2 cores, a CPU" in text
    assert "![calls: ratio of each client to its baseline](benchmarks/calls.svg)" in text
    assert "| latency (lower is better) | ours | 210 us | raw | 200 us | 1.05x | 0.98-1.30 |" in text
    assert "| start-up (lower is better) | ours | 199 ms | | | | |" in text

    assert bench_charts.main(["--results", str(results), "--page", str(page), "--check"]) == 0
    page.write_text(text.replace("1.05x", "1.01x"))
    assert bench_charts.main(["--results", str(results), "--page", str(page), "--check"]) == 1


def test_a_page_without_the_markers_is_refused(tmp_path: Path) -> None:
    results = results_file(tmp_path)
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n")
    with pytest.raises(ValueError, match="markers"):
        bench_charts.main(["--results", str(results), "--page", str(page)])


def test_the_committed_page_and_charts_match_the_committed_results() -> None:
    assert bench_charts.main(["--check"]) == 0, "run python -m scripts.generate.bench_charts after make bench"
    assert (ROOT / "docs" / "benchmarks" / "bench-output.txt").exists()
