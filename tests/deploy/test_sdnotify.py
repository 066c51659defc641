"""The sd_notify client against a real AF_UNIX datagram socket standing in for systemd's."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

from kiosk.sdnotify import Notifier


@pytest.fixture
def systemd(tmp_path):
    """A bound datagram socket, as systemd's NOTIFY_SOCKET; yields (address, receive)."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = tmp_path / "notify"
    sock.bind(str(path))
    sock.settimeout(2)

    def received() -> list[str]:
        lines = []
        sock.setblocking(False)
        try:
            while True:
                lines.append(sock.recv(4096).decode())
        except BlockingIOError:
            pass
        finally:
            sock.settimeout(2)
        return lines

    yield str(path), received
    sock.close()


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_ready_status_stopping_reach_the_socket(systemd):
    address, received = systemd
    with Notifier.from_env({"NOTIFY_SOCKET": address}) as notifier:
        assert notifier.enabled and not notifier.watchdog_enabled
        notifier.ready()
        notifier.status("3 workshops\nloaded")
        notifier.tick()  # no watchdog asked for: sends nothing
        notifier.stopping()
    assert received() == ["READY=1", "STATUS=3 workshops loaded", "STOPPING=1"]


def test_watchdog_pings_at_most_every_half_interval(systemd):
    address, received = systemd
    clock = Clock()
    notifier = Notifier(address, watchdog_usec=10_000_000, clock=clock)  # 10 s -> ping every 5 s
    notifier.tick()
    for _ in range(50):  # frames within the first 4.9 s
        clock.now += 0.098
        notifier.tick()
    assert received() == ["WATCHDOG=1"]
    clock.now += 0.2  # 5.1 s after the first ping
    notifier.tick()
    notifier.tick()
    assert received() == ["WATCHDOG=1"]
    notifier.close()


def test_abstract_namespace_address():
    name = f"stem-kiosk-test-{uuid.uuid4().hex}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(b"\0" + name.encode())
    sock.settimeout(2)
    try:
        with Notifier.from_env({"NOTIFY_SOCKET": "@" + name}) as notifier:
            notifier.ready()
        assert sock.recv(4096) == b"READY=1"
    finally:
        sock.close()


def test_watchdog_pid_for_another_process_disables_pings(systemd):
    address, received = systemd
    other = str(os.getpid() + 1)
    env = {"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "1000", "WATCHDOG_PID": other}
    with Notifier.from_env(env) as notifier:
        assert not notifier.watchdog_enabled
        notifier.tick()
    assert received() == []
    env["WATCHDOG_PID"] = str(os.getpid())
    with Notifier.from_env(env) as notifier:
        notifier.tick()
    assert received() == ["WATCHDOG=1"]


def test_no_notify_socket_is_a_no_op():
    notifier = Notifier.from_env({"WATCHDOG_USEC": "1000"})
    assert not notifier.enabled
    notifier.ready()
    notifier.tick()
    notifier.status("x")
    notifier.stopping()
    notifier.close()


def test_a_vanished_systemd_does_not_crash_the_kiosk(tmp_path):
    with Notifier.from_env({"NOTIFY_SOCKET": str(tmp_path / "gone")}) as notifier:
        notifier.ready()  # ENOENT is swallowed: the watchdog, not a crash, handles a real hang
