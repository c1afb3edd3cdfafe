"""What the matcher answers: a ``Match``, its score and one ``Feature`` per piece of evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Feature", "Match"]


@dataclass(frozen=True, slots=True)
class Feature:
    """One piece of evidence about a match.

    ``value`` is in [-1, 1]: positive when the evidence agrees, negative when it conflicts
    (a penalty). Its pull on the score is ``value`` times the feature's weight
    (``ictd.matching.scorer.WEIGHTS``). ``detail`` says what was compared, for humans.
    """

    feature: str
    value: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "value": round(self.value, 4), "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Match:
    """A scored query–subject pair: ``score`` ≈ the probability that both are the same."""

    subject_id: int
    score: float
    explanation: tuple[Feature, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject_id": self.subject_id,
            "score": round(self.score, 4),
            "explanation": [f.to_dict() for f in self.explanation],
        }
