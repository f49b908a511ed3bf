"""What the commands that write share: the database brought to the newest schema, and the user
named by `--as` (without it the write is recorded as `system:<os user>`, see `docstore.actors`);
each failure is one Russian line for stderr (`CommandFailed`)."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine


def add_as_argument(parser: argparse.ArgumentParser) -> None:
    """`--as LOGIN`: act as that account (its rights, its name in the audit log)."""
    parser.add_argument(
        "--as",
        dest="as_login",
        metavar="ЛОГИН",
        help="от имени пользователя (без него действие записывается как system:<пользователь ОС>)",
    )


class CommandFailed(Exception):
    """The command cannot start; the message is the line to print (exit status 2)."""


def migrated_engine(command: str) -> Engine:
    """The engine of NOK_DATABASE_URL, upgraded to head."""
    from sqlalchemy.exc import OperationalError

    from db.engine import get_engine
    from db.migrate import upgrade

    engine = get_engine()
    try:
        upgrade(engine)
    except OperationalError as error:
        raise CommandFailed(f"nok {command}: база данных недоступна: {error.orig}") from None
    return engine


def user_by_login(engine: Engine, login: str | None, command: str):  # type: ignore[no-untyped-def]
    """The user `login` (None when no login is given: the system acts, named after the OS user)."""
    from sqlmodel import Session, select

    from db.models import User

    if not login:
        return None
    with Session(engine, expire_on_commit=False) as session:
        user = session.exec(select(User).where(User.login == login)).first()
    if user is None:
        raise CommandFailed(f"nok {command}: пользователь «{login}» не найден")
    return user
