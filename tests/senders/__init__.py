"""The senders (pexip_engage_client/_senders/): real loopback servers, faults, deadlines, the gate."""
