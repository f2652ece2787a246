"""The report's lines: one per failing fact (and per holding fact with ``--verbose``)."""

from __future__ import annotations

from collections.abc import Sequence

from .run import Outcome

Place = tuple[str, str]  # (page, where)


def report_lines(outcomes: Sequence[Outcome], *, verbose: bool) -> list[str]:
    """One line per failing fact (and per holding fact when verbose).

    When a field or parameter is missing altogether, the facts about it and its members fail with
    it; they are counted but folded into the line that reports the missing place.
    """
    ordered = sorted(outcomes, key=lambda o: (o.fact.page, o.fact.where, o.fact.kind != "present", o.fact.kind))
    shown, folded = _fold(ordered)
    return [_line(outcome, folded) for outcome in shown if verbose or not outcome.holds]


def _fold(ordered: list[Outcome]) -> tuple[list[Outcome], dict[Place, int]]:
    """The outcomes to show, and how many failing facts each missing place stands for."""
    missing = {(o.fact.page, o.fact.where) for o in ordered if o.fact.kind == "present" and not o.holds}
    folded: dict[Place, int] = {}
    shown: list[Outcome] = []
    for outcome in ordered:
        place = None if outcome.holds else _missing_ancestor(outcome, missing)
        if place is not None:
            folded[place] = folded.get(place, 0) + 1
        else:
            shown.append(outcome)
    return shown, folded


def _missing_ancestor(outcome: Outcome, missing: set[Place]) -> Place | None:
    """The missing place a failing fact is folded into: its own (unless it is that place's
    "present" fact, which reports it) or the nearest missing parent's."""
    parts = outcome.fact.where.split(".")
    for end in range(1, len(parts) + 1):
        place = (outcome.fact.page, ".".join(parts[:end]))
        if place in missing and (end < len(parts) or outcome.fact.kind != "present"):
            return place
    return None


def _line(outcome: Outcome, folded: dict[Place, int]) -> str:
    fact = outcome.fact
    mark = "ok" if outcome.holds else "MISMATCH"
    line = f"{mark} {fact.page} {fact.where}: docs say {outcome.documented}; spec says {outcome.spec_says}"
    extra = folded.get((fact.page, fact.where)) if fact.kind == "present" else None
    return f"{line} (+{extra} facts about it fail with it)" if extra else line
