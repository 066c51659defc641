"""`stem-listing user add|remove|list|passwd`: generated passwords that log in, stored as scrypt
only; removing a person or changing a password ends their sessions; bad names and unknown
people are refused with the right exit code.
"""

from __future__ import annotations

from sqlalchemy import select

from listing import db
from listing.cli import main
from listing.schema import users
from tests.listing.portal import browser, log_in


def run(capsys, *argv) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def test_a_person_added_on_the_command_line_logs_in_with_the_printed_password(server, capsys):
    url = server.db_url
    code, lines, _ = run(capsys, "--db", url, "user", "add", "an.peeters", "--role", "admin")
    assert code == 0
    password = lines[-1]
    assert len(password) >= 16 and " " not in password
    with db.read(server.engine) as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("scrypt$32768$8$1$") and password not in stored
    with browser(server.url) as http:
        answer = log_in(http, "an.peeters", password)
        assert (answer.status_code, answer.headers["location"]) == (303, "/portal/")
        home = http.get("/portal/")
    assert home.status_code == 200 and "Aangemeld als an.peeters (beheerder)." in home.text
    code, lines, _ = run(capsys, "--db", url, "user", "list")
    assert lines[0] == "name\trole\tcreated\tpassword set\tsessions"
    assert lines[1].split("\t")[:2] == ["an.peeters", "admin"] and lines[1].endswith("\t1")


def test_passwd_gives_a_new_password_and_ends_the_sessions(server, capsys):
    url = server.db_url
    old = run(capsys, "--db", url, "user", "add", "bert", "--role", "coordinator")[1][-1]
    with browser(server.url) as http:
        assert log_in(http, "bert", old).status_code == 303
        assert http.get("/portal/").status_code == 200
        code, lines, _ = run(capsys, "--db", url, "user", "passwd", "bert")
        assert code == 0 and lines[-1] != old
        ended = http.get("/portal/")
        assert (ended.status_code, ended.headers["location"]) == (
            303,
            "/portal/login?next=%2Fportal%2F",
        )
        assert log_in(http, "bert", old).status_code == 401
        assert log_in(http, "bert", lines[-1]).status_code == 303


def test_remove_ends_the_sessions_and_the_person_can_no_longer_log_in(server, capsys):
    url = server.db_url
    password = run(capsys, "--db", url, "user", "add", "carla", "--role", "coordinator")[1][-1]
    with browser(server.url) as http:
        assert log_in(http, "carla", password).status_code == 303
        assert run(capsys, "--db", url, "user", "remove", "carla")[0] == 0
        assert http.get("/portal/").status_code == 303
        assert log_in(http, "carla", password).status_code == 401
    assert run(capsys, "--db", url, "user", "list")[1] == [
        "name\trole\tcreated\tpassword set\tsessions"
    ]


def test_bad_names_duplicates_and_unknown_people(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'people.db'}"
    for bad in ("An", "with space", ".dot", "x" * 65, "émile"):
        code, _, err = run(capsys, "--db", url, "user", "add", bad, "--role", "admin")
        assert code == 2 and "invalid name" in err
    assert run(capsys, "--db", url, "user", "add", "dirk", "--role", "coordinator")[0] == 0
    code, _, err = run(capsys, "--db", url, "user", "add", "dirk", "--role", "admin")
    assert code == 1 and "exists" in err
    for action in ("remove", "passwd"):
        code, _, err = run(capsys, "--db", url, "user", action, "nobody")
        assert code == 2 and "no user nobody" in err
    code, lines, _ = run(capsys, "--db", url, "user", "list")
    assert [line.split("\t")[1] for line in lines[1:]] == ["coordinator"]
