"""Workshop packs for the listing tests: well-formed ones and every kind of crafted bad one.

`pack_zip({"name.yaml": text, ...})` zips files as given; `workshop_yaml(id)` is a workshop file
the listing can read (the kiosk's own checks are not the listing's business).
"""

from __future__ import annotations

import io
import stat
import zipfile


def workshop_yaml(
    workshop_id: str, title: str = "Reactiespel", ages: str = "10-14", version: str = "1.0"
) -> str:
    return (
        f"id: {workshop_id}\n"
        f'version: "{version}"\n'
        f"title: {{nl: {title}, en: {title} (en)}}\n"
        f'age_range: "{ages}"\n'
        "steps: []\n"
    )


def pack_zip(files: dict[str, str | bytes], *, links: dict[str, str] | None = None) -> bytes:
    """A zip of `files` (name -> content) and, as Unix symlink entries, `links` (name -> target)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return out.getvalue()


def good_pack(*workshops: str) -> bytes:
    """A pack of these workshops (default: one, "lichtshow") at its root, with a picture."""
    ids = workshops or ("lichtshow",)
    files: dict[str, str | bytes] = {f"{w}.yaml": workshop_yaml(w, title=w.title()) for w in ids}
    files["pictures/wiring.png"] = b"\x89PNG\r\n\x1a\n"
    return pack_zip(files)
