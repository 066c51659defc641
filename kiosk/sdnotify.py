"""systemd's sd_notify protocol on the standard library's socket: READY, watchdog pings, STATUS.

`Notifier.from_env()` is a no-op outside systemd (no NOTIFY_SOCKET), so the kiosk calls it always.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Callable


class Notifier:
    """Sends state lines to systemd's notify socket; every method is safe to call every frame.

    A send that fails (systemd gone, socket full) is dropped: the watchdog then restarts a kiosk
    that really hangs, and a kiosk that does not hang keeps running.
    """

    def __init__(
        self,
        address: str | None,
        watchdog_usec: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._address = _socket_address(address) if address else None
        self._sock: socket.socket | None = None
        if self._address is not None:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        # Ping at half the watchdog interval, as sd_watchdog_enabled(3) recommends.
        self._interval = watchdog_usec / 2_000_000 if watchdog_usec else None
        self._clock = clock
        self._last_ping: float | None = None

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Notifier:
        """The notifier systemd asked for, or a no-op one when not started by systemd."""
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET") or None
        return cls(address, _watchdog_usec(env))

    @property
    def enabled(self) -> bool:
        return self._sock is not None

    @property
    def watchdog_enabled(self) -> bool:
        return self._sock is not None and self._interval is not None

    def ready(self) -> None:
        """Start-up is done: systemd marks the unit active (Type=notify)."""
        self._send("READY=1")

    def tick(self) -> None:
        """Called every frame: sends WATCHDOG=1 when half the watchdog interval has passed."""
        if not self.watchdog_enabled:
            return
        now = self._clock()
        if self._last_ping is None or now - self._last_ping >= self._interval:
            self._last_ping = now
            self._send("WATCHDOG=1")

    def status(self, text: str) -> None:
        """One line shown by `systemctl status` (newlines would end the field)."""
        self._send("STATUS=" + " ".join(text.split()))

    def stopping(self) -> None:
        self._send("STOPPING=1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def __enter__(self) -> Notifier:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _send(self, line: str) -> None:
        if self._sock is None:
            return
        # A lost line is harmless (see the class docstring).
        with contextlib.suppress(OSError):
            self._sock.sendto(line.encode("utf-8"), self._address)


def _socket_address(value: str) -> str | bytes:
    """'@name' is Linux's abstract namespace (a leading NUL byte); anything else is a path."""
    if value.startswith("@"):
        return b"\0" + value[1:].encode("utf-8")
    return value


def _watchdog_usec(env) -> int | None:
    """WATCHDOG_USEC, if it is meant for this process (WATCHDOG_PID absent or our pid)."""
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    pid = env.get("WATCHDOG_PID")
    if pid is not None and pid != str(os.getpid()):
        return None
    return usec if usec > 0 else None
