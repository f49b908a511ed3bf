"""nok's Streamlit app: sign-in first, then only the pages of the user's roles (st.navigation)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import interface_ru
from dashboard.data import refresh_if_data_changed
from dashboard.labels import ROLES_RU
from dashboard.navigation import PAGES, pages_for
from dashboard.signin import cookie_script, current_user, sign_out

st.set_page_config(page_title="НОК: мониторинг", page_icon="📊", layout="wide")

PAGES_DIR = Path(__file__).parent / "views"

refresh_if_data_changed()
user = current_user()
if user is None:
    # Every page's address opens the sign-in form, so a shared link lands on its page once signed in.
    pages = [
        st.Page(
            PAGES_DIR / "login.py", title="Вход", icon=":material/login:", default=True, url_path="login"
        ),
        *(st.Page(PAGES_DIR / "login.py", title=spec.title, url_path=spec.url_path) for spec in PAGES),
    ]
    cookie_script()  # removes the cookie of a session just signed out
else:
    specs = pages_for(user.roles)
    pages = [
        st.Page(
            PAGES_DIR / spec.file, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=i == 0
        )
        for i, spec in enumerate(specs)
    ]
    with st.sidebar:
        roles = ", ".join(sorted(ROLES_RU.get(role, role) for role in user.roles))
        st.caption(f"Вы вошли как **{user.full_name or user.login}** ({roles})")
        if st.button("Выйти", key="sign_out"):
            sign_out()
            st.rerun()
        cookie_script()
st.html(interface_ru.page_html(), unsafe_allow_javascript=True)
navigation = st.navigation(pages, position="sidebar" if user is not None else "hidden")
navigation.run()
