"""Вход: the only page shown before sign-in."""

from __future__ import annotations

import streamlit as st

from dashboard.signin import OIDC, password_sign_in, sign_in_method

st.title("Вход в систему мониторинга НОК")
if sign_in_method(st.secrets) == OIDC:
    st.write("Вход выполняется через единую учётную запись ведомства.")
    if st.button("Войти через учётную запись ведомства", key="oidc_login"):
        st.login()
    if getattr(st.user, "is_logged_in", False):
        st.error("Учётная запись не найдена в системе. Обратитесь к администратору.")
else:
    with st.form("login"):
        login = st.text_input("Логин", key="login_name")
        password = st.text_input("Пароль", type="password", key="login_password")
        submitted = st.form_submit_button("Войти")
    if submitted:
        refused = password_sign_in(login, password)
        if refused is None:
            st.rerun()
        st.error(refused)
    st.caption("Учётные записи создаёт администратор командой `nok user add`.")
