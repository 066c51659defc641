"""The handlers of the `stem-kiosk` commands, one module per command or group of them.

kiosk/cli.py holds every command's arguments and imports a handler's module only to run it.
"""
