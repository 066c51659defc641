"""One module per `stem-kiosk` command group; each adds its parsers with `register(sub)`."""
