"""The request pipeline: arguments to a result or a typed error (auth, retries, decoding, lifecycle)."""
