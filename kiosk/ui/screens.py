"""Every screen of the kiosk by its id: the one registry through which screens reach each other.

A screen opens the next with `app.go("end", back=self)`; none imports another. A workshop's
demo kinds (graph, reaction, theremin) are the ids of their screens.
"""

from __future__ import annotations

from kiosk.ui.attendance import AttendanceScreen
from kiosk.ui.attract import AttractScreen
from kiosk.ui.confirm import ConfirmScreen
from kiosk.ui.demo_graph import GraphScreen
from kiosk.ui.demo_reaction import ReactionScreen
from kiosk.ui.demo_theremin import ThereminScreen
from kiosk.ui.devicetest import DeviceTestScreen
from kiosk.ui.ending import EndScreen
from kiosk.ui.facilitator import FacilitatorScreen
from kiosk.ui.home import HomeScreen
from kiosk.ui.intro import IntroScreen
from kiosk.ui.maker import MakerScreen
from kiosk.ui.makerlist import CreationsScreen
from kiosk.ui.makerpick import PickScreen
from kiosk.ui.makerrule import RuleScreen
from kiosk.ui.pinpad import PinScreen
from kiosk.ui.player import PlayerScreen
from kiosk.ui.screen import Screen
from kiosk.ui.startup import StartupScreen
from kiosk.ui.stopentry import StopEntryScreen
from kiosk.ui.stops import StopScreen

SCREENS: dict[str, type[Screen]] = {
    screen.id: screen
    for screen in (
        StartupScreen,
        HomeScreen,
        StopScreen,
        StopEntryScreen,
        IntroScreen,
        PlayerScreen,
        AttendanceScreen,
        EndScreen,
        GraphScreen,
        ReactionScreen,
        ThereminScreen,
        AttractScreen,
        PinScreen,
        ConfirmScreen,
        FacilitatorScreen,
        DeviceTestScreen,
        MakerScreen,
        RuleScreen,
        PickScreen,
        CreationsScreen,
    )
}
