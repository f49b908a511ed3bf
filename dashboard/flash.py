"""A message that survives the rerun after a write: set with `flash`, shown once by `show`."""

from __future__ import annotations

import streamlit as st


def flash(level: str, text: str, where: str) -> None:
    """Keep `text` for the next run of `where` (`level`: success, warning, error, info)."""
    st.session_state[f"flash_{where}"] = (level, text)


def show(where: str) -> None:
    """Show, once, the message kept for `where`."""
    message = st.session_state.pop(f"flash_{where}", None)
    if message is not None:
        level, text = message
        getattr(st, level)(text)
