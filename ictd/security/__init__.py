"""Security core: actors, roles and permissions, the access policy, secrets, audit events.

Pure code: imports only ``ictd.model`` and ``ictd.exc`` (and argon2 for password hashing).
Every service asks ``ictd.security.policy`` before it reads or writes.
"""
