"""One router module per resource: health, sessions, kiosks, activities, agenda, reports.

Each reads `request.app.state` (engine, settings) set up by `listing.app.create_app`.
"""
