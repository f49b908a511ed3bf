"""`nok user add LOGIN --role ROLE [--authority NAME] [--organization NAME] [--password-stdin]
[--as LOGIN]` and `nok user list`: accounts for the app's sign-in (argon2 hashes, roles as
assignments). A password breaking the rules (`docstore.auth.password_problem`) is refused with
exit status 2; the creation is a line of the audit log, in the name of `--as` or the OS user."""

from __future__ import annotations

import argparse
import getpass
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    from cli.database import add_as_argument
    from db.models import ROLES

    parser = subparsers.add_parser("user", help="пользователи приложения", description="Учётные записи.")
    actions = parser.add_subparsers(dest="user_action", metavar="ДЕЙСТВИЕ", required=True)
    add = actions.add_parser("add", help="создать пользователя", description="Создаёт пользователя с ролями.")
    add.add_argument("login", metavar="ЛОГИН")
    add.add_argument("--role", action="append", required=True, choices=ROLES, help="роль (можно несколько)")
    add.add_argument("--authority", metavar="НАЗВАНИЕ", help="ограничить роли органом власти")
    add.add_argument("--organization", metavar="НАЗВАНИЕ", help="ограничить роли учреждением")
    add.add_argument("--full-name", default="", metavar="ФИО", help="имя для показа")
    add.add_argument("--password-stdin", action="store_true", help="прочитать пароль из стандартного ввода")
    add_as_argument(add)
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="список пользователей", description="Пользователи и роли.")
    listing.set_defaults(handler=run_list)


def run_add(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError, ProgrammingError
    from sqlmodel import Session, select

    from cli.database import CommandFailed, user_by_login
    from db.engine import get_engine
    from db.models import Authority, Organization
    from docstore.auth import WeakPassword, create_user, password_problem
    from docstore.errors import DocstoreError, Forbidden

    password = _read_password(args.password_stdin)
    if not password:
        print("nok user add: пароль не может быть пустым", file=sys.stderr)
        return 2
    problem = password_problem(args.login, password)
    if problem is not None:
        print(f"nok user add: {problem}", file=sys.stderr)
        return 2
    try:
        by = user_by_login(get_engine(), args.as_login, "user add")
    except CommandFailed as error:
        print(error, file=sys.stderr)
        return 2
    except (OperationalError, ProgrammingError) as error:
        print(f"nok user add: база данных не готова (выполните nok init): {error.orig}", file=sys.stderr)
        return 2
    try:
        with Session(get_engine()) as session:
            authority_id = organization_id = None
            if args.authority:
                authority = session.exec(
                    select(Authority).where(
                        (Authority.name == args.authority) | (Authority.short_name == args.authority)
                    )
                ).first()
                if authority is None:
                    print(f"nok user add: орган «{args.authority}» не найден", file=sys.stderr)
                    return 2
                authority_id = authority.id
            if args.organization:
                organization = session.exec(
                    select(Organization).where(
                        (Organization.name == args.organization)
                        | (Organization.short_name == args.organization)
                    )
                ).first()
                if organization is None:
                    print(f"nok user add: учреждение «{args.organization}» не найдено", file=sys.stderr)
                    return 2
                organization_id = organization.id
            roles = [(role, authority_id, organization_id) for role in args.role]
            create_user(
                session, login=args.login, password=password, full_name=args.full_name, roles=roles, by=by
            )
            session.commit()
    except (WeakPassword, Forbidden) as error:
        print(f"nok user add: {error.message}", file=sys.stderr)
        return 2
    except DocstoreError as error:
        print(f"nok user add: {error.message}", file=sys.stderr)
        return 1
    except (OperationalError, ProgrammingError) as error:
        print(f"nok user add: база данных не готова (выполните nok init): {error.orig}", file=sys.stderr)
        return 2
    print(f"Пользователь «{args.login}» создан: роли {', '.join(args.role)}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError, ProgrammingError
    from sqlmodel import Session, col, select

    from db.engine import get_engine
    from db.models import RoleAssignment, User

    try:
        with Session(get_engine()) as session:
            users = list(session.exec(select(User).order_by(col(User.login))))
            roles: dict[int, list[str]] = {}
            for assignment in session.exec(select(RoleAssignment)):
                roles.setdefault(assignment.user_id, []).append(assignment.role)
    except (OperationalError, ProgrammingError) as error:
        print(f"nok user list: база данных не готова (выполните nok init): {error.orig}", file=sys.stderr)
        return 2
    if not users:
        print("Пользователей нет. Создайте первого: nok user add ЛОГИН --role admin")
        return 0
    for user in users:
        state = "" if user.is_active else " (отключён)"
        print(
            f"{user.login}\t{', '.join(sorted(roles.get(user.id or 0, []))) or '—'}\t{user.full_name}{state}"
        )
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Пароль: ")
    if getpass.getpass("Пароль ещё раз: ") != first:
        print("nok user add: пароли не совпадают", file=sys.stderr)
        return ""
    return first
