"""Helpers other areas' tests import: real services started on 127.0.0.1 for a test.

Nothing here is a test double; each helper runs the real thing.
"""
