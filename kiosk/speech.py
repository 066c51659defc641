"""Reading a text aloud with espeak-ng (Debian's package, fully offline) in its own process.

`say` starts espeak-ng and returns at once; a new text or `stop()` ends the old one. No fault of
espeak-ng (missing, failing, hanging) ever raises or makes the caller wait.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

PROGRAM = "espeak-ng"
VOICES = {"nl": "nl", "en": "en-gb", "fr": "fr-be"}  # Belgian French: septante, nonante
WORDS_PER_MINUTE = 150  # a little slower than espeak-ng's 175: for readers who struggle
PROBE_S = 5.0  # the start-up check's limit for synthesising one word
MIN_S, CHAR_S = 10.0, 0.2  # the limit for one text: 10 s plus 0.2 s a character (~4x its length)
REAP_S = 2.0  # after a kill, how long a waiting caller waits for the process to go


@dataclass(frozen=True)
class Availability:
    """Whether speech works; if not, why, as a catalogue key ("speech.*") with its values."""

    ok: bool
    key: str
    values: dict[str, object] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.ok


def voice(lang: str) -> str:
    """The espeak-ng voice for a screen language (a new language's code is tried as a voice)."""
    return VOICES.get(lang, lang)


class Speech:
    """One voice at a time, never waited on: a watcher thread reaps each process, and kills it
    when it outlives its limit."""

    def __init__(self, program: str = PROGRAM, *, limit_s: float | None = None):
        self.program = program
        self.limit_s = limit_s  # None: in proportion to the text
        self.process: subprocess.Popen | None = None

    def say(self, text: str, lang: str) -> bool:
        """Start reading `text` aloud (stopping what was playing); False if it could not start."""
        self.stop()
        self.process = _start(self._command(lang, text))
        if self.process is None:
            return False
        limit = self.limit_s or MIN_S + CHAR_S * len(text)
        threading.Thread(target=_finish, args=(self.process, limit), daemon=True).start()
        return True

    def stop(self) -> None:
        """Silence: end what is being read (the screen changed)."""
        if self.process is not None:
            _kill(self.process)
            self.process = None

    def to_wav(self, text: str, lang: str, path: str | os.PathLike) -> bool:
        """Synthesise `text` into a WAV file, waiting for it; False when no WAV came out."""
        process = _start(self._command(lang, text, "-w", os.fspath(path)))
        if process is None or _finish(process, self.limit_s or MIN_S + CHAR_S * len(text)) != 0:
            return False
        return Path(path).is_file() and Path(path).read_bytes()[:4] == b"RIFF"

    def available(self) -> Availability:
        """Whether espeak-ng is present and speaks every language's voice (one word each)."""
        try:
            return self._probe()
        except OSError as err:  # no room or no temporary folder (a process on its way out)
            return Availability(False, "speech.failed", {"reason": str(err)[:120]})

    def _probe(self) -> Availability:
        with tempfile.TemporaryDirectory() as tmp:
            for lang in VOICES:
                wav, errors = Path(tmp, f"{lang}.wav"), Path(tmp, f"{lang}.err")
                with errors.open("wb") as err:
                    process = _start(self._command(lang, "ok", "-w", str(wav)), stderr=err)
                if process is None:
                    return Availability(False, "speech.missing", {"program": self.program})
                limit = self.limit_s or PROBE_S
                code = _finish(process, limit)
                if code is None:
                    return Availability(False, "speech.hung", {"seconds": f"{limit:g}"})
                if code != 0 or not wav.is_file() or wav.read_bytes()[:4] != b"RIFF":
                    said = errors.read_text(errors="replace").strip().splitlines()
                    reason = said[0][:120] if said else f"exit {code}" if code else "no WAV written"
                    return Availability(False, "speech.failed", {"reason": reason})
        return Availability(True, "speech.ready", {"voices": ", ".join(VOICES.values())})

    def _command(self, lang: str, text: str, *extra: str) -> list[str]:
        return [self.program, "-v", voice(lang), "-s", str(WORDS_PER_MINUTE), *extra, "--", text]


def _start(command: list[str], stderr=subprocess.DEVNULL) -> subprocess.Popen | None:
    """espeak-ng in its own session (so a kill reaches anything it started); None if it can't."""
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    except (OSError, ValueError):  # missing, not executable, text too long, NUL in the text
        return None


def _finish(process: subprocess.Popen, limit_s: float) -> int | None:
    """Wait for the process (on the caller's or a watcher's thread); kill it at the limit.

    Returns its exit code, or None when it had to be killed for hanging."""
    try:
        return process.wait(timeout=limit_s)
    except subprocess.TimeoutExpired:
        _kill(process)
        with contextlib.suppress(subprocess.TimeoutExpired):  # stuck in the kernel: reaped later
            process.wait(timeout=REAP_S)
        return None


def _kill(process: subprocess.Popen) -> None:
    """SIGKILL to espeak-ng's whole session, without waiting (its watcher reaps it)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
