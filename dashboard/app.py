"""nok's Streamlit app: sign-in first, then only the pages of the user's roles (st.navigation)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.navigation import pages_for
from dashboard.signin import current_user, sign_out

st.set_page_config(page_title="НОК: мониторинг", page_icon="📊", layout="wide")

PAGES_DIR = Path(__file__).parent / "views"

user = current_user()
if user is None:
    pages = [
        st.Page(PAGES_DIR / "login.py", title="Вход", icon=":material/login:", default=True, url_path="login")
    ]
else:
    specs = pages_for(user.roles)
    pages = [
        st.Page(
            PAGES_DIR / spec.file, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=i == 0
        )
        for i, spec in enumerate(specs)
    ]
    with st.sidebar:
        st.caption(f"Вы вошли как **{user.full_name or user.login}** ({user.login})")
        if st.button("Выйти", key="sign_out"):
            sign_out()
            st.rerun()
navigation = st.navigation(pages)
navigation.run()
