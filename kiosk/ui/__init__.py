"""The pygame touchscreen UI: one logical 800x480 surface, scaled to whatever display there is."""
