"""Read aloud with the real espeak-ng: real speech comes out, the caller never waits, and a
missing, failing or hanging espeak-ng gives silence and a reason, never an exception."""

from __future__ import annotations

import array
import math
import os
import signal
import time
import wave
from pathlib import Path

import pytest

from kiosk.speech import Speech, voice
from tests.support.tools import tool_or_skip

STEP = {
    "nl": "Sluit de led aan op pin zeventien. Druk dan op de knop.",
    "en": "Connect the LED to pin seventeen. Then press the button.",
    "fr": "Branche la LED sur la broche dix-sept. Puis appuie sur le bouton.",
}
SPOKEN_RMS = 500  # 16-bit samples; espeak-ng speaks at some 2400-3000, silence is 0


@pytest.fixture
def espeak(tmp_path, monkeypatch) -> str:
    """The real espeak-ng, its sound going to ALSA's null device (no sound card needed, and
    none played aloud on a machine that has one)."""
    path = tool_or_skip("espeak-ng")
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type null }\nctl.!default { type hw card 0 }\n")
    monkeypatch.setenv("HOME", str(home))
    return path


def measure(path: Path) -> tuple[float, float]:
    """(seconds, RMS) of a 16-bit mono WAV."""
    with wave.open(str(path)) as w:
        assert (w.getsampwidth(), w.getnchannels()) == (2, 1)
        samples = array.array("h", w.readframes(w.getnframes()))
        seconds = w.getnframes() / w.getframerate()
    return seconds, math.sqrt(sum(s * s for s in samples) / max(len(samples), 1))


@pytest.mark.parametrize("lang", ["nl", "en", "fr"])
def test_speech_comes_out_in_proportion_to_the_text(espeak, tmp_path, lang):
    speech = Speech()
    once, twice = tmp_path / "once.wav", tmp_path / "twice.wav"
    assert speech.to_wav(STEP[lang], lang, once)
    assert speech.to_wav(f"{STEP[lang]} {STEP[lang]}", lang, twice)
    (short, rms_short), (long, rms_long) = measure(once), measure(twice)
    assert rms_short > SPOKEN_RMS and rms_long > SPOKEN_RMS
    assert short > 1.5  # a sentence of ten words, not a click
    assert 1.5 <= long / short <= 2.5


def test_each_language_has_its_own_voice(espeak, tmp_path):
    speech = Speech()
    for lang in ("nl", "en"):
        assert speech.to_wav(STEP["nl"], lang, tmp_path / f"{lang}.wav")
    assert (tmp_path / "nl.wav").read_bytes() != (tmp_path / "en.wav").read_bytes()
    assert (voice("nl"), voice("en"), voice("fr")) == ("nl", "en-gb", "fr-be")


def test_a_text_that_looks_like_an_option_is_read_not_obeyed(espeak, tmp_path):
    wav = tmp_path / "dash.wav"
    assert Speech().to_wav("-w /tmp/elsewhere.wav hallo", "nl", wav)
    assert measure(wav)[1] > SPOKEN_RMS


def test_say_returns_while_speaking_and_stop_ends_it(espeak):
    speech = Speech()
    assert speech.available()
    long_text = "Dit is een lange tekst om voor te lezen. " * 1000
    assert speech.say(long_text, "nl")
    first = speech.process
    assert first.poll() is None  # still speaking after say() returned
    assert speech.say(long_text, "en")  # something new: the old voice stops
    assert first.wait(timeout=10) == -signal.SIGKILL
    second = speech.process
    assert second.poll() is None
    speech.stop()
    assert second.wait(timeout=10) == -signal.SIGKILL
    assert speech.process is None
    speech.stop()  # twice is harmless


def test_a_short_text_is_spoken_to_its_end(espeak):
    speech = Speech()
    assert speech.say("Gelukt!", "nl")
    assert speech.process.wait(timeout=10) == 0


def fake_espeak(tmp_path: Path, monkeypatch, body: str) -> Path:
    """An `espeak-ng` script first on PATH."""
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir()
    script = bin_dir / "espeak-ng"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return bin_dir


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"  # a zombie: dead, unreaped


def wait_for(condition, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_hanging_espeak_is_killed_with_what_it_started(tmp_path, monkeypatch):
    pidfile = tmp_path / "child.pid"
    fake_espeak(tmp_path, monkeypatch, f"sleep 600 &\necho $! > {pidfile}\nwait")
    speech = Speech(limit_s=0.5)
    assert speech.say("Hallo", "nl")
    process = speech.process
    assert process.poll() is None  # say() did not wait for it
    assert wait_for(pidfile.exists)
    child = int(pidfile.read_text())
    assert wait_for(lambda: process.poll() is not None), "the watcher never killed it"
    assert process.returncode == -signal.SIGKILL
    assert wait_for(lambda: gone(child)), "the hanging script's own child outlived the kill"

    status = speech.available()
    assert not status and status.key == "speech.hung" and status.values == {"seconds": "0.5"}
    assert not speech.to_wav("Hallo", "nl", tmp_path / "x.wav")


def test_a_failing_espeak_gives_silence_and_its_reason(tmp_path, monkeypatch):
    fake_espeak(tmp_path, monkeypatch, 'echo "cannot open audio device" >&2\nexit 1')
    speech = Speech()
    status = speech.available()
    assert not status
    assert (status.key, status.values) == ("speech.failed", {"reason": "cannot open audio device"})
    assert speech.say("Hallo", "nl")  # started; it fails on its own, silently
    assert speech.process.wait(timeout=10) == 1
    assert not speech.to_wav("Hallo", "nl", tmp_path / "x.wav")
    speech.stop()


def test_an_espeak_that_writes_no_wav_is_not_working(tmp_path, monkeypatch):
    fake_espeak(tmp_path, monkeypatch, "exit 0")
    status = Speech().available()
    assert (status.ok, status.key, status.values) == (
        False,
        "speech.failed",
        {"reason": "no WAV written"},
    )


def test_a_missing_espeak_gives_silence_and_says_so(tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    speech = Speech()
    status = speech.available()
    assert (status.ok, status.key, status.values) == (
        False,
        "speech.missing",
        {"program": "espeak-ng"},
    )
    assert speech.say("Hallo", "nl") is False
    assert speech.process is None
    speech.stop()
    assert not speech.to_wav("Hallo", "nl", tmp_path / "x.wav")
    assert not (tmp_path / "x.wav").exists()


def test_no_temporary_folder_for_the_probe_is_a_reason_not_a_crash(monkeypatch):
    """The start-up check runs on a thread; a process on its way out may have lost its temporary
    folder (or the disk is full): the answer is "not working, because", never an exception."""

    def gone(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", "/tmp/tmpabc/nl.err")

    monkeypatch.setattr("tempfile.TemporaryDirectory", gone)
    status = Speech().available()
    assert (status.ok, status.key) == (False, "speech.failed")
    assert "No such file or directory" in status.values["reason"]
