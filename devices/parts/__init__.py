"""Every type of device a kit can hold, one module each, found by the word a kit file uses.

`part("button")` is the class behind `type: button`. A new type is one new module in this
package (a `Part` subclass filed with `@register`) and its test; nothing else names it.
"""

from __future__ import annotations

import importlib
import pkgutil

from devices.parts.base import REGISTRY, Part, Sample

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

PARTS: dict[str, type[Part]] = REGISTRY  # every type, in the order of their module names

__all__ = ["PARTS", "Part", "Sample", "part"]


def part(kind: str) -> type[Part]:
    """The class of a device type; KeyError for a type no module describes."""
    try:
        return PARTS[kind]
    except KeyError:
        raise KeyError(f"no device type '{kind}'") from None
