"""Tests of the central listing (listing/), on SQLite and PostgreSQL, over real HTTP."""
