"""Streamlit's own words in Russian: tooltips, menus, hints, status and error lines.

Streamlit has no language setting. Whatever its API lets a page set is set at the call (labels,
`placeholder=`, captions); the rest is fixed English in its frontend: the table toolbar's
tooltips («Download as CSV»), «No results» in a list, «Press Enter to apply» under a text box,
«Running...» while a page runs, the uploader's «Upload» and «50MB per file», «Page not found».
`page_html()` gives one small script that replaces those texts (and the same words in
`aria-label`, `placeholder` and `title`) as they appear, from the two tables below: exact texts
first, then patterns for texts carrying a number or a name. The tables are data, so the browser
test shows each of them to the page and checks that it comes out Russian.
"""

from __future__ import annotations

import json

EXACT: dict[str, str] = {
    # lists (selectbox, multiselect)
    "Choose an option": "Выберите значение",
    "Choose options": "Выберите значения",
    "No options to select": "Выбирать не из чего",
    "No results": "Ничего не найдено",
    "Clear all": "Очистить",
    "Clear value": "Очистить",
    "Select all": "Выбрать все",
    "Selected values": "Выбранные значения",
    "Selectbox options": "Варианты",
    "Multiselect options": "Варианты",
    "Open": "Открыть",
    "Close": "Закрыть",
    # text, number and date boxes
    "Press Enter to apply": "Нажмите Enter, чтобы применить",
    "Press Enter to submit form": "Нажмите Enter, чтобы отправить форму",
    "Clear entry": "Очистить",
    "Show password": "Показать пароль",
    "Hide password": "Скрыть пароль",
    "Invalid input.": "Неверное значение.",
    "Increment": "Увеличить",
    "Decrement": "Уменьшить",
    "Choose date": "Выбрать дату",
    "Choose date range": "Выбрать период",
    "Clear date": "Очистить дату",
    "Clear dates": "Очистить даты",
    "Number is above the allowed range.": "Число больше допустимого.",
    "Number is below the allowed range.": "Число меньше допустимого.",
    # file uploader
    "Upload": "Выбрать файлы",
    "Add files": "Добавить файлы",
    "Drag and drop files here": "Перетащите файлы сюда",
    "Drag and drop a file here": "Перетащите файл сюда",
    "Error uploading file": "Файл не загрузился",
    "Error deleting file": "Файл не удалился",
    # tables and charts: the toolbar and the column menu
    "Download as CSV": "Скачать CSV",
    "Download as PNG": "Скачать PNG",
    "Search": "Поиск",
    "Type to search": "Введите текст для поиска",
    "Close Search": "Закрыть поиск",
    "Next Result": "Следующее совпадение",
    "Previous Result": "Предыдущее совпадение",
    "Fullscreen": "Во весь экран",
    "Close fullscreen": "Выйти из полноэкранного режима",
    "Show/hide columns": "Показать или скрыть столбцы",
    "Show data": "Показать данные",
    "Show chart": "Показать диаграмму",
    "Copy Vega-Lite spec": "Скопировать описание диаграммы",
    "Copied!": "Скопировано",
    "Sort ascending": "По возрастанию",
    "Sort descending": "По убыванию",
    "Pin column": "Закрепить столбец",
    "Unpin column": "Открепить столбец",
    "Hide column": "Скрыть столбец",
    "Autosize": "Подогнать ширину",
    "Format": "Формат",
    "Copy column name": "Скопировать название столбца",
    "Dataframe column menu": "Меню столбца",
    "Add row": "Добавить строку",
    "Delete row(s)": "Удалить строки",
    "No data": "Нет данных",
    "Empty": "Пусто",
    # the app around the pages
    "Running...": "Выполняется…",
    "Stop": "Остановить",
    "Stopping...": "Останавливается…",
    "Rerun": "Обновить",
    "Always rerun": "Обновлять всегда",
    "Main menu": "Меню",
    "Print": "Печать",
    "Clear cache": "Очистить кэш",
    "Settings": "Настройки",
    "About": "О программе",
    "App pages": "Разделы",
    "Sidebar": "Боковая панель",
    "Collapse sidebar": "Свернуть панель",
    "Expand sidebar": "Развернуть панель",
    "Skip to main content": "К содержанию",
    "Link to heading": "Ссылка на заголовок",
    "View less": "Свернуть",
    "Connecting": "Подключение",
    "Please wait...": "Подождите…",
    "Connection error": "Нет связи с сервером",
    "Connection timed out.": "Сервер не ответил вовремя.",
    "Connection lost. Please wait for the app to reconnect, then try again.": (
        "Связь с сервером потеряна. Дождитесь, пока она восстановится, и повторите действие."
    ),
    "Streamlit server is not responding. Are you connected to the internet?": (
        "Сервер не отвечает. Проверьте подключение к сети."
    ),
    "Reconnected to server.": "Связь с сервером восстановлена.",
    "Page not found": "Страница не найдена",
    "Dismiss": "Закрыть",
    "Cancel": "Отмена",
    "Retry": "Повторить",
    "Try again": "Повторить",
    "Error": "Ошибка",
    "Warning": "Предупреждение",
    "Vega visualization": "Диаграмма",
    "Copy": "Копировать",
    "Copied": "Скопировано",
}

