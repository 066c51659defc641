"""Helpers for the portal tests: people made as `stem-listing user add` makes them, and a
browser-like HTTP client that reads the CSRF token from the form it was given.
"""

from __future__ import annotations

import re

import httpx

from listing import db
from listing.auth.passwords import hash_password
from listing.storage import users

HTML = {"Accept": "text/html,application/xhtml+xml"}
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_person(engine, name: str, role: str, password: str = "correct horse battery") -> str:
    with db.write(engine) as conn:
        users.add_user(conn, name, role, hash_password(password))
    return password


def browser(url: str) -> httpx.Client:
    """A client that keeps cookies and asks for pages, as a browser does (no redirects
    followed, so each answer can be looked at)."""
    return httpx.Client(base_url=url, headers=HTML, timeout=30)


def csrf_of(page: httpx.Response) -> str:
    found = _TOKEN.search(page.text)
    assert found, page.text
    return found.group(1)


def log_in(http: httpx.Client, name: str, password: str, **extra: str) -> httpx.Response:
    """Open the login form, then post it with its token."""
    form = http.get("/portal/login")
    assert form.status_code == 200
    fields = {"name": name, "password": password, "csrf_token": csrf_of(form)} | extra
    return http.post("/portal/login", data=fields)
