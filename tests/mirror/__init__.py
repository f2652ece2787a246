"""The appointment mirror (issue 89): its table, reads, catch-ups, hooks, check and faults, against the fake."""
