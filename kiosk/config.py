"""The kiosk's config file (`kiosk.yaml`): where it is, what it says, and its defaults.

Lookup: `--config`, else `STEM_KIOSK_CONFIG`, else a development default created on first run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from devices.kits import default_kit_path
from devices.yamlcheck import Checker
from devices.yamlsource import Problem, SourceError, read
from kiosk.about import DEFAULT_KIOSK_ID
from kiosk.i18n import languages

ENV_VAR = "STEM_KIOSK_CONFIG"
KIOSK_ID_PATTERN = r"[a-z0-9][a-z0-9-]{0,63}"
KEYS = [
    "kiosk_id", "language", "data_dir", "kit", "tour", "workshops_dirs", "listing",
    "facilitator_pin_hash", "large_text",
]  # fmt: skip

TEMPLATE = f"""\
# stem-kiosk configuration. Every key is optional; see the README for what each one does.
kiosk_id: {DEFAULT_KIOSK_ID}
language: nl
# data_dir: /var/lib/stem-kiosk
# kit: /etc/stem-kiosk/kit.yaml
# tour: /etc/stem-kiosk/tour.yaml
# workshops_dirs: []
# listing:
#   url: https://listing.example.org
#   token_file: /etc/stem-kiosk/token
# large_text: false             # true: every screen starts with large text (Home's A+ toggles)
"""


def user_data_dir() -> Path:
    """The user's data directory for stem-kiosk (XDG), the development default for data."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "stem-kiosk"


@dataclass
class Config:
    path: Path
    kiosk_id: str = DEFAULT_KIOSK_ID
    language: str = "nl"
    data_dir: Path = field(default_factory=user_data_dir)
    kit: Path = field(default_factory=default_kit_path)
    tour: Path | None = None
    workshops_dirs: list[Path] = field(default_factory=list)
    listing_url: str | None = None
    token_file: Path | None = None
    facilitator_pin_hash: str | None = None
    large_text: bool = False  # start with large text (Home's "A+" switches it for the day)

    @property
    def imported_workshops_dir(self) -> Path:
        """Where workshop packs from a USB stick are installed."""
        return self.data_dir / "workshops"


def config_path(cli_value: str | None) -> Path:
    if cli_value:
        return Path(cli_value)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return user_data_dir() / "kiosk.yaml"


def ensure_config(path: Path) -> None:
    """Create the development default config (owner-only) on first run.

    Only the default path is created: a `--config` or `STEM_KIOSK_CONFIG` that names a missing
    file is a mistake to report, not to paper over.
    """
    if path != user_data_dir() / "kiosk.yaml" or path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(TEMPLATE)


def load_config(path: Path) -> tuple[Config, list[Problem]]:
    """Read the config; on problems, the valid keys still apply and the rest keep defaults."""
    config = Config(path=path)
    try:
        doc = read(path, max_bytes=65_536)
    except SourceError as err:
        return config, err.problems
    check = Checker(doc)
    top = check.mapping((), doc.data, optional=KEYS, what="config")
    if top is None:
        return config, check.problems
    base = path.parent

    if "kiosk_id" in top:
        kid = check.text(
            ("kiosk_id",),
            top["kiosk_id"],
            max_len=64,
            pattern=KIOSK_ID_PATTERN,
            hint="must be lower-case letters, digits, '-'",
        )
        config.kiosk_id = kid or config.kiosk_id
    if "language" in top:
        config.language = check.choice(("language",), top["language"], languages()) or "nl"
    for key in ("data_dir", "kit", "tour"):
        if top.get(key) is not None:
            value = check.text((key,), top[key], max_len=4096)
            if value:
                setattr(config, key, base / Path(value).expanduser())
    if top.get("workshops_dirs") is not None:
        dirs = top["workshops_dirs"]
        if check.sequence(("workshops_dirs",), dirs) is not None:
            for i, d in enumerate(dirs):
                if value := check.text(("workshops_dirs", i), d, max_len=4096):
                    config.workshops_dirs.append(base / Path(value).expanduser())
    if top.get("listing") is not None:
        listing = check.mapping(("listing",), top["listing"], optional=["url", "token_file"])
        if listing is not None:
            if listing.get("url") is not None:
                config.listing_url = check.text(
                    ("listing", "url"),
                    listing["url"],
                    max_len=2048,
                    pattern=r"https?://\S+",
                    hint="must start with http:// or https://",
                )
            if listing.get("token_file") is not None:
                value = check.text(("listing", "token_file"), listing["token_file"], max_len=4096)
                config.token_file = base / Path(value).expanduser() if value else None
    if top.get("large_text") is not None:
        large = check.boolean(("large_text",), top["large_text"])
        config.large_text = bool(large)
    if top.get("facilitator_pin_hash") is not None:
        config.facilitator_pin_hash = check.text(
            ("facilitator_pin_hash",), top["facilitator_pin_hash"], max_len=512
        )
    return config, check.problems
