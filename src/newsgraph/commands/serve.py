"""``newsgraph serve`` and ``newsgraph demo``: the linked-data server for local use.

Both run Werkzeug's threaded server, which is fine on a laptop; production runs the
same application under gunicorn (see docs/deployment.md)::

    gunicorn --worker-class gthread --threads 8 'newsgraph.server:create_app()'

Base URIs: entity URIs dereference only when the server is reachable at the base URI
they were minted with.  When no base URI is configured (no ``--base``, no
``NEWSGRAPH_BASE_URI``, none in the settings file), both commands use the address they
listen on, so ``newsgraph demo --port 9000`` mints and serves ``http://localhost:9000/id/...``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..config import ENV_PREFIX, Settings
from ..errors import ConfigError, NewsgraphError, StoreError
from ..store.base import Store

#: Hosts that mean "this machine" (the base URI then says localhost).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "0.0.0.0", "::", "::1", "")


def base_is_explicit(config_file: str | None, base_option: str | None) -> bool:
    """Whether the user chose a base URI, rather than leaving the default."""
    if base_option:
        return True
    if ENV_PREFIX + "BASE_URI" in os.environ:
        return True
    path = config_file or os.environ.get(ENV_PREFIX + "CONFIG")
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return False  # load_settings reports the problem with the file
        table = data.get("newsgraph", data)
        return "base_uri" in table
    return False


def listen_url(host: str, port: int) -> str:
    shown = "localhost" if host in LOCAL_HOSTS else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    from ..cli import settings_from

    return settings_from(ctx, **overrides)


def _config_file(ctx: click.Context) -> str | None:
    root = ctx.find_root()
    found: str | None = (root.obj or {}).get("config_file")
    return found


class _LateApp:
    """A WSGI callable bound to its app after the socket is open (the port may be 0)."""

    def __init__(self) -> None:
        self.app: Callable[..., Any] | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        assert self.app is not None
        return self.app(environ, start_response)


def run_server(
    ctx: click.Context,
    *,
    host: str,
    port: int,
    base: str | None,
    store_location: str | None,
    before_serving: Callable[[Settings], Store] | None = None,
    banner: Callable[[Settings, str, Store], None] | None = None,
) -> None:
    """Open the socket, settle the base URI, build the app and serve until interrupted."""
    from werkzeug.serving import make_server

    from ..server import create_app
    from ..store import open_store_from

    late = _LateApp()
    try:
        server = make_server(host, port, late, threaded=True)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    url = listen_url(host, server.server_port)
    overrides: dict[str, Any] = {"store": store_location}
    if base:
        overrides["base_uri"] = base
    elif not base_is_explicit(_config_file(ctx), base):
        overrides["base_uri"] = url
    try:
        settings = _settings(ctx, **overrides)
        store = before_serving(settings) if before_serving is not None else open_store_from(settings)
        _warn_about_base(store, settings)
        late.app = create_app(settings, store=store)
    except BaseException:
        server.server_close()
        raise
    if banner is not None:
        banner(settings, url, store)
    else:
        click.echo(f"newsgraph: serving the store {settings.store} on {url}/")
        click.echo(
            f"  entity URIs: {settings.base}/id/...   SPARQL: {url}/sparql   VoID: {url}/.well-known/void"
        )
        click.echo("  press Ctrl+C to stop")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        try:
            store.close()
        except NewsgraphError:
            pass


def _warn_about_base(store: Any, settings: Settings) -> None:
    """Say so when the stored URIs were minted under another base: they would not resolve."""
    try:
        rows = store.select("SELECT ?s WHERE { ?s a <https://w3id.org/newsgraph/ontology#Article> } LIMIT 1")
    except NewsgraphError:
        return
    for row in rows:
        iri = str(row.get("s", ""))
        if iri and not iri.startswith(settings.base + "/id/"):
            stored_base = iri.split("/id/", 1)[0]
            click.echo(
                f"newsgraph: warning: the store's URIs start with {stored_base}/id/, "
                f"not {settings.base}/id/; they will not dereference here "
                f"(pass --base {stored_base}, or re-ingest)",
                err=True,
            )


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: all).")
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port, printed at start).",
)
@click.option(
    "--store",
    "store_location",
    default=None,
    help="Store directory, ':memory:' or SPARQL server URL (default: the 'store' setting).",
)
@click.option(
    "--base",
    default=None,
    help="Base URI of the entity URIs (default: the 'base_uri' setting, or this server's address).",
)
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, store_location: str | None, base: str | None) -> None:
    """Serve the graph as Linked Data with a SPARQL endpoint (local use; see docs/deployment.md)."""
    run_server(ctx, host=host, port=port, base=base, store_location=store_location)


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--store",
    "store_dir",
    default=None,
    type=click.Path(file_okay=False),
    help="Directory for the demo store (default: a temporary directory, removed at exit).",
)
@click.option("--base", default=None, help="Base URI (default: this server's address).")
@click.option("--build-only", is_flag=True, help="Build the demo store and exit without serving.")
@click.pass_context
def demo_cmd(
    ctx: click.Context, host: str, port: int, store_dir: str | None, base: str | None, build_only: bool
) -> None:
    """Build a graph from the bundled sample articles and serve it."""
    tmp: tempfile.TemporaryDirectory[str] | None = None
    if store_dir is None:
        if build_only:
            raise ConfigError("--build-only needs --store DIR to keep the result in")
        tmp = tempfile.TemporaryDirectory(prefix="newsgraph-demo-")
        store_dir = str(Path(tmp.name) / "store")
    try:
        if build_only:
            settings = _settings(ctx, store=store_dir, base_uri=base)
            build_demo(settings).close()
            click.echo(f"newsgraph: demo store built in {store_dir} with base {settings.base}")
            return

        def banner(settings: Settings, url: str, store: Store) -> None:
            click.echo(f"newsgraph demo: {store_dir}, base URI {settings.base}")
            click.echo(f"  home page:   {url}/")
            example = example_entity(store, settings.base)
            if example:
                click.echo(f"  an entity:   {url}{example}")
            click.echo(f"  SPARQL:      {url}/sparql")
            click.echo(f"  ontology:    {url}/ontology")
            click.echo(f"  VoID:        {url}/.well-known/void")
            click.echo("  press Ctrl+C to stop")

        run_server(
            ctx,
            host=host,
            port=port,
            base=base,
            store_location=store_dir,
            before_serving=build_demo,
            banner=banner,
        )
    finally:
        if tmp is not None:
            tmp.cleanup()


def example_entity(store: Store, base: str) -> str | None:
    """The page path of one entity worth opening first: a country, else a person, else anything."""
    from .. import iris

    for cls in ("Country", "Person", "Event", "Article"):
        try:
            rows = store.select(f"SELECT ?s WHERE {{ ?s a <{iris.NG}{cls}> }} ORDER BY ?s LIMIT 1")
        except NewsgraphError:
            return None
        for row in rows:
            parsed = iris.parse(base, str(row.get("s", "")))
            if parsed is not None:
                return iris.doc_path(parsed.kind, parsed.key)
    return None


def build_demo(settings: Settings) -> Store:
    """Convert, validate and store the bundled sample articles; returns the open store."""
    from ..ingest import ingest
    from ..samples import sample_paths
    from ..store import open_store_from

    paths = sample_paths()
    if not paths:
        raise StoreError("this installation has no sample articles")
    store = open_store_from(settings)
    try:
        report = ingest(paths, store, base=settings.base, workers=1)
    except BaseException:
        store.close()
        raise
    click.echo(f"newsgraph demo: {report.summary()}")
    for problem in report.problems:
        click.echo(f"  {problem.name}: {problem.status}: {problem.message}", err=True)
    if report.written == 0:
        store.close()
        raise StoreError("no sample article could be stored; see the messages above")
    return store


def register(group: click.Group) -> None:
    group.add_command(serve_cmd)
    group.add_command(demo_cmd)
