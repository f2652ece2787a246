"""Process safety: what threads, fork() and other processes do to the client, tried for real."""
