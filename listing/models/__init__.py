"""What comes in (`incoming`), what is stored (`stored`) and what goes out (`outgoing`).

Kept apart so storage rows never leak into responses and requests never reach storage unparsed.
"""
