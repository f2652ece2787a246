"""A command's connection settings: options, then the library's environment variables, then the chosen
profile of the config file (docs/cli.md, "Configuration").
"""

from __future__ import annotations

import os
import sys
from typing import Any

from ._exit import USAGE, CommandError, read_text

# What a profile may set; each is also an option and, where the library reads one, a variable.
_PROFILE_KEYS = frozenset(
    {"enterprise", "environment", "base_url", "auth_url", "client_id", "client_secret_file", "token_file", "scopes"}
)
_VARIABLES = {
    name: f"PEXIP_ENGAGE_{name.upper()}" for name in ("enterprise", "environment", "base_url", "auth_url", "client_id")
}
PROFILE_VARIABLE = "PEXIP_ENGAGE_PROFILE"
HISTORY_WARNING = (
    "warning: --client-secret is kept in your shell's history and visible to other users in the process "
    "list; prefer PEXIP_ENGAGE_CLIENT_SECRET, --client-secret-file or the prompt"
)


def config_path() -> str:
    # os.path, not pathlib: a call's start-up would load pathlib for this one name.
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "pexip-engage", "config.toml")


def read_profile(name: str | None) -> dict[str, Any]:
    """The settings of profile `name` (or of `default`, when it exists and no name was given)."""
    path = config_path()
    if not os.path.isfile(path):
        if name is not None:
            raise CommandError(f"profile {name!r} asked for, but there is no config file at {path}")
        return {}
    import tomllib  # noqa: PLC0415 - only when a config file exists

    text = read_text(path, path)
    try:
        profiles = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CommandError(f"cannot read {path}: {exc}") from None
    chosen = name or "default"
    profile = profiles.get(chosen)
    if profile is None:
        if name is None:
            return {}
        known = ", ".join(sorted(profiles)) or "none"
        raise CommandError(f"no profile {chosen!r} in {path} (profiles: {known})")
    return _checked_profile(profile, chosen, path)


def _checked_profile(profile: object, chosen: str, path: str) -> dict[str, Any]:
    """Profile `chosen` as read from `path`: a table of the known settings, with no secret in it."""
    if not isinstance(profile, dict):
        raise CommandError(f"{path}: [{chosen}] must be a table of settings")
    if "client_secret" in profile:
        raise CommandError(
            f"{path}: [{chosen}] holds client_secret; keep the secret in a file of its own and name it with "
            "client_secret_file (or set PEXIP_ENGAGE_CLIENT_SECRET)"
        )
    unknown = sorted(set(profile) - _PROFILE_KEYS)
    if unknown:
        raise CommandError(f"{path}: [{chosen}] has unknown settings {unknown} (known: {sorted(_PROFILE_KEYS)})")
    return profile


class Settings:
    """The arguments `PexipEngage` is built with; `None` lets the library decide. A plain class: a dataclass costs
    a command line call 0.4 ms to create; its repr names no value, so it shows no secret."""

    __slots__ = ("auth_url", "base_url", "client_id", "client_secret", "enterprise", "environment", "scopes", "token")

    def __init__(self) -> None:
        self.enterprise: str | None = None
        self.environment: str | None = None
        self.base_url: str | None = None
        self.auth_url: str | None = None
        self.client_id: str | None = None
        self.client_secret: str | None = None
        self.token: str | None = None
        self.scopes: list[str] | None = None

    def client_arguments(self) -> dict[str, Any]:
        """The settings given, by the names of `PexipEngage`'s arguments (each slot is one)."""
        return {name: getattr(self, name) for name in self.__slots__ if getattr(self, name) is not None}


def resolve(options: Any) -> Settings:
    """Settings from the command line's `options`, the environment and the profile, in that order."""
    profile_name = getattr(options, "profile", None) or os.environ.get(PROFILE_VARIABLE)
    profile = read_profile(profile_name)
    settings = Settings()
    for name, variable in _VARIABLES.items():
        value = getattr(options, name, None) or os.environ.get(variable) or profile.get(name)
        if not isinstance(value, str | None):  # a profile's value of another type
            raise CommandError(f"{config_path()}: {name} must be text")
        setattr(settings, name, value)
    settings.scopes = _scopes(profile)
    settings.token = _token(profile)
    if settings.client_id:
        settings.client_secret = _client_secret(options, profile)
    return settings


def _scopes(profile: dict[str, Any]) -> list[str] | None:
    scopes = profile.get("scopes")
    if scopes is not None and (not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes)):
        raise CommandError(f"{config_path()}: scopes must be a list of text")
    return scopes


def _token(profile: dict[str, Any]) -> str | None:
    """The environment's token, else the profile's token file's."""
    token = os.environ.get("PEXIP_ENGAGE_TOKEN") or None
    if token is None and profile.get("token_file"):
        return _read_secret_file(profile["token_file"], "token_file")
    return token


def _client_secret(options: Any, profile: dict[str, Any]) -> str | None:
    given = getattr(options, "client_secret", None)
    if given:
        print(HISTORY_WARNING, file=sys.stderr)
        return str(given)
    secret_file = getattr(options, "client_secret_file", None)
    if secret_file:
        return _read_secret_file(secret_file, "--client-secret-file")
    from pexip_engage_client._base.secret_file import client_secret_from_environment  # noqa: PLC0415

    try:  # the library's own reading: PEXIP_ENGAGE_CLIENT_SECRET, else the file PEXIP_ENGAGE_CLIENT_SECRET_FILE names
        secret = client_secret_from_environment()
    except ValueError as error:  # names the variable and the path, never the file's content
        raise CommandError(str(error)) from None
    if secret:
        return secret
    if profile.get("client_secret_file"):
        return _read_secret_file(profile["client_secret_file"], "client_secret_file")
    if sys.stdin.isatty():
        import getpass  # noqa: PLC0415 - only when prompting

        secret = getpass.getpass("Client secret: ")
        if secret:
            return secret
    raise CommandError(
        "a client id is set but no client secret: set PEXIP_ENGAGE_CLIENT_SECRET, name a file with "
        "PEXIP_ENGAGE_CLIENT_SECRET_FILE or --client-secret-file (or client_secret_file in the profile), or run in a "
        "terminal to be asked",
        USAGE,
    )


def _read_secret_file(name: object, setting: str) -> str:
    if not isinstance(name, str):
        raise CommandError(f"{setting} must be a file name")
    path = os.path.expanduser(name)
    secret = read_text(path, f"{setting} {path}", secret=True).strip()
    if not secret:
        raise CommandError(f"{setting} {path} is empty")
    return secret
