"""`UNSET`: the value of a field or argument that was not given, as distinct from `None` (JSON null)."""

from typing import Literal


class Unset:
    """The type of `UNSET`; falsy, so `if value:` treats an absent value like an empty one."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:  # the name callers write, so a logged model or argument reads as code
        return "UNSET"

    # Pickled and copied as the one UNSET: the generated code tests `is not UNSET`, so an unpickled
    # model (a page sent to a worker process) would otherwise write its absent fields out.
    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()
