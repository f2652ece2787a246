"""Project tooling, by purpose: `generate/` writes files (the client, its twins, docs), `checks/` only reads them."""
