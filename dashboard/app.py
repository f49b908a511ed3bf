"""nok's Streamlit app: navigation between the pages; each page is a thin view."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

st.set_page_config(page_title="НОК: мониторинг", page_icon="📊", layout="wide")

PAGES_DIR = Path(__file__).parent / "views"

navigation = st.navigation(
    [st.Page(PAGES_DIR / "home.py", title="Главная", icon="🏠", default=True, url_path="home")]
)
navigation.run()
