"""The tour planner's month: which month a query asks for, and its weeks (Monday first) with
each day's stops, the days of the months around it marked as such.
"""

from __future__ import annotations

from datetime import date, timedelta


def month_of(asked: str, today: date) -> date:
    """The first day of the month "YYYY-MM" asks for, else of this month."""
    try:
        year, month = (int(part) for part in asked.split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def shift(month: date, by: int) -> str:
    """The month `by` months from `month`, as "YYYY-MM"."""
    index = month.year * 12 + month.month - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def bounds(month: date) -> tuple[date, date]:
    """The first and last day shown: the Monday before the 1st to the Sunday after the end."""
    last = date.fromisoformat(f"{shift(month, 1)}-01") - timedelta(days=1)
    return month - timedelta(days=month.weekday()), last + timedelta(days=6 - last.weekday())


def weeks(month: date, stops: list[dict], today: date) -> list[list[dict]]:
    """The weeks of the month's grid: each day with its stops (dicts with a "date")."""
    first, last = bounds(month)
    by_day: dict[str, list[dict]] = {}
    for stop in stops:
        by_day.setdefault(stop["date"], []).append(stop)
    days = []
    day = first
    while day <= last:
        days.append(
            {
                "date": day,
                "in_month": day.month == month.month,
                "today": day == today,
                "stops": by_day.get(day.isoformat(), []),
            }
        )
        day += timedelta(days=1)
    return [days[i : i + 7] for i in range(0, len(days), 7)]
