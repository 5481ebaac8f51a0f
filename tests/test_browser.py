"""A real browser (headless Debian Chromium) reads the pages and follows their links.

Skipped when chromium, chromedriver or selenium is missing.  The server is Werkzeug's,
in a thread, on a free port, with the fixture articles minted under its address.
Screenshots of the home page and an entity page are left in the test's tmp directory
(and under $NG_TEST_SCREENSHOTS when set) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_support import headless_chromium
from ld_fixtures import load
from newsgraph.server import create_app
from newsgraph.store.embedded import EmbeddedStore

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    from werkzeug.serving import make_server

    class Late:
        app = None

        def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
            assert self.app is not None
            return self.app(environ, start_response)

    late = Late()
    server = make_server("127.0.0.1", 0, late, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    store = EmbeddedStore(None)
    load(store, base, fiji=8)
    late.app = create_app({"base_uri": base, "page_size": 5}, store=store)  # type: ignore[assignment]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with headless_chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


def screenshot(driver, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000  # a blank page compresses to far less
    keep = os.environ.get("NG_TEST_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)


def console_errors(driver) -> list[str]:  # type: ignore[no-untyped-def]
    try:
        logs = driver.get_log("browser")
    except Exception:  # noqa: BLE001 - not every driver keeps a console log
        return []
    return [e["message"] for e in logs if e.get("level") == "SEVERE"]


def test_home_page_to_an_entity_and_on(site, browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    assert "newsgraph" in browser.title
    figures = browser.find_elements(By.CSS_SELECTOR, "ul.figures li")
    assert len(figures) >= 7
    # The stylesheet loaded under the Content-Security-Policy: the figures are laid out as boxes.
    assert (
        browser.find_element(By.CSS_SELECTOR, "ul.figures li").value_of_css_property("border-top-style")
        == "solid"
    )
    screenshot(browser, tmp_path, "home.png")
    assert not console_errors(browser)

    # Follow the newest event to one of its countries, then on to a person of that country.
    browser.find_element(By.LINK_TEXT, "Summit on 2024-07-04").click()
    assert "/doc/event/" in browser.current_url
    browser.find_element(By.LINK_TEXT, "China").click()
    assert browser.current_url.endswith("/doc/country/CHN")
    assert browser.find_element(By.TAG_NAME, "h1").text == "China"
    assert browser.find_elements(By.CSS_SELECTOR, "figure.picture-box svg")
    screenshot(browser, tmp_path, "country.png")
    browser.find_element(By.LINK_TEXT, "Xi Jinping").click()
    assert browser.current_url.endswith("/doc/person/xi-jinping")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Xi Jinping"
    screenshot(browser, tmp_path, "person.png")
    assert not console_errors(browser)

    # The network picture links work: click Putin's node label.
    putin = browser.find_element(
        By.XPATH,
        "//*[local-name()='svg']//*[local-name()='a'][.//*[local-name()='text' and text()='Vladimir Putin']]",
    )
    putin.click()
    assert browser.current_url.endswith("/doc/person/vladimir-putin")

    # From a sentence, to the article it came from, and to the article's source.
    browser.find_element(By.PARTIAL_LINK_TEXT, "Xi, Putin hold talks in Beijing").click()
    assert "/doc/article/" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "ol.sentences mark")
    browser.find_element(By.LINK_TEXT, "Xinhua").click()
    assert browser.current_url.endswith("/doc/source/xinhua")


def test_paging_and_format_links_in_the_browser(site, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(site + "/doc/country/FJI")
    assert "Page 1 of" in browser.find_element(By.CSS_SELECTOR, "nav.pager").text
    browser.find_element(By.LINK_TEXT, "Next ›").click()
    assert browser.current_url.endswith("/doc/country/FJI?page=2")
    assert "Page 2 of" in browser.find_element(By.CSS_SELECTOR, "nav.pager").text
    # The HTML page names its other formats; the N-Triples one is plain text a browser shows.
    href = browser.find_element(By.LINK_TEXT, "N-Triples").get_attribute("href")
    assert href.endswith("/data/country/FJI.nt?page=2")


def test_hostile_names_stay_text(site, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(site + "/doc/person/script-alert-x-script-eve-mallory")
    # Had the name been markup, the script would have run and changed nothing visible;
    # as text, the heading shows it literally.
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("<script>alert('x')</script>")
    assert browser.title.startswith("<script>")
