"""Who does a write: a person with an account (`User`), or the system acting for someone who has
none here, named `system:<operating-system user>` so that no audit line is ever anonymous.

`None` wherever an actor is taken means the system of this process: the command line run without
`--as`, the demo loader. A job on the queue keeps the name of whoever queued it, and the worker
acts as `System(<that name>)`, so the audit names the person who ran `nok ingest`, not the
account the worker runs under.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from db.models import User

SYSTEM_PREFIX = "system:"


@dataclass(frozen=True)
class System:
    """The system acting for a person without an account; `login` is `system:<os user>`.

    It has the attributes of a `User` that writes read (`id` None, `login`), and the rights of
    an admin (see `docstore.roles`)."""

    login: str
    id: None = None


Actor = User | System | None


def os_user() -> str:
    """The operating-system user running this process (its uid when it has no name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid{os.getuid()}"


def system_actor() -> System:
    return System(f"{SYSTEM_PREFIX}{os_user()}")


def actor_name(actor: Actor) -> str:
    """The name an audit line carries: the login, or `system:<os user>`."""
    return (actor if actor is not None else system_actor()).login


def is_system(actor: Actor) -> bool:
    return actor is None or isinstance(actor, System)


def actor_for(user: User | None, name: str | None) -> Actor:
    """The actor of a queued job: its user, else the system named when it was queued."""
    if user is not None:
        return user
    return System(name) if name else None
