"""The settings table: every tunable of newsgraph, its default, and why it exists.

One table serves every command and the server.  Values are layered: the defaults
below, then a TOML file (``--config FILE`` or ``NEWSGRAPH_CONFIG``), then environment
variables named ``NEWSGRAPH_`` + the setting in capitals, then explicit overrides
(command-line options, or the mapping a test passes to ``create_app``).
``docs/configuration.md`` is checked against this table by a test.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

ENV_PREFIX = "NEWSGRAPH_"


def _setting(default: Any, help: str) -> Any:  # noqa: A002 - "help" reads best in the table
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Immutable settings; build one with :func:`load_settings`."""

    base_uri: str = _setting(
        "http://localhost:8080",
        "Base of every minted URI ({base}/id/...). Set it to the public address before "
        "publishing: URIs are identifiers, so changing it later breaks links.",
    )
    store: str = _setting(
        "./newsgraph-data",
        "Where the graph lives: a directory for the embedded Oxigraph store, ':memory:' "
        "for a throw-away one, or an http(s) URL of a SPARQL 1.1 server (see docs/remote-store.md).",
    )
    query_timeout: float = _setting(
        30.0,
        "Seconds a SPARQL query may run before it is cancelled and its worker process "
        "killed. A request may ask for less (?timeout=S), never more.",
    )
    query_workers: int = _setting(
        2, "Worker processes that evaluate public SPARQL queries; each can be killed on timeout."
    )
    query_cache_bytes: int = _setting(
        64 * 1024 * 1024,
        "Memory each server process may use to keep answers of repeated SPARQL queries; any write "
        "empties it. Set to 1 to turn caching off.",
    )
    result_limit: int = _setting(
        10000,
        "Most rows (or triples) one SPARQL answer carries. A longer answer is cut and says so "
        "in the X-Newsgraph-Truncated header and on the HTML page.",
    )
    page_size: int = _setting(
        100, "Links per page in an entity document; bigger resources are paged (next/prev links)."
    )
    max_body_bytes: int = _setting(
        16 * 1024 * 1024, "Largest request body accepted (413 beyond it)."
    )
    max_query_bytes: int = _setting(64 * 1024, "Largest SPARQL query or update text accepted (413).")
    max_queries_per_client: int = _setting(
        4, "Concurrent SPARQL queries one client address may run (429 with Retry-After beyond)."
    )
    read_only: bool = _setting(
        False,
        "Open the embedded store read-only: several server processes (gunicorn -w N) can then "
        "share one directory. Writes are refused, so the write API is off whatever the token.",
    )
    write_token: str | None = _setting(
        None,
        "Bearer token for the write API, Graph Store Protocol and SPARQL Update. "
        "When unset those endpoints do not exist.",
    )
    cors_origins: str = _setting(
        "*",
        "Origins allowed to read the public endpoints from a browser: '*' or a comma-separated "
        "list. Credentials are never allowed with '*'.",
    )
    service_allowlist: str = _setting(
        "",
        "Comma-separated SPARQL endpoints that SERVICE may call. Empty: federation is refused.",
    )
    remote_retries: int = _setting(
        3, "Attempts for a request to a remote SPARQL store before a transient failure is reported."
    )
    remote_timeout: float = _setting(60.0, "Seconds to wait for a remote SPARQL store to answer.")
    workers: int = _setting(1, "Processes used by `newsgraph ingest` and `convert` to convert articles.")
    max_article_bytes: int = _setting(
        4 * 1024 * 1024,
        "Largest single article (a text or HTML page, or one JSON record) the converter reads. "
        "A bigger one is refused with a message instead of tying up time and memory; a JSON Lines "
        "file may be larger, since it is read one record at a time.",
    )

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def write_enabled(self) -> bool:
        return bool(self.write_token) and not self.read_only

    @property
    def base(self) -> str:
        """The base URI without a trailing slash, as the URI module expects it."""
        return self.base_uri.rstrip("/")


def settings_table() -> list[tuple[str, Any, str]]:
    """(name, default, help) for each setting, for documentation and ``newsgraph settings``."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings)]


def _coerce(name: str, raw: Any, target: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if raw is None:
            return None
        if "bool" in str(kind):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off", ""):
                return False
            raise ValueError("expected true or false")
        if "float" in str(kind):
            value: Any = float(raw)
            if value <= 0:
                raise ValueError("must be positive")
            return value
        if "int" in str(kind):
            value = int(raw)
            if value <= 0:
                raise ValueError("must be positive")
            return value
        return str(raw) if str(raw) != "" or name != "write_token" else None
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot use {raw!r} ({exc})") from None


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_file: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Layer defaults, a TOML file, ``NEWSGRAPH_*`` variables and overrides, in that order."""
    env = os.environ if environ is None else environ
    names = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    path = config_file or env.get(ENV_PREFIX + "CONFIG")
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"settings file {path} is not valid TOML: {exc}") from None
        table = data.get("newsgraph", data)
        for key, val in table.items():
            if key not in names:
                raise ConfigError(f"settings file {path}: unknown setting {key!r}")
            values[key] = val
    for name in names:
        var = ENV_PREFIX + name.upper()
        if var in env:
            values[name] = env[var]
    for key, val in (overrides or {}).items():
        if key not in names:
            raise ConfigError(f"unknown setting {key!r}")
        if val is not None:
            values[key] = val
    coerced = {k: _coerce(k, v, None) for k, v in values.items()}
    return Settings(**coerced)


__all__ = ["ENV_PREFIX", "Settings", "load_settings", "settings_table"]
