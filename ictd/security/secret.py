"""Passwords (argon2) and API key tokens (random, shown once, stored as SHA-256)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = [
    "TOKEN_PREFIX",
    "hash_password",
    "hash_token_secret",
    "new_token",
    "split_token",
    "tokens_equal",
    "verify_password",
    "verify_password_or_dummy",
]

TOKEN_PREFIX = "ictd"  # noqa: S105 - the public scheme word of a token, not a secret
_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"must be at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Constant-time check of a password against its argon2 hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def dummy_password_hash() -> str:
    """An argon2 hash of a random password nobody knows, made with the same parameters as
    real ones: checking a password against it costs what checking a real one does."""
    return _hasher.hash(secrets.token_urlsafe(32))


def verify_password_or_dummy(password_hash: str | None, password: str) -> bool:
    """``verify_password``, and when there is no hash (an unknown e-mail address, a user
    without a password) the same work against ``dummy_password_hash()``, answering ``False``:
    both paths take as long, so timing does not tell which addresses exist."""
    if password_hash is None:
        verify_password(dummy_password_hash(), password)
        return False
    return verify_password(password_hash, password)


def new_token() -> tuple[str, str, str]:
    """A new API key: ``(token, prefix, secret_hash)``. Only the hash is to be stored.

    The token reads ``ictd_<prefix>_<secret>``; the prefix finds the key, the 256-bit secret
    proves it. A random secret of that length needs no slow hash: SHA-256 suffices.
    """
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return f"{TOKEN_PREFIX}_{prefix}_{secret}", prefix, hash_token_secret(secret)


def split_token(token: str) -> tuple[str, str] | None:
    """``(prefix, secret)`` of a well-formed token, else ``None``."""
    parts = token.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def hash_token_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def tokens_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
