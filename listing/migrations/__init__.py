"""Alembic's script directory for the listing's schema: `env.py` and one file per revision.

Shipped inside the package (no alembic.ini); `listing.migrate` configures and runs it.
"""
