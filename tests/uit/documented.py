"""What publiq's documentation says a body must be, as checks the fake and the tests share.

Every rule names its source in cultuurnet/apidocs, projects/uitdatabank/ (models/, docs/).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

LANGUAGES = ("nl", "fr", "de", "en")  # models/common-language.json
UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}"
PLACE_ID = re.compile(rf"^http[s]?://.+?/place[s]?/({UUID})[/]?")  # models/place-@id.json
ORGANIZER_ID = re.compile(rf"^http[s]?://.+?/organizer[s]?/({UUID})[/]?")
LABEL = re.compile(r"^(?=.{2,255}$)(?=.*\S.*\S.*)[^;]*$", re.DOTALL)  # models/common-label.json
AGE_RANGE = re.compile(r"^[\d]*-[\d]*$")  # models/common-typicalAgeRange.json
CALENDAR_TYPES = ("single", "multiple", "periodic", "permanent")  # event-calendarType.json
STATUS_TYPES = ("Available", "TemporarilyUnavailable", "Unavailable")  # common-status.json
WORKFLOW = ("DRAFT", "READY_FOR_VALIDATION", "APPROVED", "REJECTED", "DELETED")
AUDIENCE = ("everyone", "members", "education")  # event-audience.json
# errors.md, invalid-workflow-status-transition: DRAFT -> READY_FOR_VALIDATION ->
# APPROVED | REJECTED, anything -> DELETED, never back.
TRANSITIONS = {
    ("DRAFT", "READY_FOR_VALIDATION"),
    ("READY_FOR_VALIDATION", "APPROVED"),
    ("READY_FOR_VALIDATION", "REJECTED"),
}
# The eventtype terms the docs name (create.md, create-school.md, event-with-read-example.json).
EVENTTYPES = {
    "0.7.0.0.0": "Begeleide uitstap of rondleiding",
    "0.50.4.0.0": "Concert",
    "0.3.1.0.0": "Lessenreeks",
    "0.3.1.0.1": "Cursus met open sessies",
    "0.54.0.0.0": "Dansvoorstelling",
    "0.5.0.0.0": "Festival",
    "0.50.6.0.0": "Film",
    "0.3.2.0.0": "Lezing of congres",
    "0.50.21.0.0": "Spel of quiz",
    "0.0.0.0.0": "Tentoonstelling",
    "0.55.0.0.0": "Theatervoorstelling",
}
THEMES = {"1.8.3.3.0": "Dance muziek", "0.52.0.0.0": "Circus"}

Problem = tuple[str, str]  # (JSON pointer, error), as schemaErrors in errors/models/Error.json


def problem(kind: str, title: str, detail: str, status: int = 400, **more) -> dict[str, Any]:
    """A publiq problem body (errors/models/Error.json)."""
    return {
        "type": f"https://api.publiq.be/probs/{kind}",
        "title": title,
        "status": status,
        "detail": detail,
        **more,
    }


def invalid_data(problems: list[tuple[str, str]]) -> dict[str, Any]:
    errors = [{"jsonPointer": p, "error": e} for p, e in problems]
    return problem(
        "body/invalid-data", "Invalid body data", errors[0]["error"], schemaErrors=errors
    )


def not_found(event_id: str) -> dict[str, Any]:
    detail = f'The resource with id "{event_id}" was not found.'
    return problem("url/not-found", "URL not found", detail, 404)


def event_problems(body: Any, *, creating: bool) -> list[Problem]:
    """Everything wrong with an event body for POST /events (creating) or PUT /events/{id}."""
    if not isinstance(body, dict):
        return [("/", "The body must be a JSON object.")]
    found: list[Problem] = []
    missing = [
        k for k in ("mainLanguage", "name", "terms", "location", "calendarType") if k not in body
    ]  # models/event.json, allOf[0].required
    if missing:
        found.append(("/", f"The required properties ({', '.join(missing)}) are missing."))
    main = body.get("mainLanguage")
    if "mainLanguage" in body and main not in LANGUAGES:
        found.append(("/mainLanguage", f"must be one of {', '.join(LANGUAGES)}"))
    if "name" in body:
        found += _localized(body["name"], "/name", main, max_length=90)
    if "description" in body:
        found += _localized(body["description"], "/description", main, max_length=None)
    if "terms" in body:
        found += _terms(body["terms"])
    if "location" in body:
        found += _reference(body["location"], "/location", PLACE_ID)
    if "organizer" in body:
        found += _reference(body["organizer"], "/organizer", ORGANIZER_ID)
    found += _calendar(body)
    if "typicalAgeRange" in body:
        age = body["typicalAgeRange"]
        if not isinstance(age, str) or not AGE_RANGE.match(age):
            found.append(("/typicalAgeRange", "must match ^[\\d]*-[\\d]*$"))
        if "birthdateRange" in body:  # errors.md: cannot-combine-typical-age-and-birthdate-range
            found.append(("/birthdateRange", "cannot be combined with typicalAgeRange"))
    if "audience" in body:
        audience = body["audience"]
        if not isinstance(audience, dict) or audience.get("audienceType") not in AUDIENCE:
            found.append(("/audience/audienceType", f"must be one of {', '.join(AUDIENCE)}"))
    if "workflowStatus" in body:
        allowed = ("DRAFT", "READY_FOR_VALIDATION") if creating else WORKFLOW
        if body["workflowStatus"] not in allowed:  # APPROVED/REJECTED need moderation rights
            found.append(("/workflowStatus", f"must be one of {', '.join(allowed)}"))
    for key in ("labels", "hiddenLabels"):
        if key in body:
            found += _labels(body[key], f"/{key}")
    if "status" in body:
        found += _status(body["status"], "/status")
    return found


def _localized(value: Any, where: str, main: Any, *, max_length: int | None) -> list[Problem]:
    """models/common-name.json, common-description.json: a language map holding mainLanguage."""
    if not isinstance(value, dict) or not value:
        return [(where, "must be an object with at least one language")]
    found = []
    for lang, text in value.items():
        if lang not in LANGUAGES:
            found.append((f"{where}/{lang}", "is not a language of UiTdatabank"))
        elif not isinstance(text, str) or not re.search(r"\S", text):
            found.append((f"{where}/{lang}", "must be a text that is not blank"))
        elif max_length is not None and len(text) > max_length:
            found.append((f"{where}/{lang}", f"must be at most {max_length} characters"))
    if isinstance(main, str) and main not in value:
        found.append((where, f"needs a value in the mainLanguage ({main})"))
    return found


def _terms(terms: Any) -> list[Problem]:
    """models/event-terms.json: at least one, unique, each with an id; exactly one eventtype."""
    if not isinstance(terms, list) or not terms:
        return [("/terms", "must be an array with at least one term")]
    if not all(isinstance(t, dict) and isinstance(t.get("id"), str) for t in terms):
        return [("/terms", "every term must be an object with an id")]
    ids = [t["id"] for t in terms]
    found: list[Problem] = []
    if len(set(ids)) != len(ids):
        found.append(("/terms", "the terms must be unique"))
    unknown = [i for i in ids if i not in EVENTTYPES and i not in THEMES]
    if unknown:
        found.append(("/terms", f"unknown term id(s): {', '.join(unknown)}"))
    if sum(i in EVENTTYPES for i in ids) != 1:
        found.append(("/terms", "exactly one term of the domain eventtype is required"))
    return found


def _reference(value: Any, where: str, pattern: re.Pattern) -> list[Problem]:
    if not isinstance(value, dict) or not isinstance(value.get("@id"), str):
        return [(where, "must be an object with an @id")]
    if not pattern.match(value["@id"]):
        return [(f"{where}/@id", f"must match {pattern.pattern}")]
    return []


def _calendar(body: dict) -> list[Problem]:
    """event-calendarType.json and event.json: single/multiple need subEvent, periodic dates."""
    kind = body.get("calendarType")
    if "calendarType" in body and kind not in CALENDAR_TYPES:
        return [("/calendarType", f"must be one of {', '.join(CALENDAR_TYPES)}")]
    if kind in ("single", "multiple"):
        subs = body.get("subEvent")
        if not isinstance(subs, list) or not subs:
            return [("/subEvent", "is required with at least one item for this calendarType")]
        found: list[Problem] = []
        for n, sub in enumerate(subs):
            found += _sub_event(sub, f"/subEvent/{n}")
        return found
    if kind == "periodic":
        return [
            (f"/{k}", "is required for calendarType periodic")
            for k in ("startDate", "endDate")
            if k not in body
        ]
    return []


def _sub_event(sub: Any, where: str) -> list[Problem]:
    """models/event-subEvent.json: startDate and endDate, ISO-8601 date-times."""
    if not isinstance(sub, dict):
        return [(where, "must be an object")]
    found: list[Problem] = []
    times = {}
    for key in ("startDate", "endDate"):
        times[key] = _datetime(sub.get(key))
        if times[key] is None:
            found.append((f"{where}/{key}", "is required, an ISO-8601 date-time with an offset"))
    if None not in times.values() and times["endDate"] < times["startDate"]:
        found.append((f"{where}/endDate", "must not be before the startDate"))
    if "status" in sub:
        found += _status(sub["status"], f"{where}/status")
    return found


def _datetime(value: Any) -> dt.datetime | None:
    """RFC 3339 / ISO-8601 date-time with a time zone (models/common-string-datetime.json)."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _status(status: Any, where: str) -> list[Problem]:
    """models/common-status.json: a type, and a reason only as a language map."""
    if not isinstance(status, dict) or status.get("type") not in STATUS_TYPES:
        return [(f"{where}/type", f"must be one of {', '.join(STATUS_TYPES)}")]
    if "reason" in status:
        return _localized(status["reason"], f"{where}/reason", None, max_length=None)
    return []


def _labels(labels: Any, where: str) -> list[Problem]:
    """models/common-labels.json: unique, at least one, each a valid label."""
    if not isinstance(labels, list) or not labels:
        return [(where, "must be an array with at least one label")]
    found = [
        (f"{where}/{n}", "must be 2-255 characters, not blank, without ';'")
        for n, label in enumerate(labels)
        if not isinstance(label, str) or not LABEL.match(label)
    ]
    if len({str(x) for x in labels}) != len(labels):
        found.append((where, "the labels must be unique"))
    return found
