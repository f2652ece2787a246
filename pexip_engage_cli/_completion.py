"""`pexip-engage completion bash|zsh`: a completion script that asks the command line itself.

The script calls `pexip-engage __complete WORD... CURRENT` on each Tab, which prints the candidates
from the same command table and parsers the command line uses: groups, commands, options, and the
values of an option with choices (enum values from the spec). A new operation is completed as soon
as it is a command, with nothing to regenerate.

    pexip-engage completion bash > ~/.local/share/bash-completion/completions/pexip-engage
    pexip-engage completion zsh > "${fpath[1]}/_pexip-engage"
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from . import _app, _table
from ._exit import OK

if TYPE_CHECKING:
    from ._context import Context
    from ._spec import ParserSpec

BASH = r"""# bash completion for pexip-engage (from `pexip-engage completion bash`)
_pexip_engage() {
    local IFS=$'\n'
    COMPREPLY=($(pexip-engage __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _pexip_engage pexip-engage
"""

ZSH = r"""#compdef pexip-engage
# zsh completion for pexip-engage (from `pexip-engage completion zsh`)
_pexip_engage() {
    local -a candidates
    candidates=("${(@f)$(pexip-engage __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    compadd -a candidates
}
compdef _pexip_engage pexip-engage
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH}


def configure(parser: ParserSpec) -> None:
    parser.describe(__doc__)
    parser.add_argument("shell", choices=sorted(SCRIPTS))


def run(options: argparse.Namespace, context: Context) -> int:
    print(SCRIPTS[options.shell], end="")
    return OK


def answer(words: list[str]) -> int:
    """`pexip-engage __complete WORD... CURRENT`: print the candidates, one a line."""
    print("\n".join(candidates(words)))
    return OK


def candidates(words: list[str]) -> list[str]:
    """What may follow `words[:-1]` and start with `words[-1]` (the word being completed)."""
    *before, current = words or [""]
    groups = _table.load()
    group, command = _app.command_words(before)
    if group is not None and command is None and group not in _app.SINGLE_COMMANDS:
        return _starting(current, sorted(_app.group_commands(group, groups)))  # the command after its group
    spec = _spec_for(before, groups, group)
    if spec is None:
        return []
    argument = spec.argument_for(before[-1]) if before else None
    if argument is not None and argument.takes_value:  # the value of an option
        return _starting(current, argument.choices)
    if current.startswith("-"):
        return _starting(current, spec.option_names())
    return _starting(current, _app.group_names(groups)) if group is None else []


def _starting(current: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(current)]


def _spec_for(before: list[str], groups: dict[str, _table.GroupSpec], group: str | None) -> ParserSpec | None:
    """The spec of the command the words name: the top one for no or an unknown group, None for an unknown command."""
    top, commands = _app.build_parser(before, groups)
    for parser, _ in commands.values():  # at most one: the command `before` names, if it is known
        return parser.spec
    return None if group in _app.group_names(groups) else top.spec
