"""The command line: every command, its output and exit codes, run as users run it."""
