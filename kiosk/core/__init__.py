"""The kiosk's core, under both its screens (kiosk/ui/) and its command line (kiosk/commands/).

station.py opens and closes the kiosk's parts together; folders.py says where its workshops
come from; stops.py says where a session takes place; export.py writes the sessions as CSV.
Nothing here imports the screens, the commands or the network code.
"""
