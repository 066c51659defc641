"""Kiosk UI figures against a plain pygame loop measured in the same run: start to first frame,
idle CPU on Home, frame time on the live graph, pin edge to changed pixels, peak memory; and the
same start, idle CPU and frames drawn at 1920x1080's real resolution against 800x480.

Runs on SDL's dummy video driver with the simulated kit (no Pi, no screen needed).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

IDLE_S = 10.0
FRAMES = 300
EDGES = 40
HD = (1920, 1080)


def _pct(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.99) - 1)]


def _app(data: Path, library=None, size=None):
    from kiosk.config import Config
    from kiosk.core.station import Station
    from kiosk.ui.app import App
    from kiosk.ui.display import Display

    config = Config(path=data / "kiosk.yaml", data_dir=data)
    station = Station.open(config, simulate=True, library=library)
    app = App(station, Display(fullscreen=False, size=size))
    app.go("home")
    app.turn(0)
    return app


def _idle(app) -> float:
    """% of a core the app takes over IDLE_S on its screen (loop + the kit's threads)."""
    start, cpu = time.monotonic(), time.process_time()
    while time.monotonic() - start < IDLE_S:
        app.turn()
    return (time.process_time() - cpu) / IDLE_S * 100


def _redraws(app, n: int = 60) -> float:
    """The median time of a full redraw of the current screen (what a tap costs to show)."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        app.draw()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _graph_frames(app) -> list[float]:
    """Seconds per frame of the live graph with a full history, the knob turning."""
    from kiosk.ui.demo_graph import SAMPLES

    graph = app.go("graph", device="knob", back=app.screen)
    graph.samples.extend(0.5 + 0.4 * ((i % 40) / 40) for i in range(SAMPLES))
    times = []
    for i in range(FRAMES):
        app.clock.advance(0.05)
        t = time.perf_counter()
        graph.tick(app.clock.now())
        app.draw()
        times.append(time.perf_counter() - t)
        if i % 50 == 0:
            app.station.kit.simulator.set("knob", (i % 100) / 100)
    app.home()
    return times


def _close(app) -> None:
    from kiosk.ui import pictures

    app.station.close()
    pygame.quit()
    pictures.forget()  # a next app starts cold: fonts, text images and pictures made anew


def _plain_loop(seconds: float) -> float:
    """CPU seconds of a plain pygame loop that waits for events (display only, no mixer, like
    the kiosk since it stopped opening the sound device at start)."""
    pygame.display.init()
    screen = pygame.display.set_mode((800, 480))
    screen.fill((250, 248, 242))
    pygame.display.flip()
    start, cpu = time.monotonic(), time.process_time()
    while time.monotonic() - start < seconds:
        for _ in [pygame.event.wait(50), *pygame.event.get()]:
            pass
    used = time.process_time() - cpu
    pygame.quit()
    return used


def run(report) -> None:
    from kiosk.ui import display, pictures

    tmp = Path(tempfile.mkdtemp(prefix="bench-ui-"))

    # 1. start to first frame (services, library, kit, display, first present)
    pygame.init()
    started = time.perf_counter()
    pygame.display.set_mode((800, 480))
    pygame.display.flip()
    plain_first = time.perf_counter() - started
    pygame.quit()
    display.start()  # as the kiosk starts pygame (no mixer)
    started = time.perf_counter()
    app = _app(tmp / "a")
    kiosk_first = time.perf_counter() - started
    report.row("start to first frame", kiosk_first * 1000, "ms", baseline=plain_first * 1000)
    library = app.station.library

    # 2. idle Home: CPU over IDLE_S (kiosk loop + the kit's threads)
    idle = _idle(app)
    home_redraw = _redraws(app)
    _close(app)
    plain = _plain_loop(IDLE_S) / IDLE_S * 100
    report.row("idle Home CPU", idle, "% core", baseline=plain, goal="<= 2 %")
    report.row("  of which the simulated kit alone", _kit_idle(), "% core")

    # 2b. 1920x1080 drawn at its real resolution against 800x480, both from a cold pygame with
    # the library already read (the figure above includes reading it)
    first = {}
    for size in ((800, 480), HD):
        display.start()
        started = time.perf_counter()
        app = _app(tmp / f"{size[0]}", library, size=size)
        first[size] = time.perf_counter() - started
        if size == HD:
            break
        _close(app)
    report.row("start to first frame at 1920x1080", first[HD] * 1000, "ms",
               baseline=first[(800, 480)] * 1000, goal="ratio vs 800x480")  # fmt: skip
    hd_idle = _idle(app)
    report.row("idle Home CPU at 1920x1080", hd_idle, "% core", baseline=idle, goal="<= 2 %")
    hd_redraw = _redraws(app)
    report.row("Home redraw at 1920x1080", hd_redraw * 1000, "ms",
               baseline=home_redraw * 1000, goal="ratio vs 800x480")  # fmt: skip
    hd_graph = _pct(_graph_frames(app))[0]
    _close(app)

    # 3. frame time on the live graph (full history), 800x480
    display.start()
    app = _app(tmp / "b", library)
    p50, p99 = _pct(_graph_frames(app))
    surface = app.display.window
    plain_times = []
    for _ in range(FRAMES):
        t = time.perf_counter()
        surface.fill((250, 248, 242))
        pygame.display.flip()
        plain_times.append(time.perf_counter() - t)
    b50, b99 = _pct(plain_times)
    report.row("live graph frame p50", p50 * 1000, "ms", baseline=b50 * 1000)
    report.row("live graph frame p99", p99 * 1000, "ms", baseline=b99 * 1000, goal="< 16 ms")
    report.row("live graph frame p50 at 1920x1080", hd_graph * 1000, "ms", baseline=p50 * 1000,
               goal="ratio vs 800x480")  # fmt: skip

    # 4. pin edge -> changed pixels: the step's check turning green
    from kiosk.ui import player, theme
    from kiosk.ui.script import Player, Script

    driver = Player(app, Script("bench"), tmp)
    app.go("intro", workshop=library.workshops["reactiespel"])
    driver.pump()
    driver.do_tap("intro.start")
    step = app.screen
    pin = app.station.kit.simulator.factory.pin(
        f"GPIO{app.station.spec.devices['button'].pins['pin']}"
    )
    spot = player.CHECK_BOX.move(8, 8).topleft
    latencies = []
    for _ in range(EDGES):
        app.session.checks.clear()
        step.monitor.reset()
        step.passed = False
        app.draw()
        t = time.perf_counter()
        pin.drive_low()  # the button's pin goes down: pressed
        while app.canvas.colour_at(spot) != theme.OK:
            app.turn()
        latencies.append(time.perf_counter() - t)
        pin.drive_high()
        driver.pump()
    app.station.close()
    pygame.quit()
    pictures.forget()
    l50, l99 = _pct(latencies)
    base = _plain_edge_latency()
    report.row("pin edge to green check p50", l50 * 1000, "ms", baseline=base * 1000)
    report.row("pin edge to green check p99", l99 * 1000, "ms", baseline=base * 1000)

    # 5. peak memory of a kiosk playing the demo tour at 800x480 vs a plain pygame window
    script = tmp / "tour.yaml"
    tour = (resources.files("kiosk.ui") / "demo.yaml").read_text().replace("sizes:", "# sizes:")
    script.write_text(tour)
    argv = ["--config", str(tmp / "c.yaml"), "run", "--simulate", "--headless", "--script",
            str(script), "--screenshots", str(tmp)]  # fmt: skip
    demo = _peak_rss(f"from kiosk.cli import main; main({argv!r})")
    plain_rss = _peak_rss(
        "import pygame; pygame.init(); pygame.display.set_mode((800, 480)); pygame.display.flip()"
    )
    report.row("peak memory, demo tour", demo, "MB", baseline=plain_rss, goal="< 80 MB")


def _kit_idle() -> float:
    """CPU of the simulated kit's own threads (gpiozero, sampler) with nobody reading it."""
    from devices.kit import Kit
    from devices.kitconfig import load_kit

    with Kit(load_kit()[0], simulate=True):
        cpu = time.process_time()
        time.sleep(IDLE_S)
        return (time.process_time() - cpu) / IDLE_S * 100


def _plain_edge_latency() -> float:
    """A gpiozero callback posting a pygame event, the loop drawing on it: the median."""
    from gpiozero import Button

    from devices.simpins import SimFactory

    pygame.init()
    screen = pygame.display.set_mode((800, 480))
    factory = SimFactory()
    button = Button(17, pin_factory=factory)
    button.when_pressed = lambda: pygame.event.post(pygame.event.Event(pygame.USEREVENT))
    pin = factory.pin("GPIO17")
    samples = []
    for _ in range(EDGES):
        t = time.perf_counter()
        pin.drive_low()
        while pygame.event.wait(50).type != pygame.USEREVENT:
            pass
        screen.fill((25, 135, 84))
        pygame.display.flip()
        samples.append(time.perf_counter() - t)
        pin.drive_high()
    button.close()
    factory.close()
    pygame.quit()
    return statistics.median(samples)


def _peak_rss(code: str) -> float:
    """Peak resident memory (MB) of a fresh Python process running the code."""
    env = dict(os.environ, XDG_DATA_HOME=tempfile.mkdtemp(prefix="bench-ui-xdg-"))
    # VmHWM belongs to the process's own memory map, new at exec; ru_maxrss would carry over
    # the parent's peak (a bench run that already holds the listing and sync benches).
    probe = (
        f"{code}\nimport re, pathlib; status = pathlib.Path('/proc/self/status').read_text()"
        "\nprint('RSS', re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1))"
    )
    proc = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    rss = [line.split()[1] for line in proc.stdout.splitlines() if line.startswith("RSS ")]
    if not rss:
        print(proc.stderr[-2000:], file=sys.stderr)
        return float("nan")
    return int(rss[0]) / 1024
