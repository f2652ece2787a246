"""What several test modules share, imported from here and never from a conftest: the spec, clients, servers.

`spec` (the root, openapi.yaml, its examples), `clients` (clients on a recording transport),
`loopback` and `redis_server` (real servers), `cli`, `telemetry`, `stores`, `employees`, and
`leaks` (where secrets may leak).
"""
