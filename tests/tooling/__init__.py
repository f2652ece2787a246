"""The tooling around the package: generation, api-diff, the spec audit, packaging, the layers."""
