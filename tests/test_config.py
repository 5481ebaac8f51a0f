from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings, load_settings, settings_table
from newsgraph.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_defaults() -> None:
    s = load_settings(environ={})
    assert s == Settings()
    assert s.write_token is None and not s.write_enabled


def test_layering_file_env_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "ng.toml"
    cfg.write_text('[newsgraph]\nbase_uri = "https://file.example"\nquery_timeout = 5\npage_size = 7\n')
    env = {"NEWSGRAPH_QUERY_TIMEOUT": "3", "NEWSGRAPH_WRITE_TOKEN": "s3cret"}
    s = load_settings({"page_size": 9}, config_file=cfg, environ=env)
    assert s.base_uri == "https://file.example"
    assert s.query_timeout == 3.0
    assert s.page_size == 9
    assert s.write_token == "s3cret" and s.write_enabled


def test_config_file_from_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "ng.toml"
    cfg.write_text('store = ":memory:"\n')
    assert load_settings(environ={"NEWSGRAPH_CONFIG": str(cfg)}).store == ":memory:"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEWSGRAPH_QUERY_TIMEOUT": "soon"}, "query_timeout"),
        ({"NEWSGRAPH_PAGE_SIZE": "-3"}, "page_size"),
        ({"NEWSGRAPH_CONFIG": "/nonexistent/ng.toml"}, "cannot read"),
    ],
)
def test_bad_values_are_clear_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=env)


def test_unknown_setting_in_file(tmp_path: Path) -> None:
    cfg = tmp_path / "ng.toml"
    cfg.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings(config_file=cfg, environ={})
    cfg.write_text("this is = not toml [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config_file=cfg, environ={})


def test_every_setting_is_documented() -> None:
    """Like datasette's test_docs: a setting added to the table must be documented."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_config_doc", ROOT / "scripts" / "gen_config_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert doc == module.render(), "docs/configuration.md is stale: run python scripts/gen_config_doc.py"
    for name, _default, help_text in settings_table():
        assert f"`{name}`" in doc and f"NEWSGRAPH_{name.upper()}" in doc
        assert help_text


def test_settings_command_lists_all() -> None:
    from click.testing import CliRunner

    from newsgraph.cli import cli

    result = CliRunner().invoke(cli, ["settings"])
    assert result.exit_code == 0
    for name, _d, _h in settings_table():
        assert f"NEWSGRAPH_{name.upper()}" in result.output


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("true", True), ("off", False), ("0", False)])
def test_read_only_flag_from_environment(raw: str, value: bool) -> None:
    s = load_settings(environ={"NEWSGRAPH_READ_ONLY": raw, "NEWSGRAPH_WRITE_TOKEN": "t"})
    assert s.read_only is value
    assert s.write_enabled is (not value)


def test_read_only_flag_rejects_nonsense() -> None:
    with pytest.raises(ConfigError, match="read_only"):
        load_settings(environ={"NEWSGRAPH_READ_ONLY": "perhaps"})


def test_read_only_server_shares_a_store_directory_and_refuses_writes(tmp_path: Path) -> None:
    """Two read-only apps open one directory at once (gunicorn -w 2); writes do not exist."""
    from newsgraph.server import create_app
    from newsgraph.store import open_store

    open_store(str(tmp_path / "s")).close()
    settings = {"store": str(tmp_path / "s"), "read_only": True, "write_token": "t"}
    first, second = create_app(settings), create_app(settings)
    for app in (first, second):
        client = app.test_client()
        assert client.get("/sparql", query_string={"query": "ASK {}"},
                          headers={"Accept": "application/sparql-results+json"}).status_code == 200
        resp = client.post("/api/articles", data="x", headers={"Authorization": "Bearer t"})
        assert resp.status_code == 404
