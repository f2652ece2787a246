"""The fake API (pexip_engage_client/testing/): its behaviour, its server, its agreement with the spec."""
