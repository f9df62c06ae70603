"""The reader's own points in a browser: a file through the real upload field, a pasted text, a bad file, a
file over the upload limit, and a link that carries the points."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import OUTPUT, besides_lost_chart_timer
from tests.e2e.test_browser import PLOT, open_app
from tests.e2e.test_page_states import open_advanced, rerun_done

SIDEBAR = "[data-testid='stSidebar']"
YEARS = "year,co2\n" + "".join(f"{year},{300 + 1.5 * (year - 1990) + 0.02 * (year - 2010) ** 2:.2f}\n"
                               for year in range(1990, 2031))


def drawn_points(page: Page) -> list[float]:
    """The x of the fit panel's "your points" as the chart holds them."""
    return page.evaluate("""() => {
        const plot = document.querySelector('.st-key-chart .js-plotly-plot');
        const points = plot.data.find(t => t.name === 'your points');
        return points ? Array.from(points.x) : [];
    }""")


def upload(page: Page, path: Path) -> None:
    page.locator(f"{SIDEBAR} [data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
    rerun_done(page)
    page.wait_for_timeout(500)


def test_a_file_through_the_upload_field_is_fitted_and_drawn(page: Page, app_url: str, tmp_path: Path,
                                                            console_errors: list[str]):
    open_app(page, app_url, "?basis=legendre&lr=0.01&degree=2")
    open_advanced(page)
    path = tmp_path / "years.csv"
    path.write_text(YEARS)
    upload(page, path)
    expect(page.locator(f"{SIDEBAR} .page-alert[data-kind='success']")).to_contain_text(
        "years.csv: 41 points, x from 1990 to 2030")
    expect(page.locator(f"{PLOT} .legendtext", has_text="your points")).to_have_count(1)
    assert drawn_points(page) == list(range(1990, 2031))
    assert "target=data" in page.url and "data=" in page.url
    page.screenshot(path=str(OUTPUT / "points-uploaded.png"), full_page=True)
    page.reload()  # the link alone brings the same points back
    page.wait_for_selector(f"{PLOT} .main-svg", timeout=60_000)
    rerun_done(page)
    assert drawn_points(page) == list(range(1990, 2031))
    assert besides_lost_chart_timer(console_errors) == []


def test_pasted_points_are_fitted_and_a_bad_line_is_named(page: Page, app_url: str):
    open_app(page, app_url)
    open_advanced(page)
    box = page.locator(f"{SIDEBAR} textarea")
    box.fill("x;y\n0;1,5\n1;2,25\n2;2,5\n3;3\n")  # Excel's semicolons and decimal commas
    page.get_by_role("button", name="Use these points").click()
    rerun_done(page)
    assert drawn_points(page) == [0, 1, 2, 3]
    box.fill("x,y\n1,2\n3,<b>abc</b>\n")
    page.get_by_role("button", name="Use these points").click()
    rerun_done(page)
    refused = page.locator(f"{SIDEBAR} .page-alert[data-kind='error']")
    expect(refused).to_contain_text("line 3: '<b>abc</b>' is not a number.")  # the tags as text
    assert page.locator(f"{SIDEBAR} .page-alert b").count() == 0
    assert drawn_points(page) == [0, 1, 2, 3]  # the run keeps its points


def test_a_binary_file_is_refused_and_a_file_over_the_limit_never_reaches_the_server(page: Page, app_url: str,
                                                                                      tmp_path: Path):
    open_app(page, app_url)
    open_advanced(page)
    picture = tmp_path / "photo.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    upload(page, picture)
    expect(page.locator(f"{SIDEBAR} .page-alert[data-kind='error']")).to_contain_text(
        "photo.csv was not used: This is not a text file")
    expect(page.locator(f"{PLOT} .legendtext", has_text="target")).to_have_count(1)  # still sin(x)
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"1.000000,2.000000\n" * 500_000)  # 9 MB: over server.maxUploadSize (8 MB)
    upload(page, huge)
    # Streamlit's own upload field refuses it in the browser, before a byte is sent
    expect(page.locator(f"{SIDEBAR} [data-testid='stFileUploader']")).to_contain_text(
        "File must be 8.0MB or smaller.")
    field = page.locator(f"{SIDEBAR} [data-testid='stFileUploader']")
    field.screenshot(path=str(OUTPUT / "points-too-large.png"))
    expect(page.locator(f"{PLOT} .legendtext", has_text="target")).to_have_count(1)
