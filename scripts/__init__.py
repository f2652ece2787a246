"""Project tooling: generation, typed parsers, the CLI table, api.md, the spec audit, benchmark charts."""
