"""Provisioning employees: plans, applies, input files and the rate limit, against the fake."""
