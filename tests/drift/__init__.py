"""The drift fuzzer: every field a feature reads, planted absent, null and of another type (issue 75)."""
