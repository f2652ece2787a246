"""What checks the project and writes nothing: the spec audit, the API diff, complexity, floors, the inventory."""
