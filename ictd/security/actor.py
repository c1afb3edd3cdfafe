"""The actor: who is acting, for which agency, with which roles, for which purpose."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ictd.model import Role, User

__all__ = ["Actor"]


@dataclass(frozen=True, slots=True)
class Actor:
    """Everyone who acts is an actor: a user (by password or API key) or the local operator.

    ``system`` is the operator at the machine (the ``ictd`` CLI with direct database access);
    it manages agencies and accounts and is audited as ``system``.
    """

    name: str
    agency: str | None
    roles: frozenset[Role]
    user_id: int | None = None
    key_id: int | None = None
    purpose: str | None = None
    is_system: bool = False

    @classmethod
    def system(cls, purpose: str | None = None) -> Actor:
        return cls(name="system", agency=None, roles=frozenset(), purpose=purpose, is_system=True)

    @classmethod
    def from_user(cls, user: User, key_id: int | None = None) -> Actor:
        assert user.id is not None
        return cls(
            name=f"user:{user.id}:{user.email}",
            agency=user.agency,
            roles=user.roles,
            user_id=user.id,
            key_id=key_id,
        )

    def with_purpose(self, purpose: str | None) -> Actor:
        """This actor acting for ``purpose`` (itself when that is its purpose already: an
        actor is frozen, so one held by the key cache is shared, never changed)."""
        return self if purpose == self.purpose else replace(self, purpose=purpose)

    def has_role(self, *roles: Role) -> bool:
        return any(r in self.roles for r in roles)
