"""Passwords (argon2) and API key tokens."""

from __future__ import annotations

import re

import pytest

from ictd.security.secret import (
    MIN_PASSWORD_LENGTH,
    TOKEN_PREFIX,
    hash_password,
    hash_token_secret,
    new_token,
    split_token,
    tokens_equal,
    verify_password,
)

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


def test_passwords_are_hashed_with_argon2id(password_hash: str) -> None:
    assert password_hash.startswith("$argon2id$")
    assert PASSWORD not in password_hash
    assert verify_password(password_hash, PASSWORD)


def test_the_same_password_hashes_differently_each_time(password_hash: str) -> None:
    assert hash_password(PASSWORD) != password_hash


@pytest.mark.parametrize(
    "attempt", ["", "correct horse batter", "Correct horse battery", PASSWORD + " ", "x" * 40]
)
def test_a_wrong_password_does_not_verify(password_hash: str, attempt: str) -> None:
    assert verify_password(password_hash, attempt) is False


@pytest.mark.parametrize("stored", ["", "not a hash", "$argon2id$v=19$m=1,t=1,p=1$broken"])
def test_a_broken_stored_hash_does_not_verify(stored: str) -> None:
    assert verify_password(stored, PASSWORD) is False


@pytest.mark.parametrize("length", [0, 1, MIN_PASSWORD_LENGTH - 1])
def test_short_passwords_are_refused(length: int) -> None:
    with pytest.raises(ValueError, match=f"at least {MIN_PASSWORD_LENGTH} characters"):
        hash_password("p" * length)


def test_a_password_of_the_minimum_length_is_accepted() -> None:
    password = "päß" * (MIN_PASSWORD_LENGTH // 3) + "x" * (MIN_PASSWORD_LENGTH % 3)
    assert len(password) == MIN_PASSWORD_LENGTH
    assert verify_password(hash_password(password), password)


TOKEN = re.compile(rf"^{TOKEN_PREFIX}_([0-9a-f]{{12}})_([A-Za-z0-9_-]{{43}})$")


def test_new_token_format_and_hash() -> None:
    token, prefix, secret_hash = new_token()
    m = TOKEN.match(token)
    assert m is not None, token
    assert m.group(1) == prefix
    secret = m.group(2)
    assert split_token(token) == (prefix, secret)
    assert secret_hash == hash_token_secret(secret)
    assert re.fullmatch(r"[0-9a-f]{64}", secret_hash)
    assert secret_hash != secret
    assert secret not in secret_hash


def test_new_tokens_are_unique() -> None:
    tokens = [new_token() for _ in range(50)]
    assert len({t[0] for t in tokens}) == 50
    assert len({t[1] for t in tokens}) == 50
    assert len({t[2] for t in tokens}) == 50


def test_a_secret_containing_underscores_still_splits() -> None:
    assert split_token("ictd_abc123_se_cr_et") == ("abc123", "se_cr_et")
    assert split_token("  ictd_abc123_secret\n") == ("abc123", "secret")


@pytest.mark.parametrize(
    "token",
    [
        "",
        "ictd",
        "ictd_",
        "ictd__",
        "ictd_abc",
        "ictd_abc_",
        "ictd__secret",
        "ICTD_abc_secret",
        "xyz_abc_secret",
        "Bearer ictd_abc_secret",
        "ictdabcsecret",
    ],
)
def test_split_token_rejects_malformed_tokens(token: str) -> None:
    assert split_token(token) is None


def test_token_hash_is_sha256_of_the_secret() -> None:
    assert hash_token_secret("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("abc", "abc", True),
        ("", "", True),
        ("abc", "abd", False),
        ("abc", "abcd", False),
        ("abc", "ABC", False),
        ("ä", "ä", True),
        ("ä", "a\u0308", False),
    ],
)
def test_tokens_equal(a: str, b: str, equal: bool) -> None:
    assert tokens_equal(a, b) is equal
