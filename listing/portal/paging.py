"""Paged lists: `?page=N` (from 1), a fixed number of rows a page, a link to the next page only
when there is one (one row more than a page is fetched to know).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

SIZE = 50


@dataclass(frozen=True)
class Paging:
    number: int  # 1-based
    size: int = SIZE
    name: str = "page"  # the query parameter (a page with two lists names them apart)

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def fetch(self) -> int:
        return self.size + 1


def asked(params, size: int = SIZE, name: str = "page") -> Paging:
    """The page the query string asks for (anything odd is the first page)."""
    raw = params.get(name, "1")
    number = int(raw) if raw.isdigit() and 0 < len(raw) < 7 else 1
    return Paging(max(1, number), size, name)


@dataclass(frozen=True)
class Page:
    rows: list
    number: int
    previous: str | None  # query strings of the neighbouring pages
    next: str | None


def page_of(rows: list, paging: Paging, params=None) -> Page:
    """The rows of this page, with links that keep the other query parameters."""
    keep = {k: v for k, v in (params or {}).items() if k != paging.name}

    def link(number: int) -> str:
        return urlencode(keep | ({paging.name: number} if number > 1 else {}))

    more = len(rows) > paging.size
    return Page(
        rows[: paging.size],
        paging.number,
        link(paging.number - 1) if paging.number > 1 else None,
        link(paging.number + 1) if more else None,
    )
