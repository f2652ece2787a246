"""The command line's parsers, declared: a `ParserSpec` holds a command's text and arguments as plain data, the
argparse parser is derived from it, and every other reader of a command's options (completion, a usage
error's guesses) reads the spec: argparse keeps its own list private (`_actions`).
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # typing itself is not imported at run time (see _app)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

# argparse's actions that take no value after the option.
_NO_VALUE = frozenset({
    "store_true", "store_false", "store_const", "append_const", "count", "help", "version",
    argparse.BooleanOptionalAction,
})  # fmt: skip
HELP = ("-h", "--help")


class Argument:
    """One argument as declared: its names (option strings, or a positional's name) and argparse's keywords."""

    __slots__ = ("group", "names", "options")

    def __init__(self, names: tuple[str, ...], options: dict[str, Any], group: Group | None) -> None:
        self.names = names
        self.options = options
        self.group = group  # None: the parser's own

    @property
    def is_option(self) -> bool:
        return self.names[0].startswith("-")

    @property
    def option_names(self) -> list[str]:
        """What may be typed for it; `--no-NAME` too for a `BooleanOptionalAction`."""
        if not self.is_option:
            return []
        if self.options.get("action") is argparse.BooleanOptionalAction:
            return [*self.names, *("--no-" + name[2:] for name in self.names if name.startswith("--"))]
        return list(self.names)

    @property
    def takes_value(self) -> bool:
        return self.is_option and self.options.get("action") not in _NO_VALUE and self.options.get("nargs") != 0

    @property
    def choices(self) -> list[str]:
        return [str(choice) for choice in self.options.get("choices") or ()]

    def called(self) -> set[str]:
        """What argparse calls it in its messages: its options joined by '/', else its metavar and name."""
        if self.is_option:
            return {"/".join(self.names)}
        return {self.names[0], str(self.options.get("metavar", self.names[0]))}


class Group:
    """Arguments shown under a title of their own in the help, or that exclude each other."""

    __slots__ = ("description", "exclusive", "required", "spec", "title")

    def __init__(
        self,
        spec: ParserSpec,
        title: str | None,
        description: str | None,
        *,
        exclusive: bool = False,
        required: bool = False,
    ) -> None:
        self.spec, self.title, self.description = spec, title, description
        self.exclusive, self.required = exclusive, required
        spec.groups.append(self)

    def add_argument(self, *names: str, **options: Any) -> Argument:
        return self.spec.declare(names, options, self)


class ParserSpec:
    """One parser's description: its texts, its arguments in the order declared, and their groups."""

    def __init__(
        self,
        description: str | None = None,
        *,
        epilog: str | None = None,
        formatter_class: type[argparse.HelpFormatter] | None = None,
    ) -> None:
        self.description = description
        self.epilog = epilog
        self.formatter_class = formatter_class
        self.arguments: list[Argument] = []
        self.groups: list[Group] = []
        self.defaults: dict[str, Any] = {}

    def describe(self, text: str | None) -> None:
        """The help's text, printed as written: its paragraphs, line breaks and indented examples kept."""
        self.description, self.formatter_class = text, argparse.RawDescriptionHelpFormatter

    def declare(self, names: Sequence[str], options: dict[str, Any], group: Group | None) -> Argument:
        if not names:
            raise ValueError("an argument needs a name")
        argument = Argument(tuple(names), options, group)
        self.arguments.append(argument)
        return argument

    def add_argument(self, *names: str, **options: Any) -> Argument:
        return self.declare(names, options, None)

    def add_argument_group(self, title: str | None = None, description: str | None = None) -> Group:
        return Group(self, title, description)

    def add_mutually_exclusive_group(self, *, required: bool = False) -> Group:
        return Group(self, None, None, exclusive=True, required=required)

    def set_defaults(self, **defaults: Any) -> None:
        self.defaults.update(defaults)

    def option_names(self) -> list[str]:
        """Every option that may be typed, `-h`/`--help` (which argparse adds to every parser) first."""
        return [*HELP, *(name for argument in self.arguments for name in argument.option_names)]

    def value_options(self) -> frozenset[str]:
        """The options followed by a value: a scan of the command line skips their values."""
        return frozenset(name for argument in self.arguments if argument.takes_value for name in argument.names)

    def argument_for(self, option: str) -> Argument | None:
        return next((argument for argument in self.arguments if option in argument.option_names), None)

    def parser_keywords(self) -> dict[str, Any]:
        """The keywords of `ArgumentParser` that the spec sets."""
        keywords = {"description": self.description, "epilog": self.epilog, "formatter_class": self.formatter_class}
        return {name: value for name, value in keywords.items() if value is not None}

    def fill(self, parser: argparse.ArgumentParser) -> None:
        """Add the declared groups and arguments to `parser` (made with `parser_keywords()`)."""
        targets: dict[Group | None, Any] = {None: parser}  # a group by identity: Group defines no __eq__
        for group in self.groups:
            if group.exclusive:
                targets[group] = parser.add_mutually_exclusive_group(required=group.required)
            else:
                targets[group] = parser.add_argument_group(group.title, group.description)
        for argument in self.arguments:
            targets[argument.group].add_argument(*argument.names, **argument.options)
        parser.set_defaults(**self.defaults)


def scan(argv: Sequence[str], value_options: frozenset[str]) -> tuple[str | None, str | None]:
    """The first two words that are neither options nor option values: the group and the command.

    A word after `-h`/`--help` is not taken: `pexip-engage --help employees` asks for the top help.
    """
    words: list[str] = []
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--" or argument in HELP:
            break
        if argument in value_options:
            next(arguments, None)  # its value
        elif not argument.startswith("-"):
            words.append(argument)
    found = iter(words)
    return next(found, None), next(found, None)
