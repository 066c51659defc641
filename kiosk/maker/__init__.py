"""Maker mode ("Maak het zelf"): youth compose "when ... then ..." rules from the kit's devices,
run them live on the kit, and take home the equivalent gpiozero program."""
