"""One event stream per call, which the log, the wire log, event hooks, OpenTelemetry and `--debug` consume."""
