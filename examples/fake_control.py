"""Faults scripted over HTTP, as a test in another process scripts `pexip-engage fake serve
--control-token-file FILE`: two creates that fail with a 503, then one whose write lands and whose
connection drops; the one after is served. Runs offline (the fake is served here, on 127.0.0.1)."""

import secrets

import httpx2

from pexip_engage_client import SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage


def main() -> None:
    token = secrets.token_urlsafe(24)  # what the file given to --control-token-file holds
    fake = FakePexipEngage()
    with fake.serve(control_token=token) as root:
        # --8<-- [start:control]
        control = httpx2.Client(base_url=root, headers={"Authorization": f"Bearer {token}"})
        # The next two creates of a lead segment fail with a 503 and this code.
        fault = {"operation": "createLeadSegment", "status": 503, "code": "MAINTENANCE", "times": 2}
        control.post("/_fake/faults", json=fault).raise_for_status()
        # Faults queue up: the third is stored, then its connection dropped (its answer lost, not its write).
        lost_answer = {"operation": "createLeadSegment", "commit": True, "disconnect": True}
        control.post("/_fake/faults", json=lost_answer).raise_for_status()
        scripted = control.get("/_fake/faults").json()["data"]  # what is still scripted, in the order taken
        print([(fault["operation"], fault["times"]) for fault in scripted])
        # [('createLeadSegment', 2), ('createLeadSegment', 1)]
        # --8<-- [end:control]
        outcomes: list[str] = []
        with SyncPexipEngage("acme", token="t", base_url=root, max_retries=0) as engage:
            for code in ("FIRST", "SECOND", "THIRD", "FOURTH"):
                try:
                    outcomes.append(engage.lead_segments.create_lead_segment(body={"code": code}).code)
                except (errors.ServerError, errors.APIConnectionError) as error:
                    outcomes.append(type(error).__name__)
        control.delete("/_fake/faults")  # none left
        control.close()
    print(outcomes)  # ['ServerError', 'ServerError', 'APIConnectionError', 'FOURTH']: the fourth is served
    stored = sorted(segment["code"] for segment in fake.lead_segments.values())
    print(stored)  # ['FOURTH', 'THIRD']: the dropped answer's write landed
    if outcomes != ["ServerError", "ServerError", "APIConnectionError", "FOURTH"] or stored != ["FOURTH", "THIRD"]:
        raise SystemExit("the scripted faults did not happen as scripted")


if __name__ == "__main__":
    main()
