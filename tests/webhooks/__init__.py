"""The webhook receiver: its stores, ordering, bad input, load, and a process killed mid-work."""
