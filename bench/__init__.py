"""Benchmarks: run with `make bench`. They print ratios measured in one run, not absolute claims."""