PATTERNS: tuple[tuple[str, str, str], ...] = (
    # (JavaScript regular expression, its replacement with $1 for the first group, an example)
    (r"^Help for (.+)$", "Справка: $1", "Help for Просрочено точек"),
    (r"^Remove (.+)$", "Убрать: $1", "Remove ГБУСО «Центр»"),
    (r"^Select (\d+) matches$", "Выбрать совпадения: $1", "Select 3 matches"),
    (
        r"^You can only select up to (\d+) options?\. Remove an option first\.$",
        "Можно выбрать не больше $1. Сначала уберите одно из выбранных.",
        "You can only select up to 6 options. Remove an option first.",
    ),
    (r"^View (\d+) more$", "Ещё $1", "View 4 more"),
    (r"^(\d+(?:\.\d+)?) ?MB per file$", "до $1 МБ на файл", "50MB per file"),
    (r"^(\d+(?:\.\d+)?) ?KB per file$", "до $1 КБ на файл", "500KB per file"),
    (r"^(\d+(?:\.\d+)?) ?GB per file$", "до $1 ГБ на файл", "1GB per file"),
    (r"^(\d+(?:\.\d+)?) ?B$", "$1 Б", "12B"),
    (r"^(\d+(?:\.\d+)?) ?KB$", "$1 КБ", "12.5KB"),
    (r"^(\d+(?:\.\d+)?) ?MB$", "$1 МБ", "1.2MB"),
    (r"^(\d+(?:\.\d+)?) ?GB$", "$1 ГБ", "1.1GB"),
    (r"^day, (.+)$", "день, $1", "day, На дату"),
    (r"^month, (.+)$", "месяц, $1", "month, На дату"),
    (r"^year, (.+)$", "год, $1", "year, На дату"),
    (
        r"^You have requested page /(.*), but no corresponding file was found in the app's pages/ directory"
        r"\. Running the app's main page\.$",
        "Страницы /$1 нет. Открыта главная страница.",
        "You have requested page /nothing, but no corresponding file was found in the app's pages/ "
        "directory. Running the app's main page.",
    ),
    (
        r"^The page that you have requested does not seem to exist\. Running the app's main page\.$",
        "Такой страницы нет. Открыта главная страница.",
        "The page that you have requested does not seem to exist. Running the app's main page.",
    ),
    (
        r"^Number is above the allowed range\. Please enter a value less than or equal to (.+)\.$",
        "Число больше допустимого: введите не больше $1.",
        "Number is above the allowed range. Please enter a value less than or equal to 365.",
    ),
    (
        r"^Number is below the allowed range\. Please enter a value greater than or equal to (.+)\.$",
        "Число меньше допустимого: введите не меньше $1.",
        "Number is below the allowed range. Please enter a value greater than or equal to 0.",
    ),
    (
        r"^Number is outside the allowed range\. Please enter a value between (.+) and (.+)\.$",
        "Число вне допустимых пределов: введите от $1 до $2.",
        "Number is outside the allowed range. Please enter a value between 0 and 365.",
    ),
)

_SCRIPT = """<script>
(() => {
  if (window.__nokRussian) return;
  window.__nokRussian = true;
  const exact = new Map(Object.entries(%(exact)s));
  const patterns = %(patterns)s.map(([p, r]) => [new RegExp(p), r]);
  const ATTRIBUTES = ["aria-label", "placeholder", "title"];
  const russian = (value) => {
    const text = value.trim();
    if (!text || !/[A-Za-z]/.test(text)) return null;
    if (exact.has(text)) return value.replace(text, exact.get(text));
    for (const [pattern, replacement] of patterns) {
      if (pattern.test(text)) return value.replace(text, text.replace(pattern, replacement));
    }
    return null;
  };
  const fixText = (node) => {
    const value = russian(node.nodeValue || "");
    if (value !== null && value !== node.nodeValue) node.nodeValue = value;
  };
  const fixAttributes = (element) => {
    for (const name of ATTRIBUTES) {
      const old = element.getAttribute(name);
      const value = old && russian(old);
      if (value && value !== old) element.setAttribute(name, value);
    }
  };
  const fix = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return fixText(node);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    fixAttributes(node);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let next = walker.nextNode(); next; next = walker.nextNode()) {
      if (next.nodeType === Node.TEXT_NODE) fixText(next); else fixAttributes(next);
    }
  };
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === "childList") mutation.addedNodes.forEach(fix);
      else fix(mutation.target);
    }
  }).observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES,
  });
  fix(document.body);
})();
</script>"""

_HIDE_SCRIPT_BOX = (
    "<style>[data-testid='stElementContainer']:has(.nok-russian) { display: none; }</style>"
    "<span class='nok-russian'></span>"
)


def page_html() -> str:
    """The script (and the style keeping its empty box out of the layout) for `st.html`."""
    script = _SCRIPT % {
        "exact": json.dumps(EXACT, ensure_ascii=False),
        "patterns": json.dumps([[p, r] for p, r, _ in PATTERNS], ensure_ascii=False),
    }
    return _HIDE_SCRIPT_BOX + script
