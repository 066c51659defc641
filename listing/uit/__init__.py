"""Planned stops published to UiTdatabank (publiq), each exactly once.

settings (environment), client (token, Entry, Search), event (the body), publish (the algorithm).
"""
