"""Every read and write of the listing's database, and nowhere else.

Routers and the CLI call these functions inside a transaction from `listing.db`.
"""
