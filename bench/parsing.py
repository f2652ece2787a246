"""Parsing the documented appointment: json.loads alone, the generated model, a pydantic v2 model.

    python -m bench.parsing [--rounds 20000]

Each parser gets the same bytes; the generated model and pydantic are timed including json.loads,
so each ratio says how much parsing into models costs on top of decoding the JSON.
"""

from __future__ import annotations

import argparse
import json
import timeit
from collections.abc import Callable

from pexip_engage_client.models import AppointmentResponse

from ._pydantic_models import AppointmentResponse as PydanticAppointmentResponse
from ._server import APPOINTMENT


def main(rounds: int) -> None:
    contenders: dict[str, Callable[[], object]] = {
        "json.loads": lambda: json.loads(APPOINTMENT),
        "generated from_dict": lambda: AppointmentResponse.from_dict(json.loads(APPOINTMENT)),
        "pydantic v2 model_validate": lambda: PydanticAppointmentResponse.model_validate(json.loads(APPOINTMENT)),
        "pydantic v2 model_validate_json": lambda: PydanticAppointmentResponse.model_validate_json(APPOINTMENT),
    }
    assert AppointmentResponse.from_dict(json.loads(APPOINTMENT)).data.id == "123"
    times = {}
    for name, parse in contenders.items():
        parse()  # warm-up
        times[name] = min(timeit.repeat(parse, number=rounds // 5, repeat=5)) / (rounds // 5)
    base = times["json.loads"]
    print(f"Parsing the documented appointment ({len(APPOINTMENT)} bytes), best of 5")
    for name, seconds in times.items():
        print(f"  {name:<32}{seconds * 1e6:8.1f} us   {seconds / base:5.2f}x json.loads")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20_000)
    main(parser.parse_args().rounds)
