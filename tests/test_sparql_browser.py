"""A real browser (headless Chromium) runs a query from the query page and sees its results."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser_support import headless_chromium
from sparql_support import A1, A2, NG, app_with_sample, live_server

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with headless_chromium(tmp_path_factory.mktemp("chromium-profile"), page_load_timeout=30) as driver:
        yield driver


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
