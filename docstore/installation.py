"""Facts about this installation, kept in its database: whether it is a demo one.

A demo installation is one `nok demo` loaded (into an empty database): only there do the demo
accounts (password `demo`) exist, and only there may `nok demo` run again. A real registry is
never marked, so demo data cannot be mixed into it.
"""

from __future__ import annotations

from sqlmodel import Session

from db.models import InstallationProperty, utcnow

DEMO = "demo"


def is_demo_installation(session: Session) -> bool:
    row = session.get(InstallationProperty, DEMO)
    return row is not None and row.value == "1"


def mark_demo_installation(session: Session) -> None:
    """Mark the installation as a demo one (the caller commits)."""
    row = session.get(InstallationProperty, DEMO) or InstallationProperty(key=DEMO, value="1")
    row.value, row.set_at = "1", utcnow()
    session.add(row)
    session.flush()
