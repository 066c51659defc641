"""People who log in with a browser: passwords, server-side sessions, CSRF and login throttling.

The portal's pages declare `guard.require_user(role)` and read forms with `forms.posted`.
"""
