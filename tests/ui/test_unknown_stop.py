"""A session started without a stop is recorded the same way whatever the screen's language;
only what the screen shows is in its language."""

from __future__ import annotations

import pytest

from kiosk.core.stops import UNKNOWN


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_unknown_place_reaches_the_journal_in_one_language(kiosk, lang):
    if kiosk.app.text.lang != lang:
        kiosk.do_tap("home.lang")
    kiosk.do_tap("home.stop")
    unknown = next(b for b in kiosk.app.buttons() if b.id.startswith("stops.") and
                   b.label == kiosk.app.text.t("ui.stop.unknown"))  # fmt: skip
    assert unknown.detail == kiosk.app.text.t("ui.stop.unknown_town")  # shown in its language
    kiosk.do_tap(unknown.id)
    assert kiosk.button("home.stop").label == kiosk.app.text.t("ui.stop.unknown")
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    snapshot = kiosk.app.journal.snapshot(kiosk.app.session.id)
    assert snapshot["stop"] == UNKNOWN.as_json()
