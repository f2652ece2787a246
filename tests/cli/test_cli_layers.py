"""The command line is a user of the client: it imports the public package, never its private modules."""

from __future__ import annotations

import ast

from ..conftest import ROOT

# What the command line may import of the client: the public surface, the webhook receiver
# (`webhooks listen`), provisioning (`employees plan` and `apply`), and the fake's server program
# (`pexip-engage fake serve` is `python -m pexip_engage_client.testing` under another name).
ALLOWED = {"pexip_engage_client", "pexip_engage_client.errors", "pexip_engage_client.provisioning",
           "pexip_engage_client.testing", "pexip_engage_client.testing.__main__",
           "pexip_engage_client.webhooks"}  # fmt: skip


def test_the_command_line_imports_only_the_public_client() -> None:
    imported: dict[str, set[str]] = {}
    for path in sorted((ROOT / "pexip_engage_cli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                names = {alias.name for alias in node.names}
            else:
                continue
            for name in names:
                if name.startswith("pexip_engage_client"):
                    imported.setdefault(path.name, set()).add(name)
    used = {name for names in imported.values() for name in names}
    assert used, "the command line imports nothing of the client?"
    private = {name for name in used if any(part.startswith("_") and part != "__main__" for part in name.split("."))}
    assert private == set(), imported
    modules = {name for name in used if name in ALLOWED or name.rsplit(".", 1)[0] in ALLOWED}
    assert modules == used, used - modules
