"""The ground floor: what every other room of the client stands on, and nothing of theirs.

Fork handling, the one Redis client factory, the one lease (with its fencing token) that ensures,
provisioning and the webhook stores take turns by, lazy imports, URLs as they may be shown, the
pickling of errors, and a value shared once by an object's copies. Nothing here imports another
room of the package (architecture.toml).
"""
