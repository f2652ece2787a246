"""`ensure_*`: creates keyed by an external id, and the turns and leases that keep them single."""
