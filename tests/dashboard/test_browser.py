"""The whole journey in real headless Chromium against `streamlit run`, with screenshots.

Sign in, upload a DOCX and a PDF from the corpus, correct a field, confirm, find the document by
search, compare two institutions on the ratings page, mark a control point done. Screenshots of
every page go to `test-output/screenshots/` (people look at them; the assertions check values).
Skipped with the reason when Chromium or Playwright is missing, except in CI where that fails.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from db.engine import make_engine
from db.migrate import upgrade
from db.models import ControlPoint, Document, IngestJob
from docstore.demo.load import load_demo
from tests.conftest import CORPUS, IN_CI

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CORRECTED_TITLE = "Приказ о проведении независимой оценки контрольный экземпляр"


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (scripts/install-system-packages.sh installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


def _free_port() -> int:
    for port in range(8600, 8700):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8600-8699")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    reason = _missing()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"browser tests are mandatory in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)  # a loaded 2-core machine takes more than the default 5 s
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'nok.db'}"
    engine = make_engine(url)
    upgrade(engine)
    load_demo(engine, folder / "files", blob_dir=folder / "blobs")
    engine.dispose()
    port = _free_port()
    env = {
        **os.environ,
        "NOK_DATABASE_URL": url,
        "NOK_BLOB_DIR": str(folder / "blobs"),
        "NOK_DATA_DIR": str(folder),
        "NOK_QUEUE_URL": f"sqlite:///{folder / 'queue.db'}",
        "NOK_QUEUE_NAME": f"nok-browser-{uuid.uuid4().hex[:8]}",
    }
    worker = subprocess.Popen(  # `make run` starts one worker beside the app
        [sys.executable, "-m", "cli.main", "worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "dashboard" / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        env=env,
        cwd=ROOT,  # its .streamlit/config.toml: theme, upload size, minimal toolbar
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start within 60 s")
        yield f"http://127.0.0.1:{port}", url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)


def _wait_idle(page) -> None:  # type: ignore[no-untyped-def]
    """Until the app stops running its script (the status widget disappears)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(300)


