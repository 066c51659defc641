"""Input: logical units and real pixels both ways, one tap per touch, keys, and quitting rules."""

from __future__ import annotations

import pygame
import pytest

from kiosk.ui import theme
from kiosk.ui.canvas import fit_window
from kiosk.ui.display import parse_size


def test_the_logical_screen_keeps_its_height_and_takes_the_width_a_screen_offers():
    assert fit_window((800, 480)) == (1.0, (800, 480), (0.0, 0.0))
    scale, logical, origin = fit_window((1920, 1080))
    assert (scale, logical) == (2.25, (853, 480))  # 16:9: wider, no black bars
    assert 0 <= origin[0] < scale and origin[1] == 0  # less than one logical unit left over
    assert fit_window((3840, 2160))[:2] == (4.5, (853, 480))
    assert fit_window((1280, 800))[:2] == (1.6, (800, 500))  # 16:10: taller
    assert fit_window((1024, 600))[1] == (819, 480)
    assert fit_window((1024, 768))[1] == (800, 600)  # 4:3, never seen on a kiosk: laid out


def test_window_size_parses_and_refuses_nonsense():
    assert parse_size("1920x1080") == (1920, 1080)
    with pytest.raises(ValueError):
        parse_size("big")


def finger(driver, pos):
    """Post what SDL posts for one real touch: FINGERDOWN plus its synthetic mouse copy."""
    w, h = driver.app.display.window.get_size()
    pygame.event.post(
        pygame.event.Event(
            pygame.FINGERDOWN,
            x=pos[0] / w,
            y=pos[1] / h,
            dx=0.0,
            dy=0.0,
            touch_id=1,
            finger_id=0,
            pressure=1.0,
        )
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=True))
    driver.pump()


def test_one_touch_counts_once_even_with_the_synthetic_mouse_event(kiosk):
    kiosk.goto_workshop("reactiespel")
    kiosk.do_tap("intro.start")
    kiosk.do_tap("player.count")
    band = kiosk.button("attendance.band.14-17").rect.center
    finger(kiosk, band)
    session = kiosk.app.session
    assert kiosk.app.journal.attendance(session.id)["total"] == 1
    # A real mouse click (no touch flag) is a tap of its own.
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=band, button=1, touch=False))
    kiosk.pump()
    assert kiosk.app.journal.attendance(session.id)["total"] == 2


def test_taps_map_back_through_the_scale_at_1080p(make_driver):
    driver = make_driver(size=(1920, 1080))
    assert driver.app.display.logical_size == (853, 480)
    rect = driver.button("home.lang").rect
    assert driver.button("home.facilitator").rect.right == 853 - 16  # the whole width is used
    finger(driver, (round(rect.centerx * 2.25), round(rect.centery * 2.25)))
    assert driver.app.text.lang == "en"
    # A touch between buttons, at the screen's far corner, does nothing.
    finger(driver, (1919, 1079))
    assert driver.screen.id == "home" and driver.app.text.lang == "en"


def solid_share(surface, rect) -> float:
    """Of the dark (text) pixels in an area, the share drawn in the ink itself: near 1 for text
    rendered at the size it is shown, far less for text scaled up (soft edges)."""
    area = surface.subsurface(rect)
    colours = [
        tuple(area.get_at((x, y)))[:3]
        for x in range(area.get_width())
        for y in range(area.get_height())
    ]
    dark = [c for c in colours if sum(c) < 450]
    return sum(c == theme.INK for c in dark) / len(dark)


def test_1080p_is_drawn_at_its_own_resolution_sharp_and_without_bars(make_driver, tmp_path):
    small = make_driver()
    small.do_screenshot("small")
    driver = make_driver(size=(1920, 1080))
    driver.do_screenshot("home")
    shot = pygame.image.load(str(tmp_path / "home.png"))
    assert shot.get_size() == (1920, 1080)
    assert shot.get_at((2, 540))[:3] == theme.BACKGROUND  # no black bar at the side
    heading = driver.app.canvas.real(theme.HEADING)
    sharp = solid_share(shot, heading)
    assert sharp > 0.8
    assert sharp >= solid_share(pygame.image.load(str(tmp_path / "small.png")), theme.HEADING)
    # The same text, drawn 2.25 times as large, not stretched: its ink covers 2.25² the pixels.
    inked = [
        sum(
            tuple(img.get_at((x, y)))[:3] == theme.INK
            for x in range(r.x, r.right)
            for y in range(r.y, r.bottom)
        )
        for img, r in (
            (pygame.image.load(str(tmp_path / "small.png")), theme.HEADING),
            (shot, heading),
        )
    ]
    assert 2.25**2 * 0.8 < inked[1] / inked[0] < 2.25**2 * 1.3


def test_keyboard_shortcuts_work_like_taps(kiosk):
    kiosk.do_key("l")
    assert kiosk.app.text.lang == "en"
    kiosk.do_key("1")
    assert kiosk.screen.id == "intro"
    kiosk.do_key("escape")
    assert kiosk.screen.id == "home"


def test_window_close_quits_when_windowed_but_never_in_kiosk_mode(make_driver):
    kiosk_mode = make_driver(fullscreen=True)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    kiosk_mode.pump()
    assert kiosk_mode.app.running
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_q, mod=pygame.KMOD_CTRL))
    kiosk_mode.pump()
    assert kiosk_mode.app.running
    kiosk_mode.app.fullscreen = False
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    kiosk_mode.pump()
    assert not kiosk_mode.app.running
