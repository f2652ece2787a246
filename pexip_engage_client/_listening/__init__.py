"""What listens to the calls' event stream (`_telemetry/_stream.py`): the event hooks, the log and the wire log,
OpenTelemetry's spans and metrics, `--debug`; the facade makes it once something may listen."""
