"""The layers hold in code: read from every module's imports (ast, no import-linter needed).

devices/ knows nothing of kiosk/; the screens never reach the network code; the commands are
the command line's alone; only screens and commands use the screens; the journal takes plain
values; kiosk and listing meet only over HTTP; screens reach each other through the registry.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("devices", "kiosk", "listing")
JOURNAL_MAY_USE = {"kiosk.about", "kiosk.clock", "kiosk.stop"}  # plain values and the clock


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _walk(tree: ast.AST):
    """Every node, except what only a type checker reads (`if TYPE_CHECKING:`)."""
    for child in ast.iter_child_nodes(tree):
        if _type_checking(child):
            continue
        yield child
        yield from _walk(child)


@cache
def imports(module: str) -> frozenset[str]:
    """The modules one module imports, at its top or in a function; a package brings its
    parents' __init__ along."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in _walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    found = set()
    for name in names:
        parts = name.split(".")
        found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(n for n in found if n in MODULES or n.split(".")[0] not in PACKAGES)


@cache
def reach(module: str) -> frozenset[str]:
    """Everything importing the module loads, through the project's own modules."""
    seen, todo = set(), [module]
    while todo:
        for name in imports(todo.pop()):
            if name not in seen:
                seen.add(name)
                if name in MODULES:
                    todo.append(name)
    return frozenset(seen)


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def importers(package: str) -> dict[str, set[str]]:
    """Who imports a module of the package: importer -> the modules it takes from there."""
    return {
        m: {n for n in imports(m) if within(n, package)}
        for m in MODULES
        if not within(m, package) and any(within(n, package) for n in imports(m))
    }


def test_the_graph_sees_the_imports_it_checks():
    """The reader itself: a known import, a relative one and a lazy one are all found."""
    assert "kiosk.core.station" in imports("kiosk.ui.app")
    assert "devices.parts.base" in imports("devices.parts.button")
    assert "uuid" in imports("kiosk.journal.core")  # imported inside start_session
    assert "kiosk.ui.app" not in imports("kiosk.ui.screen")  # a TYPE_CHECKING import
    assert "requests" in reach("kiosk.commands.run")  # the command builds the sync worker


def test_devices_never_imports_kiosk_or_listing():
    leaks = {m: sorted(n for n in imports(m) if n.split(".")[0] in ("kiosk", "listing"))
             for m in MODULES if within(m, "devices")}  # fmt: skip
    assert {m: n for m, n in leaks.items() if n} == {}


@pytest.mark.parametrize("module", [m for m in MODULES if within(m, "kiosk.ui")])
def test_the_screens_never_reach_the_network_code(module):
    network = sorted(n for n in reach(module) if within(n, "kiosk.sync") or n == "requests")
    assert network == [], f"{module} loads {network}"


def test_only_the_command_line_imports_the_commands():
    outside = {m: n for m, n in importers("kiosk.commands").items() if m != "kiosk.cli"}
    assert outside == {}


def test_only_screens_and_commands_import_the_screens():
    outside = {m: n for m, n in importers("kiosk.ui").items() if not within(m, "kiosk.commands")}
    assert outside == {}


def test_the_journal_imports_plain_values_and_the_clock_only():
    used = {n for m in MODULES if within(m, "kiosk.journal") for n in imports(m)}
    kiosk = {
        n for n in used if within(n, "kiosk") and n != "kiosk" and not within(n, "kiosk.journal")
    }
    assert kiosk <= JOURNAL_MAY_USE, kiosk - JOURNAL_MAY_USE
    for plain in JOURNAL_MAY_USE:
        assert {n for n in imports(plain) if n.split(".")[0] in PACKAGES} == set(), plain


def test_kiosk_and_listing_never_import_each_other():
    pairs = [("kiosk", "listing"), ("listing", "kiosk"), ("devices", "listing")]
    for source, target in pairs:
        crossing = {m: sorted(n for n in imports(m) if within(n, target))
                    for m in MODULES if within(m, source)}  # fmt: skip
        assert {m: n for m, n in crossing.items() if n} == {}, (source, target)


def _screen_modules() -> set[str]:
    screens = set()
    for m in MODULES:
        if within(m, "kiosk.ui"):
            tree = ast.parse(MODULES[m].read_text(encoding="utf-8"))
            bases = {ast.unparse(b) for c in ast.walk(tree) if isinstance(c, ast.ClassDef)
                     for b in c.bases}  # fmt: skip
            if "Screen" in bases:
                screens.add(m)
    return screens


def test_no_screen_imports_another_and_none_imports_in_a_function():
    screens = _screen_modules()
    assert len(screens) >= 16
    for m in screens:
        assert imports(m) & screens == set(), m  # they reach each other by name
    registry = {m for m in MODULES if within(m, "kiosk.ui") and imports(m) & screens}
    assert registry == {"kiosk.ui.screens"}
    for m in (m for m in MODULES if within(m, "kiosk.ui")):
        tree = ast.parse(MODULES[m].read_text(encoding="utf-8"))
        functions = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)]
        late = [f.name for f in functions for n in ast.walk(f)
                if isinstance(n, ast.Import | ast.ImportFrom)]  # fmt: skip
        assert late == [], f"{m} imports inside {late}"


def test_every_screen_a_screen_opens_by_name_is_registered():
    from kiosk.ui.screens import SCREENS
    from kiosk.workshop import DEMOS

    assert set(DEMOS) <= set(SCREENS)  # a step's demo opens the screen of its kind
    for m in _screen_modules() | {"kiosk.ui.app"}:
        tree = ast.parse(MODULES[m].read_text(encoding="utf-8"))
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            named = isinstance(call.func, ast.Attribute) and call.func.attr == "go"
            if named and call.args and isinstance(call.args[0], ast.Constant):
                assert call.args[0].value in SCREENS, (m, call.args[0].value)


def test_importing_the_sync_client_loads_no_workshop_parser_nor_kit_file():
    """The sync process runs beside the kiosk on a Pi Zero: it needs the journal, not these."""
    probe = (
        "import sys, kiosk.sync.client\n"
        "print(' '.join(m for m in sys.modules if m.startswith(('kiosk', 'devices'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, cwd=ROOT)  # fmt: skip
    loaded = set(done.stdout.split())
    assert "kiosk.journal" in loaded  # the probe saw the sync's own imports
    heavy = {"kiosk.workshop", "kiosk.tour", "kiosk.library", "devices.kitconfig", "devices.parts"}
    assert loaded & heavy == set()
