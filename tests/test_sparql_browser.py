"""A real browser (headless Chromium) runs a query from the query page and sees its results."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sparql_support import A1, A2, NG, app_with_sample, live_server

pytestmark = pytest.mark.browser

CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None or not Path(CHROMEDRIVER).exists():
        pytest.skip("Chromium and chromedriver are not installed")
    profile = tempfile.mkdtemp(prefix="newsgraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"Chromium does not start here: {exc.msg}")
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with live_server(app_with_sample()) as url:
        yield url


def test_query_typed_into_the_page_shows_a_results_table(browser: Any, site: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{site}/sparql")
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys(
        f"PREFIX ng: <{NG}> SELECT ?article ?title WHERE {{ ?article ng:title ?title }} ORDER BY ?article"
    )
    browser.find_element(By.ID, "run").click()
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.ID, "results-table")))
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results-table th")]
    assert headers == ["?article", "?title"]
    rows = browser.find_elements(By.CSS_SELECTOR, "#results-table tbody tr")
    assert [r.find_element(By.CSS_SELECTOR, "td a").get_attribute("href") for r in rows] == [A1, A2]
    # The hostile title is shown as text, not run as script.
    assert "<script>alert('x')</script>" in rows[1].text
    assert browser.execute_script("return document.querySelectorAll('td script').length") == 0
    # The query stays in the editor for the next edit.
    assert "ng:title" in browser.find_element(By.ID, "query").get_attribute("value")


def test_example_loads_into_the_editor_with_javascript(browser: Any, site: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{site}/sparql")
    details = browser.find_elements(By.CSS_SELECTOR, "#examples details")
    details[2].find_element(By.TAG_NAME, "summary").click()
    details[2].find_element(By.CSS_SELECTOR, "button.load-example").click()
    text = browser.find_element(By.ID, "query").get_attribute("value")
    assert "COUNT(DISTINCT ?article)" in text
    browser.find_element(By.ID, "run").click()
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.ID, "summary")))
    assert "1 row" in browser.find_element(By.ID, "summary").text
    cells = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#results-table tbody td")]
    assert "Xi Jinping" in cells


def test_page_has_no_console_errors_under_its_csp(browser: Any, site: str) -> None:
    browser.get(f"{site}/sparql")
    logs = browser.get_log("browser") if hasattr(browser, "get_log") else []
    # favicon.ico belongs to the site's pages, not to this one.
    problems = [
        entry["message"]
        for entry in logs
        if entry.get("level") == "SEVERE" and "favicon.ico" not in entry["message"]
    ]
    assert problems == []
