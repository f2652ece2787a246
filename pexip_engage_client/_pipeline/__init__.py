"""The request pipeline: arguments to a result or a typed error (auth, middleware, retries, decoding, lifecycle)."""
