"""The back-off of failed sign-ins: free failures, doubling waits, a cap, forgetting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ictd.model.sign_in import Backoff, SignInFailures, account_key, address_key

START = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def test_waits_double_after_the_free_failures_up_to_the_cap() -> None:
    backoff = Backoff(free_failures=5, base_seconds=1.0, cap_seconds=900.0)
    assert [backoff.wait(n) for n in range(1, 5)] == [0.0] * 4
    assert [backoff.wait(n) for n in range(5, 10)] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert backoff.wait(15) == 900.0
    assert backoff.wait(10_000) == 900.0


def test_a_failure_past_the_free_ones_blocks_the_key() -> None:
    backoff = Backoff(free_failures=2, base_seconds=10.0)
    state = SignInFailures.none("k", START)
    state = state.after_failure(START, backoff)
    assert state.failures == 1 and state.retry_after(START) == 0
    state = state.after_failure(START, backoff)
    assert state.failures == 2 and state.retry_after(START) == 10
    assert state.retry_after(START + timedelta(seconds=9.5)) == 1
    assert state.retry_after(START + timedelta(seconds=10)) == 0
    later = START + timedelta(seconds=10)
    state = state.after_failure(later, backoff)
    assert state.retry_after(later) == 20
    assert state.first_failure_at == START


def test_failures_are_forgotten_after_a_quiet_period_but_never_while_blocked() -> None:
    backoff = Backoff(
        free_failures=1, base_seconds=3600.0, cap_seconds=7200.0, forget=timedelta(minutes=30)
    )
    state = SignInFailures.none("k", START).after_failure(START, backoff)
    assert state.retry_after(START) == 3600
    assert not state.is_stale(START + timedelta(minutes=45), backoff)  # still blocked
    after = START + timedelta(hours=2)
    assert state.is_stale(after, backoff)
    again = state.after_failure(after, backoff)
    assert again.failures == 1 and again.first_failure_at == after


def test_keys_do_not_hold_the_email_address() -> None:
    key = account_key(" Analyst@AAA.example ")
    assert key == account_key("analyst@aaa.example")
    assert "analyst" not in key and len(key) <= 80
    assert address_key("2001:db8::1") == "address:2001:db8::1"
    assert len(address_key("x" * 500)) <= 80
