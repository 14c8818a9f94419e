"""The report as a reader sees it: index.html and a report page in headless Chromium.

Needs Debian's chromium and chromium-driver (`.ci/run` installs them). Where they cannot be
installed the test is skipped with that reason; everywhere else it must pass.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
REPORTS = [ROOT / "data" / "raw" / name for name in ("city_weihai_2022.txt",
                                                     "national_guowuyuan_2024.txt")]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "analyze", *map(str, REPORTS), "--out", str(out),
         "--params", str(ROOT / "params.yaml")],
        check=True, capture_output=True,
    )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("Debian's chromium and chromium-driver are not installed (apt-get install "
                    "chromium chromium-driver; .ci/run does this)")  # fmt: skip
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,2000",
    ):
        options.add_argument(flag)  # fmt: skip
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def _check_page(browser, path: Path, shot: str) -> str:
    browser.get(path.as_uri())
    browser.execute_script("return document.fonts.ready")
    text = browser.find_element("tag name", "body").text
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.getAttribute('src'), i.complete,"
        " i.naturalWidth])"
    )
    broken = [src for src, complete, width in images if not complete or width == 0]
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / shot))
    assert not broken, f"{path.name}: images that do not load: {broken}"
    assert not errors, f"{path.name}: console errors: {errors}"
    return text


def test_index_renders_with_its_figures(browser, site: Path) -> None:
    text = _check_page(browser, site / "index.html", "index.png")
    assert "报告一览" in text and "威海市2022年" in text
    assert browser.execute_script("return document.images.length") >= 1


def test_report_page_renders_entities_and_indicators(browser, site: Path) -> None:
    text = _check_page(browser, site / "docs" / "city_weihai_2022.html", "city_weihai_2022.png")
    for heading in ("章节结构", "主要指标与目标", "企业", "地名", "政策与项目"):
        assert heading in text
    assert "威高集团" in text
    # the bundled font was used: Chinese glyphs have their full width, not tofu boxes
    assert browser.execute_script(
        "return document.fonts.check('16px \"GWR Noto Sans SC\"', '威海')"
    )


def test_compare_page_shows_two_reports_side_by_side(browser, site: Path) -> None:
    from selenium.webdriver.support.ui import Select

    text = _check_page(browser, site / "compare.html", "compare.png")
    assert "两份报告对照" in text and "余弦相似度" in text
    Select(browser.find_element("id", "b")).select_by_value("national_guowuyuan_2024")
    rows = browser.find_element("id", "rows").text
    assert "关键词" in rows and "政策与项目" in rows and "共同的政策与项目" in rows
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
