"""`user add|remove|list|passwd`: the people who log in to the portal.

A new password is generated, printed once alone on the last line, and stored as scrypt only;
removing a person or changing a password ends every session of theirs.
"""

from __future__ import annotations

from listing import db
from listing.auth.passwords import add_person, hash_password, new_password
from listing.commands import engine, fail
from listing.storage import users


def add_commands(sub) -> None:
    user = sub.add_parser("user", help="people who log in to the portal")
    actions = user.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a person; prints a password on the last line")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=users.ROLES, required=True)
    add.set_defaults(handler=_add)
    remove = actions.add_parser("remove", help="remove a person and end their sessions")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=_remove)
    actions.add_parser("list", help="every person and their role").set_defaults(handler=_list)
    passwd = actions.add_parser("passwd", help="a new password (last line); ends their sessions")
    passwd.add_argument("name", metavar="NAME")
    passwd.set_defaults(handler=_passwd)


def _add(args) -> int:
    if not users.is_name(args.name):
        return fail(f"invalid name {args.name!r}: lower-case letters, digits, '.', '_' and '-'", 2)
    try:
        with db.write(engine(args)) as conn:
            password = add_person(conn, args.name, args.role)
    except users.UserExists:
        return fail(f"user {args.name} exists", 1)
    print(f"user {args.name} ({args.role}) added; their password (shown once):")
    print(password)
    return 0


def _remove(args) -> int:
    try:
        with db.write(engine(args)) as conn:
            users.remove_user(conn, args.name)
    except users.UnknownUser:
        return fail(f"no user {args.name}", 2)
    print(f"user {args.name} removed; their sessions have ended")
    return 0


def _list(args) -> int:
    with db.read(engine(args)) as conn:
        rows = users.list_users(conn)
    print("name\trole\tcreated\tpassword set\tsessions")
    for row in rows:
        fields = [row.name, row.role, row.created_at, row.password_set_at, str(row.sessions)]
        print("\t".join(fields))
    return 0


def _passwd(args) -> int:
    password = new_password()
    try:
        with db.write(engine(args)) as conn:
            users.set_password(conn, args.name, hash_password(password))
    except users.UnknownUser:
        return fail(f"no user {args.name}", 2)
    print(f"user {args.name}: new password (shown once); their sessions have ended:")
    print(password)
    return 0
