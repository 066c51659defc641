"""The coordinator's portal under `/portal/`: server-rendered pages, Dutch first, for the
people of `stem-listing user add`. One module per page; `listing.app` includes their routers.
"""
