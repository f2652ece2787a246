"""The mean cyclomatic complexity of the hand-written code, and its most complex blocks (`make complexity`).

Measured as `radon cc -a` measures it: every block radon sees (function, method, class) counts
once, a class as its methods' mean plus one. The scope is the two packages, the client and the
command line, without the generated layer (`pexip_engage_client/_generated/`): what people write
and read. Scripts, tests, benchmarks and examples are left out, as the packages' peers in the
issue that set the bound were measured. `--max` exits 1 when the mean is above the figure given.

Like radon, it does not count a function or class nested in a function: its branches count nowhere,
so a closure is no place to move branching to (the fake's HTTP handler was made a module-level
class for that reason).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from radon.complexity import cc_visit  # type: ignore[import-untyped]  # radon ships no types

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pexip_engage_client", "pexip_engage_cli")
GENERATED = Path("pexip_engage_client", "_generated")


@dataclass(frozen=True)
class Block:
    path: str
    line: int
    name: str
    complexity: int


def blocks(root: Path = ROOT) -> list[Block]:
    """Every block of the hand-written modules, as radon's `cc` command lists them."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            where = path.relative_to(root)
            if where.is_relative_to(GENERATED):
                continue
            for block in cc_visit(path.read_text(encoding="utf-8")):
                found.append(Block(where.as_posix(), block.lineno, block.fullname, block.complexity))
    return found


def mean(found: list[Block]) -> float:
    return sum(block.complexity for block in found) / len(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=15, help="how many of the most complex blocks to list")
    parser.add_argument("--max", type=float, help="exit 1 when the mean is above this")
    args = parser.parse_args(argv)
    found = blocks()
    figure = mean(found)
    for block in sorted(found, key=lambda block: -block.complexity)[: args.worst]:
        print(f"{block.complexity:4}  {block.path}:{block.line} {block.name}")
    print(f"mean cyclomatic complexity: {figure:.3f} over {len(found)} blocks ({', '.join(PACKAGES)}; not _generated)")
    if args.max is not None and figure > args.max:
        print(f"complexity: the mean is above {args.max}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
