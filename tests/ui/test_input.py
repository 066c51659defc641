"""Input: the letterboxed scaling both ways, one tap per touch, keys, and quitting rules."""

from __future__ import annotations

import pygame
import pytest

from kiosk.ui.display import fit, parse_size


def test_fit_letterboxes_1080p_and_keeps_the_7_inch_screen_one_to_one():
    assert fit((800, 480)) == (1.0, pygame.Rect(0, 0, 800, 480))
    scale, area = fit((1920, 1080))
    assert scale == 2.25
    assert area == pygame.Rect(60, 0, 1800, 1080)


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


def test_taps_map_back_through_the_letterbox_at_1080p(make_driver):
    driver = make_driver(size=(1920, 1080))
    rect = driver.button("home.lang").rect
    window_pos = (60 + rect.centerx * 2.25, rect.centery * 2.25)
    finger(driver, (round(window_pos[0]), round(window_pos[1])))
    assert driver.app.text.lang == "en"
    # A touch on the black bar does nothing.
    finger(driver, (10, 500))
    assert driver.screen.id == "home" and driver.app.text.lang == "en"


def test_the_1080p_frame_is_the_logical_frame_scaled(make_driver, tmp_path):
    driver = make_driver(size=(1920, 1080))
    driver.do_screenshot("home")
    shot = pygame.image.load(str(tmp_path / "home.png"))
    assert shot.get_size() == (1920, 1080)
    assert shot.get_at((5, 540))[:3] == (0, 0, 0)  # the bar
    assert shot.get_at((960, 1070))[:3] == driver.pixel((400, 475))


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
