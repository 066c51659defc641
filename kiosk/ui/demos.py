"""Live demos: pick the screen for a workshop's demo (graph, reaction game, theremin).

Also the list of devices a graph can show (every input device of the kit).
"""

from __future__ import annotations


def input_devices(app) -> list[str]:
    spec = app.services.spec
    return [name for name, d in spec.devices.items() if d.is_input] if spec else []


def demo_screen(app, kind: str, device: str, back):
    if kind == "reaction":
        from kiosk.ui.demo_reaction import ReactionScreen

        return ReactionScreen(app, device, back)
    if kind == "theremin":
        from kiosk.ui.demo_theremin import ThereminScreen

        return ThereminScreen(app, device, back)
    from kiosk.ui.demo_graph import GraphScreen

    return GraphScreen(app, device, back)
