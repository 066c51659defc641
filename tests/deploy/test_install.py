"""deploy/install.sh against a temporary root: what it creates, a second run, a refused OS."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.deploy.conftest import REPO
from tests.support.tools import tool_or_skip

GROUPS = ("gpio", "video", "render", "input", "spi", "i2c", "audio")


def snapshot(root: Path) -> dict[str, tuple]:
    """Every path under root with its type, mode, owner, mtime and content digest."""
    result = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        rel = str(path.relative_to(root))
        result[rel] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid,
                       st.st_mtime_ns, digest)  # fmt: skip
    return result


def meta(path: Path) -> tuple[str, int, int]:
    st = path.lstat()
    return oct(stat.S_IMODE(st.st_mode)), st.st_uid, st.st_gid


def test_first_run_creates_exactly_the_kiosk_files(installer):
    before = snapshot(installer.root)
    out = installer.run().stdout
    root, src = installer.root, installer.source
    after = snapshot(root)
    uid, gid = installer.kiosk_ids()
    assert 100 <= uid <= 999 and 100 <= gid <= 999  # a system user, by login.defs

    files = {  # file -> (mode, uid, gid, the source it must equal or None)
        "etc/stem-kiosk/kiosk.yaml": ("0o600", uid, gid, src / "deploy/kiosk.yaml"),
        "etc/stem-kiosk/token": ("0o600", uid, gid, None),
        "usr/local/bin/stem-kiosk": ("0o755", 0, 0, src / "deploy/stem-kiosk.sh"),
        "etc/systemd/system/stem-kiosk.service": (
            "0o644", 0, 0, src / "deploy/systemd/stem-kiosk.service"),
        "etc/systemd/system/stem-kiosk-sync.service": (
            "0o644", 0, 0, src / "deploy/systemd/stem-kiosk-sync.service"),
        "etc/systemd/system/stem-kiosk-sync.timer": (
            "0o644", 0, 0, src / "deploy/systemd/stem-kiosk-sync.timer"),
        "etc/NetworkManager/dispatcher.d/90-stem-kiosk-sync": (
            "0o755", 0, 0, src / "deploy/networkmanager/90-stem-kiosk-sync"),
        "opt/stem-kiosk/pyvenv.cfg": (None, 0, 0, None),
        "opt/stem-kiosk/bin/python": (None, 0, 0, None),
        "opt/stem-kiosk/.stem-kiosk-source": (None, 0, 0, None),
        # systemctl enable's links: the kiosk at boot, the sync timer
        "etc/systemd/system/multi-user.target.wants/stem-kiosk.service": (None, 0, 0, None),
        "etc/systemd/system/timers.target.wants/stem-kiosk-sync.timer": (None, 0, 0, None),
    }  # fmt: skip
    dirs = {
        "etc/stem-kiosk": ("0o700", uid, gid),
        "var/lib/stem-kiosk": ("0o700", uid, gid),
    }
    for rel, (mode, owner, group, same_as) in files.items():
        path = root / rel
        assert path.exists() or path.is_symlink(), rel
        if mode:
            assert meta(path) == (mode, owner, group), rel
        if same_as:
            assert path.read_bytes() == same_as.read_bytes(), rel
    for rel, want in dirs.items():
        assert (root / rel).is_dir() and meta(root / rel) == want, rel
    assert (root / "etc/stem-kiosk/token").read_bytes() == b""
    wants = root / "etc/systemd/system/multi-user.target.wants/stem-kiosk.service"
    assert os.readlink(wants) == "/etc/systemd/system/stem-kiosk.service"
    assert "include-system-site-packages = true" in (root / "opt/stem-kiosk/pyvenv.cfg").read_text()

    # Nothing else: every new path is one of those, a folder on the way to one, or useradd's
    # backups and lock file.
    wanted = set(files) | set(dirs)
    ancestors = {str(p) for w in wanted for p in Path(w).parents if str(p) != "."}
    new = set(after) - set(before)
    assert wanted <= new
    backups = {"etc/passwd-", "etc/group-", "etc/shadow-", "etc/gshadow-", "etc/.pwd.lock"}
    assert new - wanted - ancestors <= backups
    getty = "etc/systemd/system/getty.target.wants"  # disabled: its link (and the empty folder)
    assert set(before) - set(after) == {getty, f"{getty}/getty@tty1.service"}
    changed_existing = {p for p in after.keys() & before.keys() if after[p][5] != before[p][5]}
    accounts = {"etc/passwd", "etc/group", "etc/shadow", "etc/gshadow"}
    assert changed_existing == accounts | {"boot/firmware/config.txt"}
    boot_config = (root / "boot/firmware/config.txt").read_text()
    assert boot_config.endswith("[all]\n# stem-kiosk: the default kit reads its MCP3008 over SPI\n"
                                "dtparam=spi=on\n")  # fmt: skip
    # No mode or owner changed (useradd rewrites account files, keeping both).
    assert all(after[p][:4] == before[p][:4] for p in after.keys() & before.keys() - accounts)
    assert all(after[p][1:4] == before[p][1:4] for p in accounts)

    passwd = (root / "etc/passwd").read_text()
    assert f"stemkiosk:x:{uid}:{gid}:" in passwd
    group = (root / "etc/group").read_text().splitlines()
    for name in GROUPS:
        assert any(line.startswith(f"{name}:") and line.endswith(":stemkiosk") for line in group)

    calls = installer.changing_calls()
    apt_installs = [c for c in calls if c[:2] == ["apt-get", "install"]]
    assert len(apt_installs) == 1
    for package in (
        "python3-venv",
        "python3-lgpio",
        "libsdl2-2.0-0",
        "libsdl2-ttf-2.0-0",
        "espeak-ng",
    ):
        assert package in apt_installs[0]
    assert "libsdl2-dev" in apt_installs[0]  # pygame is compiled against the system's SDL
    assert ["apt-get", "update", "-qq"] in calls
    assert [c[0] for c in calls if c[0] in ("useradd", "usermod")] == ["useradd"] + ["usermod"] * 7
    assert all(["--root", str(root)] == c[1:3] for c in calls if c[0] in ("useradd", "usermod"))
    venv_calls = [c for c in calls if c[0] == "python3"]
    assert venv_calls == [["python3", "-m", "venv", "--system-site-packages",
                           f"{root}/opt/stem-kiosk"]]  # fmt: skip
    assert [c[1:] for c in calls if c[0] == "venv-python"] == [
        [
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-binary",
            "pygame",
            "--upgrade",
            str(installer.source),
        ]
    ]
    systemctl = [c[1:] for c in calls if c[0] == "systemctl"]
    assert systemctl == [
        [f"--root={root}", "disable", "--quiet", "getty@tty1.service"],
        [f"--root={root}", "enable", "--quiet", "stem-kiosk.service"],
        [f"--root={root}", "enable", "--quiet", "stem-kiosk-sync.timer"],
    ]
    assert "change(s)" in out


def test_second_run_is_a_no_op(installer):
    installer.run()
    before, calls_before = snapshot(installer.root), len(installer.changing_calls())
    out = installer.run().stdout
    assert snapshot(installer.root) == before
    assert installer.changing_calls()[calls_before:] == []
    assert "nothing to change" in out


def test_config_is_never_overwritten_and_token_mode_is_repaired(installer):
    installer.run()
    config = installer.root / "etc/stem-kiosk/kiosk.yaml"
    config.write_text("kiosk_id: mobilab-gent-1\n")
    token = installer.root / "etc/stem-kiosk/token"
    token.write_text("secret\n")
    token.chmod(0o644)
    out = installer.run().stdout
    assert config.read_text() == "kiosk_id: mobilab-gent-1\n"
    assert token.read_text() == "secret\n"
    assert meta(token) == ("0o600", *installer.kiosk_ids())
    assert "1 change(s)" in out


def test_an_update_of_the_code_reinstalls_only_the_package(installer):
    installer.run()
    n = len(installer.changing_calls())
    with open(installer.source / "kiosk/__init__.py", "a") as f:
        f.write("# a new release\n")
    installer.run()
    assert [c[0] for c in installer.changing_calls()[n:]] == ["venv-python"]


def test_wheelhouse_installs_offline(installer, tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    (wheels / "stem_kiosk-0.1.0-py3-none-any.whl").write_bytes(b"not really a wheel")
    installer.run("--wheelhouse", str(wheels))
    calls = installer.changing_calls()
    assert not any(c[:2] == ["apt-get", "update"] for c in calls)
    apt = next(c for c in calls if c[:2] == ["apt-get", "install"])
    assert "libsdl2-2.0-0" in apt and "libsdl2-dev" not in apt  # pygame comes built
    pip = [c[1:] for c in calls if c[0] == "venv-python"]
    assert pip == [["-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(wheels),
                    "--upgrade", "stem-kiosk"]]  # fmt: skip
    installer.run("--wheelhouse", str(wheels))
    assert len(installer.changing_calls()) == len(calls)


@pytest.mark.parametrize(
    ("os_release", "model", "says"),
    [
        ('PRETTY_NAME="Ubuntu 24.04 LTS"\nID=ubuntu\nVERSION_CODENAME=noble\n', None, "Ubuntu"),
        ('PRETTY_NAME="Raspbian 11"\nID=raspbian\nVERSION_CODENAME=bullseye\n', None, "bullseye"),
        (None, None, "cannot read"),
        (
            'PRETTY_NAME="Raspbian 12"\nID=raspbian\nVERSION_CODENAME=bookworm\n',
            "Raspberry Pi Zero W Rev 1.1\0",
            "Zero W Rev 1.1",
        ),
    ],
)
def test_unsupported_system_is_refused_before_any_change(installer, os_release, model, says):
    release = installer.root / "etc/os-release"
    if os_release is None:
        release.unlink()
    else:
        release.write_text(os_release)
    if model:
        (installer.root / "proc/device-tree").mkdir(parents=True)
        (installer.root / "proc/device-tree/model").write_text(model)
    before = snapshot(installer.root)
    result = installer.run(check=False)
    assert result.returncode == 1
    assert says in result.stderr and "Nothing was changed" in result.stderr
    assert snapshot(installer.root) == before
    assert installer.calls() == []


def test_supported_pi_5_on_trixie(installer):
    (installer.root / "etc/os-release").write_text(
        'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nID=debian\nVERSION_CODENAME=trixie\n'
    )
    (installer.root / "proc/device-tree").mkdir(parents=True)
    (installer.root / "proc/device-tree/model").write_text("Raspberry Pi 5 Model B Rev 1.0\0")
    out = installer.run().stdout
    assert "trixie" in out and "Raspberry Pi 5" in out


def test_without_root_option_an_ordinary_user_is_refused(installer):
    setpriv = tool_or_skip("setpriv")
    with tempfile.TemporaryDirectory() as public:  # tmp_path is not readable by 'nobody'
        os.chmod(public, 0o755)
        script = shutil.copy(installer.source / "deploy/install.sh", public)
        result = subprocess.run(
            [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "bash", script],
            capture_output=True, text=True, timeout=30, cwd="/",
        )  # fmt: skip
    assert result.returncode == 1
    assert "Nothing was changed" in result.stderr


def test_build_wheelhouse_needs_an_installed_kiosk(tmp_path):
    result = subprocess.run(
        ["bash", REPO / "deploy/build-wheelhouse.sh", tmp_path / "wheels"],
        env={**os.environ, "STEM_KIOSK_PYTHON": str(tmp_path / "no-venv/bin/python")},
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 1
    assert "run deploy/install.sh on this Pi first" in result.stderr
    assert not (tmp_path / "wheels").exists()
