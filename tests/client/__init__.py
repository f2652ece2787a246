"""The client as its users call it: configuration, calls, errors, retries, tokens, paging, webhooks."""
