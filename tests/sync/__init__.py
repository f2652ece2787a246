"""`SyncPexipEngage` against the fake in memory and served, from threads and from inside a running loop."""
