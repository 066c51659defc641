"""`stem-kiosk report [--png FILE]`: participants per stop, workshop and age band, in words and
as a bar chart.
"""

from __future__ import annotations

import argparse

from kiosk.commands.common import OK
from kiosk.commands.session import with_journal
from kiosk.config import Config
from kiosk.i18n import Catalogue
from kiosk.journal import Journal
from kiosk.report import draw_chart, text_report, totals


@with_journal
def report(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    cat = Catalogue(config.language)
    result = totals([s for s, _ in journal.snapshots()], cat.lang)
    print(text_report(result, cat))
    if args.png:
        draw_chart(result, cat, args.png)
        print(f"chart written to {args.png}")
    return OK