def _open(page, title: str) -> None:  # type: ignore[no-untyped-def]
    """Through the sidebar, as a person does (a fresh page load would start a new Streamlit
    session, signed in again from the cookie)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    _wait_idle(page)


def _images_loaded(page) -> None:  # type: ignore[no-untyped-def]
    """Until every element is drawn (Streamlit shows a skeleton while an element's code loads)
    and every image on the page (the original's pages) has arrived."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
    page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")


def _job_id(url: str, filename: str) -> int:
    engine = make_engine(url)
    with Session(engine) as session:
        job = session.exec(
            select(IngestJob.id).where(IngestJob.filename == filename).order_by(IngestJob.id.desc())  # type: ignore[union-attr]
        ).first()
    engine.dispose()
    assert job is not None, filename
    return job


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """The whole page: the app scrolls inside its main area, so the window is made as tall as
    that area's content for the picture (a full-page screenshot alone stops at the window)."""
    path = SHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(
        '() => Math.max(...[...document.querySelectorAll(\'[data-testid="stMain"], '
        '[data-testid="stSidebarContent"]\')].map(e => e.scrollHeight), window.innerHeight)'
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height), 16_000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def _new_page(browser, height: int = 1200):  # type: ignore[no-untyped-def]
    """A Russian-speaking tab 1440 px wide, patient with a loaded machine."""
    page = browser.new_page(viewport={"width": 1440, "height": height}, locale="ru-RU")
    page.set_default_timeout(60_000)
    return page


def test_journey(server: tuple[str, str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, url = server
    if SHOTS.exists():
        shutil.rmtree(SHOTS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1440, "height": 1600}, locale="ru-RU")
        page.set_default_timeout(60_000)
        page.goto(base)
        expect(page.get_by_text("Вход в систему мониторинга НОК")).to_be_visible()
        _shot(page, "01_login")

        page.get_by_label("Логин").fill("admin")
        page.get_by_label("Пароль", exact=True).fill("demo")
        page.get_by_role("button", name="Войти").click()
        expect(page.get_by_text("Независимая оценка качества: мониторинг")).to_be_visible()
        _wait_idle(page)
        _shot(page, "02_home")

        # Documents: upload a DOCX and a PDF, correct the DOCX's title, confirm both.
        _open(page, "Документы")
        _wait_idle(page)
        page.locator('input[type="file"]').first.set_input_files(
            [str(CORPUS / "tula_2020_order83.docx"), str(CORPUS / "vladimir_2018_ratings.pdf")]
        )
        tula = page.locator('[data-testid="stExpander"]').filter(has_text="tula_2020_order83.docx: проверьте")
        ratings = page.locator('[data-testid="stExpander"]').filter(
            has_text="vladimir_2018_ratings.pdf: проверьте"
        )
        expect(tula).to_be_visible(timeout=240_000)
        expect(ratings).to_be_visible(timeout=240_000)
        _wait_idle(page)
        _images_loaded(page)
        _shot(page, "03_upload_review")
        tula_job, ratings_job = (
            _job_id(url, name) for name in ("tula_2020_order83.docx", "vladimir_2018_ratings.pdf")
        )
        # the grid's canvas: the frame around it also holds the toolbar, one row high
        header = page.locator(f".st-key-header_job{tula_job}")
        header.scroll_into_view_if_needed()
        header_grid = header.locator("canvas").first
        box = header_grid.bounding_box()
        assert box is not None
        title_row = 6  # header row + kind, authority, region, number, date, then the title
        page.mouse.dblclick(box["x"] + box["width"] * 0.7, box["y"] + 35 * title_row + 17)
        page.wait_for_timeout(500)
        page.keyboard.press("Control+A")
        page.keyboard.type(CORRECTED_TITLE)
        page.keyboard.press("Enter")
        _wait_idle(page)
        _shot(page, "04_corrected")
        page.locator(f".st-key-confirm_job{tula_job} button").click()
        expect(page.get_by_text("tula_2020_order83.docx: Документ загружен", exact=False)).to_be_visible()
        _wait_idle(page)
        page.locator(f".st-key-confirm_job{ratings_job} button").click()
        expect(page.get_by_text("vladimir_2018_ratings.pdf: Документ загружен", exact=False)).to_be_visible()
        _wait_idle(page)
        _shot(page, "05_saved")

        engine = make_engine(url)
        with Session(engine) as session:
            titles = list(session.exec(select(Document.title)))
            assert CORRECTED_TITLE in titles
            assert (
                session.exec(select(Document).where(Document.title.like("%Владимир%"))).first()
                or len(titles) >= 27
            )

        page.get_by_role("tab", name="Поиск").click()
        page.get_by_label("Поиск по тексту и реквизитам").fill("контрольный экземпляр")
        page.keyboard.press("Enter")
        _wait_idle(page)
        expect(page.get_by_text(CORRECTED_TITLE).first).to_be_visible()
        _shot(page, "06_search")

        page.get_by_role("tab", name="Карточка документа").click()
        _wait_idle(page)
        expect(page.get_by_text("Извлечённые записи")).to_be_visible()
        expect(page.get_by_text("Версия 1: vladimir_2018_ratings.pdf")).to_be_visible()
        _shot(page, "07_document_card")
        page.get_by_text("Исправить реквизиты").click()
        _wait_idle(page)
        _shot(page, "07a_document_corrections")

        page.get_by_role("tab", name="Учреждения").click()
        _wait_idle(page)
        _shot(page, "07b_institutions")

        # Ratings: compare two institutions.
        _open(page, "Рейтинги")
        _wait_idle(page)
        compare = page.get_by_text("Выберите от 2 до 6 учреждений")
        compare.scroll_into_view_if_needed()
        box_select = page.locator('[data-testid="stMultiSelect"]').first
        for name in ("Луговской комплексный", "Ключевский комплексный"):
            box_select.locator("input").click()
            box_select.locator("input").fill(name)
            expect(page.locator('[role="option"]')).to_have_count(1)
            page.locator('[role="option"]').first.click()
            _wait_idle(page)
            expect(box_select.get_by_text(name, exact=False)).to_be_visible()
        page.keyboard.press("Escape")
        _wait_idle(page)
        expect(page.get_by_text("Динамика итогового балла по годам")).to_be_visible()
        _shot(page, "08_ratings_compare")
        assert page.url.count("org=") == 2, page.url

        _open(page, "Показатели")
        _wait_idle(page)
        expect(page.get_by_text("Средний итоговый балл")).to_be_visible()
        _shot(page, "09_indicators")

        _open(page, "Планы улучшения")
        _wait_idle(page)
        _shot(page, "10_improvement")

        # Control: mark the first open point done, its evidence the order uploaded above, found
        # in the list by typing part of its title.
        _open(page, "Контроль сроков")
        _wait_idle(page)
        _shot(page, "11_control")
        with Session(engine) as session:
            open_before = len(
                list(session.exec(select(ControlPoint).where(ControlPoint.done_date.is_(None))))
            )
            order_id = session.exec(select(Document.id).where(Document.title == CORRECTED_TITLE)).one()
        evidence = page.locator(".st-key-evidence")
        evidence.scroll_into_view_if_needed()
        evidence.locator("input").click()
        evidence.locator("input").fill("контрольный экземпляр")
        expect(page.locator('[role="option"]')).to_have_count(1)
        page.locator('[role="option"]').first.click()
        expect(evidence.locator("input")).to_have_value(re.compile(CORRECTED_TITLE))
        _shot(page, "11a_control_evidence_chosen")
        page.get_by_role("button", name="Отметить выполненной").click()
        expect(page.get_by_text("отмечена выполненной")).to_be_visible()
        _wait_idle(page)
        _shot(page, "12_control_marked")
        with Session(engine) as session:
            open_after = len(list(session.exec(select(ControlPoint).where(ControlPoint.done_date.is_(None)))))
            evidence_ids = set(session.exec(select(ControlPoint.evidence_document_id)))
        assert open_after == open_before - 1
        assert order_id in evidence_ids
        engine.dispose()
        browser.close()


def test_a_shared_link_opens_its_page_and_filters_after_sign_in(server: tuple[str, str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, _ = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = _new_page(browser)
        page.goto(f"{base}/ratings?year=2023&form=home")
        expect(page.get_by_text("Вход в систему мониторинга НОК")).to_be_visible()
        expect(page.get_by_text("Страница не найдена")).to_have_count(0)
        page.get_by_label("Логин").fill("council")
        page.get_by_label("Пароль", exact=True).fill("demo")
        page.get_by_role("button", name="Войти").click()
        expect(page.get_by_text("Рейтинги учреждений")).to_be_visible()
        _wait_idle(page)
        expect(page.get_by_text("Итоговые баллы, 2023 год", exact=False)).to_be_visible()
        assert "year=2023" in page.url and "form=home" in page.url
        expect(page.get_by_text("член общественного совета", exact=False)).to_be_visible()
        _shot(page, "20_shared_link_after_sign_in")
        browser.close()


FIVE = (
    "magadan_2017_order64.docx",
    "ryazan_plan_graph.docx",
    "primorsky_letter.docx",
    "vladimir_2019_info.docx",
    "vladimir_2019_improvement_plan.docx",
)


def _sign_in(page, base: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(base)
    expect(page.get_by_text("Вход в систему мониторинга НОК")).to_be_visible()
    page.get_by_label("Логин").fill("staff")
    page.get_by_label("Пароль", exact=True).fill("demo")
    page.get_by_role("button", name="Войти").click()
    _wait_idle(page)
    _open(page, "Документы")


def test_five_uploads_survive_a_reload_and_all_reach_review(server: tuple[str, str]) -> None:
    """The work runs in the worker, not in the browser session: reloading the page while files
    are queued or being read loses none of them."""
    from playwright.sync_api import expect, sync_playwright

    base, _ = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1440, "height": 1400}, locale="ru-RU")
        page.set_default_timeout(60_000)
        _sign_in(page, base)
        page.locator('input[type="file"]').first.set_input_files([str(CORPUS / name) for name in FIVE])
        expect(page.get_by_text("Поставлено в очередь файлов: 5.")).to_be_visible()
        _shot(page, "13_upload_queued")
        page.reload()  # half-way: the files are queued or being read by the worker
        _wait_idle(page)  # the sign-in survives the reload (the session cookie), on the same page
        expect(page.get_by_text("Вход в систему мониторинга НОК")).to_have_count(0)
        expect(page.get_by_role("tab", name="Загрузка")).to_be_visible()
        for name in FIVE:
            expect(
                page.locator('[data-testid="stExpander"]').filter(has_text=f"{name}: проверьте")
            ).to_be_visible(timeout=300_000)
        _wait_idle(page)
        _images_loaded(page)
        _shot(page, "14_five_ready_for_review_after_reload")
        browser.close()


def _session_cookies(context) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return [c for c in context.cookies() if c["name"] == "nok_session"]


def test_sign_in_survives_a_reload_and_a_new_tab_and_sign_out_ends_it(server: tuple[str, str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, _ = server
    home = "Независимая оценка качества: мониторинг"
    login_title = "Вход в систему мониторинга НОК"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="ru-RU")
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(base)
        expect(page.get_by_text(login_title)).to_be_visible()
        page.get_by_label("Логин").fill("minister")
        page.get_by_label("Пароль", exact=True).fill("demo")
        page.get_by_role("button", name="Войти").click()
        expect(page.get_by_text(home)).to_be_visible()
        _wait_idle(page)
        deadline = time.monotonic() + 30
        while not _session_cookies(context) and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        (cookie,) = _session_cookies(context)
        assert cookie["sameSite"] == "Strict" and cookie["expires"] > time.time() + 11 * 3600

        page.reload()
        expect(page.get_by_text(home)).to_be_visible()
        expect(page.get_by_text(login_title)).to_have_count(0)
        _wait_idle(page)
        _shot(page, "30_signed_in_after_reload")

        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.goto(f"{base}/ratings")
        expect(tab.get_by_text("Рейтинги учреждений")).to_be_visible()
        _wait_idle(tab)
        _shot(tab, "31_signed_in_in_a_new_tab")

        page.get_by_role("button", name="Выйти").click()
        expect(page.get_by_text(login_title)).to_be_visible()
        _wait_idle(page)
        page.reload()
        expect(page.get_by_text(login_title)).to_be_visible()
        _wait_idle(page)
        assert _session_cookies(context) == []
        _shot(page, "32_signed_out_after_reload")

        replay = browser.new_context(locale="ru-RU")  # a copy of the old cookie opens nothing
        replay.add_cookies([cookie])  # type: ignore[list-item]
        stolen = replay.new_page()
        stolen.goto(base)
        expect(stolen.get_by_text(login_title)).to_be_visible()


# --- Every page of every role, in Russian: what the browser shows, not what the code says.

VISIBLE_TEXT = """() => {
  const shown = (element) => {
    const style = getComputedStyle(element);
    return style.display !== "none" && style.visibility !== "hidden" && parseFloat(style.fontSize) > 0
      && parseFloat(style.opacity) > 0 && element.getClientRects().length > 0;
  };
  // Icons are ligatures of English names ("home", "upload"), and code is a command to type.
  const skipped = "script, style, noscript, code, [data-testid='stIconMaterial'], .material-symbols-rounded";
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.nodeValue.trim() || !parent || parent.closest(skipped)) continue;
    if (getComputedStyle(parent).fontFamily.includes("Material")) continue;
    if (shown(parent)) found.push(["text", node.nodeValue.trim()]);
  }
  for (const element of document.querySelectorAll("[placeholder]")) {
    if (shown(element)) found.push(["placeholder", element.getAttribute("placeholder")]);
  }
  // a button's name is its tooltip; a title attribute is shown on hover
  for (const element of document.querySelectorAll("button[aria-label], [title]")) {
    if (!shown(element) || element.closest("svg")) continue;
    found.push(["label", element.getAttribute("aria-label") || element.getAttribute("title")]);
  }
  return found;
}"""

STATUS_SEEN = """
window.__statusTexts = [];
new MutationObserver(() => {
  const widget = document.querySelector("[data-testid='stStatusWidget']");
  if (widget && widget.innerText.trim()) window.__statusTexts.push(widget.innerText.trim());
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
"""Streamlit shows «Stop» beside a running man after half a second of a page's run: recorded
whenever it shows, since no page waits for it."""


def _english_on(page, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """`where: kind «text»: words` for each visible text with English words in it."""
    from tests.dashboard.russian import foreign_words

    found = page.evaluate(VISIBLE_TEXT)
    return sorted({f"{where}: {kind} «{text[:120]}»" for kind, text in found if foreign_words(text)})


def _toolbar_tooltips(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The tooltips of the first table's and the first chart's toolbar buttons, shown by hovering."""
    texts = []
    for element in ("stDataFrame", "stVegaLiteChart"):
        target = page.locator(f'[data-testid="{element}"]:visible').first
        if not target.count():
            continue
        target.scroll_into_view_if_needed()
        target.hover()
        box = target.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]")
        buttons = box.locator('[data-testid="stElementToolbar"] button')
        for index in range(buttons.count()):
            buttons.nth(index).hover()
            tooltip = page.locator('[data-testid="stTooltipContent"]').last
            tooltip.wait_for(state="visible", timeout=5_000)
            texts.append(tooltip.inner_text())
            target.hover()
    return texts


def _sign_in_as(page, base: str, login: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(base)
    expect(page.get_by_text("Вход в систему мониторинга НОК")).to_be_visible()
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Пароль", exact=True).fill("demo")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_text("Вход в систему мониторинга НОК")).to_have_count(0)
    _wait_idle(page)


def _settled(page) -> None:  # type: ignore[no-untyped-def]
    _wait_idle(page)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")


def test_every_page_of_every_role_is_in_russian_with_a_screenshot(server: tuple[str, str]) -> None:
    """For each role: every page (and each tab of «Документы») is screenshotted into
    `test-output/screenshots/pages/`, and no visible text, placeholder, button name or toolbar
    tooltip carries an English word."""
    from playwright.sync_api import sync_playwright

    from dashboard.navigation import pages_for
    from tests.dashboard.russian import foreign_words

    base, _ = server
    folder = SHOTS / "pages"
    if folder.exists():
        shutil.rmtree(folder)
    english: list[str] = []
    status_texts: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        for role in ("admin", "minister", "staff", "council", "supervisor"):
            page = _new_page(browser)
            page.add_init_script(STATUS_SEEN)
            _sign_in_as(page, base, role)
            for number, spec in enumerate(pages_for({role}), start=1):
                _open(page, spec.title)
                _settled(page)
                views = [(spec.url_path, None)]
                if spec.file == "documents.py":
                    tabs = page.get_by_role("tab").all_inner_texts()
                    views = [(f"{spec.url_path}-{i}", title) for i, title in enumerate(tabs, start=1)]
                for name, tab in views:
                    if tab is not None:
                        page.get_by_role("tab", name=tab).click()
                        _settled(page)
                    _shot(page, f"pages/{role}-{number:02d}-{name}")
                    english += _english_on(page, f"{role} {name}")
                english += [
                    f"{role} {spec.url_path}: tooltip «{text}»"
                    for text in _toolbar_tooltips(page)
                    if foreign_words(text)
                ]
            status_texts += page.evaluate("window.__statusTexts")
            page.close()
        browser.close()
    english += [f"status «{text}»" for text in set(status_texts) if foreign_words(text)]
    assert not english, "English on the pages:\n" + "\n".join(english)


def test_streamlit_own_words_come_out_russian(server: tuple[str, str]) -> None:
    """Each text of `dashboard.interface_ru`, put on the page as Streamlit would (a text, a button's
    name, a placeholder), is shown in Russian; and the states a walk does not meet by itself: a
    list with no match, the hint under a text box, an address with no page."""
    from playwright.sync_api import expect, sync_playwright

    from dashboard.interface_ru import EXACT, PATTERNS

    base, _ = server
    cases = dict(EXACT)
    for pattern, replacement, example in PATTERNS:
        cases[example] = re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", replacement), example)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = _new_page(browser)
        page.goto(f"{base}/no-such-page")
        expect(page.get_by_text("Страница не найдена")).to_be_visible()
        expect(page.get_by_text("Такой страницы нет. Открыта главная страница.")).to_be_visible()
        _sign_in_as(page, base, "admin")
        shown = page.evaluate(
            """(texts) => {
              const box = document.createElement("div");
              document.querySelector("[data-testid='stMain']").append(box);
              const made = texts.map((text) => {
                const line = document.createElement("p");
                line.textContent = text;
                const button = document.createElement("button");
                button.setAttribute("aria-label", text);
                const input = document.createElement("input");
                input.setAttribute("placeholder", text);
                box.append(line, button, input);
                return [line, button, input];
              });
              return new Promise((resolve) => setTimeout(() => {
                resolve(made.map(([l, b, i]) =>
                  [l.textContent, b.getAttribute("aria-label"), i.getAttribute("placeholder")]));
                box.remove();
              }, 300));
            }""",
            list(cases),
        )
        wrong = [
            f"«{english}» -> {got}"
            for (english, expected), got in zip(cases.items(), shown, strict=True)
            if got != [expected] * 3
        ]
        assert not wrong, "\n".join(wrong)

        _open(page, "Рейтинги")
        compare = page.locator('[data-testid="stMultiSelect"]').first
        compare.scroll_into_view_if_needed()
        expect(compare.locator("input")).to_have_attribute("placeholder", "Выберите учреждения")
        compare.locator("input").click()
        compare.locator("input").fill("нет такого учреждения")
        expect(page.get_by_role("listbox").get_by_text("Ничего не найдено")).to_be_visible()
        page.keyboard.press("Escape")

        _open(page, "Контроль сроков")
        page.get_by_label("Исполнитель (часть названия)").fill("отдел")
        expect(page.get_by_text("Нажмите Enter, чтобы применить")).to_be_visible()
        browser.close()
