"""The gettext catalogues as the tests and translators see them: compiled, read, templated.

`python -m tests.i18n.catalogues` (`make catalogues`) compiles every `.po` into the `.mo` the
kiosk and the listing read (msgfmt, Debian's gettext) and rewrites each domain's `.pot`
template, whose comments give every message's Dutch and English text.
"""

from __future__ import annotations

import re
import string
import subprocess
import sys
from dataclasses import dataclass
from gettext import GNUTranslations
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOMAINS = {"kiosk": REPO / "kiosk" / "locale", "listing": REPO / "listing" / "locale"}
SOURCE = "nl"


@dataclass(frozen=True)
class Message:
    key: str
    forms: tuple[str, ...]  # one text, or every plural form in the language's order
    plural: bool

    def fields(self) -> set[str]:
        """The `{placeholders}` of all its forms."""
        return {name for form in self.forms for name in placeholders(form)}


def placeholders(text: str) -> set[str]:
    """The names of a str.format text's fields; raises ValueError on a broken one."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def faults(mine: dict[str, Message], nplurals: int, source: dict[str, Message]) -> list[str]:
    """What is wrong with one language's messages against the source language's (Dutch)."""
    found = [f"missing: {k}" for k in sorted(source.keys() - mine.keys())]
    found += [f"not in the source: {k}" for k in sorted(mine.keys() - source.keys())]
    for key in sorted(mine.keys() & source.keys()):
        message, wanted = mine[key], source[key]
        if message.plural != wanted.plural:
            found.append(f"{key}: plural in one language, not in the other")
        if message.plural and (len(message.forms) != nplurals or not all(message.forms)):
            found.append(f"{key}: needs {nplurals} plural forms, has {message.forms}")
        try:
            fields = wanted.fields()
            for form in message.forms:
                form.format(**dict.fromkeys(fields | {"n"}, 7))
            # A singular may say "one" instead of {n}; every other field must be in every form.
            odd = [f for f in message.forms if placeholders(f) - {"n"} != fields - {"n"}]
            if odd or message.fields() != fields:
                found.append(
                    f"{key}: {odd or list(message.forms)} has not the fields {sorted(fields)}"
                )
        except (ValueError, KeyError, IndexError) as err:
            found.append(f"{key}: does not format ({err!r}): {message.forms}")
    return found


def po_files(domain: str, locale: Path | None = None) -> dict[str, Path]:
    locale = locale or DOMAINS[domain]
    return {po.parent.parent.name: po for po in sorted(locale.glob(f"*/LC_MESSAGES/{domain}.po"))}


def msgfmt(po: Path, mo: Path) -> subprocess.CompletedProcess:
    """Compile with every check msgfmt has (format, header, plural forms)."""
    command = ["msgfmt", "--check", "--output-file", str(mo), str(po)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def catalog(mo: Path) -> dict:
    """Everything a compiled catalogue holds: msgid -> text, (msgid, i) -> plural form i,
    "" -> the header (with Plural-Forms)."""
    with mo.open("rb") as f:
        return dict(GNUTranslations(f)._catalog)


def read_mo(mo: Path) -> tuple[dict[str, Message], int]:
    """The messages of a compiled catalogue, and how many plural forms its language has."""
    catalog_ = catalog(mo)
    header = catalog_.pop("")
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", header).group(1))
    singles = {k: Message(k, (v,), False) for k, v in catalog_.items() if isinstance(k, str)}
    plural_keys = {k[0] for k in catalog_ if isinstance(k, tuple)}
    plurals = {
        k: Message(k, tuple(catalog_[(k, i)] for i in range(nplurals) if (k, i) in catalog_), True)
        for k in plural_keys
    }
    return singles | plurals, nplurals


def template(domain: str) -> str:
    """The `.pot` a translator starts a language from: every key, its Dutch and English text."""
    source = {lang: read_mo(po.with_suffix(".mo"))[0] for lang, po in po_files(domain).items()}
    lines = [
        f"# stem-kiosk's {domain} messages. Each msgid is a key the code asks for; the comments",
        "# give its Dutch and English text. README.md, Languages, says how to add a language.",
        'msgid ""',
        'msgstr ""',
        f'"Project-Id-Version: stem-kiosk {domain}\\n"',
        '"Language: \\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
        "",
    ]
    for key, message in sorted(source[SOURCE].items()):
        for lang in (SOURCE, "en"):
            if key in source.get(lang, {}):
                shown = " | ".join(source[lang][key].forms).replace("\n", "\\n")
                lines.append(f"#. {lang}: {shown}")
        lines.append(f"msgid {_quoted(key)}")
        if message.plural:
            lines += [f"msgid_plural {_quoted(key)}", 'msgstr[0] ""', 'msgstr[1] ""']
        else:
            lines.append('msgstr ""')
        lines.append("")
    return "\n".join(lines)


def template_path(domain: str) -> Path:
    return DOMAINS[domain] / f"{domain}.pot"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    failed = False
    for domain in DOMAINS:
        for po in po_files(domain).values():
            result = msgfmt(po, po.with_suffix(".mo"))
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr, end="")
                failed = True
        if not failed:
            template_path(domain).write_text(template(domain), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
