"""The command line's argparse parser: no abbreviated options, and a usage error's one line first (argparse
prints the whole usage before it), then the nearest command or option, then where the full help is.
"""

from __future__ import annotations

import argparse
import re

from ._spec import ParserSpec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, NoReturn

# argparse's wording (3.11 to 3.13); a message in another wording is printed as it is, without a guess.
_INVALID_CHOICE = re.compile(
    r"(?:argument (?P<argument>[^:]+): )?invalid choice: (?P<quote>['\"])(?P<value>.*?)(?P=quote)"
    r"(?P<choices> \(choose from .*\))?$",
    re.DOTALL,
)
_UNRECOGNIZED = "unrecognized arguments: "
# A list of commands longer than this is left to --help (it lists them): one error line, not a screenful of names.
# A refused option's value always lists the valid ones.
_CHOICES_SHOWN = 8


class Parser(argparse.ArgumentParser):
    """An `ArgumentParser` made from a `ParserSpec`: takes an option only by its full name, says errors first."""

    def __init__(self, *args: Any, spec: ParserSpec | None = None, **kwargs: Any) -> None:
        self.spec = ParserSpec() if spec is None else spec
        # `--client` must never be read as `--client-id`: an abbreviation is ambiguous as soon as a
        # command gains an option, and `fake serve --client` is an option of its own.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **{**kwargs, **self.spec.parser_keywords()})
        self.spec.fill(self)

    def error(self, message: str) -> NoReturn:
        lines = [f"{self.prog}: error: {_shortened(message)}"]
        guesses = suggestions(self.spec, message)
        if guesses:
            lines.append(f"  did you mean {', '.join(guesses[:-1])}{' or ' if len(guesses) > 1 else ''}{guesses[-1]}?")
        lines.append(f"  see `{self.prog} --help`")
        self.exit(2, "\n".join(lines) + "\n")


def _shortened(message: str) -> str:
    found = _INVALID_CHOICE.search(message)
    if found is None or found["argument"] != "COMMAND" or (found["choices"] or "").count(",") < _CHOICES_SHOWN:
        return message
    return message[: found.start("choices")]


def invalid_choice(option: str, value: str, choices: Sequence[str]) -> str:
    """A value a command's own check refuses (the valid ones depend on another option, or on the spec the command
    loads to run), in argparse's words for a refused choice, listing the valid ones, and the nearest."""
    import difflib  # noqa: PLC0415 - only a failed command line pays for it

    near = difflib.get_close_matches(value, choices, n=1)
    listed = ", ".join(map(repr, choices))
    return f"argument {option}: invalid choice: {value!r} (choose from {listed})" + (
        f"; did you mean {near[0]!r}?" if near else ""
    )


def suggestions(spec: ParserSpec, message: str) -> list[str]:
    """The commands, option names or values nearest to the mistyped word(s) in `message`."""
    found = _INVALID_CHOICE.search(message)
    if found is not None:
        return _nearest_choices(spec, found["argument"], found["value"])
    if message.startswith(_UNRECOGNIZED):
        return _nearest_options(spec, message[len(_UNRECOGNIZED) :].split())
    return []


def _nearest_choices(spec: ParserSpec, argument_called: str | None, value: str) -> list[str]:
    """The choices nearest `value`: of the argument argparse named, else of any argument."""
    import difflib  # noqa: PLC0415 - only a failed command line pays for it

    named = [argument for argument in spec.arguments if argument_called in argument.called()]
    choices = [choice for argument in named or spec.arguments for choice in argument.choices]
    return [repr(match) for match in difflib.get_close_matches(value, choices, n=3)]


def _nearest_options(spec: ParserSpec, words: list[str]) -> list[str]:
    """The options nearest each `--word` argparse did not recognise, each once."""
    import difflib  # noqa: PLC0415

    options = [name for name in spec.option_names() if name.startswith("--")]
    guesses: list[str] = []
    for word in words:
        if word.startswith("--"):
            name = word.partition("=")[0]
            guesses += [match for match in difflib.get_close_matches(name, options, n=2) if match not in guesses]
    return guesses
