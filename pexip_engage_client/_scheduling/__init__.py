"""Scheduling: free/busy, candidate start times and booking the first that holds."""
