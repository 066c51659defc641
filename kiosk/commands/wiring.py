"""`stem-kiosk devices wiring NAME --png FILE`: the wiring picture of one device, as a PNG.

Apart from the other device commands because it loads pygame to draw.
"""

from __future__ import annotations

import argparse

from devices.wiring import save_png
from kiosk.commands.common import OK, PROBLEM, fail
from kiosk.commands.devices import named


def wiring(args: argparse.Namespace) -> int:
    spec, code = named(args)
    if spec is None:
        return code
    try:
        save_png(spec, args.name, args.png)
    except OSError as err:
        return fail(f"cannot write {args.png}: {err.strerror}", PROBLEM)
    print(args.png)
    return OK
