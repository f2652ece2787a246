"""The report's lines: one per failing fact (and per holding fact with ``--verbose``)."""

from __future__ import annotations

from collections.abc import Sequence

from .run import Outcome


def report_lines(outcomes: Sequence[Outcome], *, verbose: bool) -> list[str]:
    """One line per failing fact (and per holding fact when verbose).

    When a field or parameter is missing altogether, the facts about it and its members fail with
    it; they are counted but folded into the line that reports the missing place.
    """
    ordered = sorted(outcomes, key=lambda o: (o.fact.page, o.fact.where, o.fact.kind != "present", o.fact.kind))
    missing = {(o.fact.page, o.fact.where) for o in ordered if o.fact.kind == "present" and not o.holds}

    def missing_ancestor(outcome: Outcome) -> tuple[str, str] | None:
        parts = outcome.fact.where.split(".")
        for end in range(1, len(parts) + 1):
            place = (outcome.fact.page, ".".join(parts[:end]))
            if place in missing and (end < len(parts) or outcome.fact.kind != "present"):
                return place
        return None

    folded: dict[tuple[str, str], int] = {}
    shown: list[Outcome] = []
    for outcome in ordered:
        place = None if outcome.holds else missing_ancestor(outcome)
        if place is not None:
            folded[place] = folded.get(place, 0) + 1
        else:
            shown.append(outcome)
    lines = []
    for outcome in shown:
        if outcome.holds and not verbose:
            continue
        fact = outcome.fact
        mark = "ok" if outcome.holds else "MISMATCH"
        line = f"{mark} {fact.page} {fact.where}: docs say {outcome.documented}; spec says {outcome.spec_says}"
        extra = folded.get((fact.page, fact.where)) if fact.kind == "present" else None
        lines.append(f"{line} (+{extra} facts about it fail with it)" if extra else line)
    return lines
