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
    """A scored query–subject pair: ``score`` ≈ the probability that both are the same.

    ``literal`` counts the words the two names of the chosen alignment write alike, legal
    forms included (``scorer.written_words``); between equal scores the more literal match
    ranks first (``Narges Haidari`` before ``Narges Heidari`` for the query ``Narges
    Haidari``; ``Delta Invest JSC`` before ``Delta Invest LLC`` for ``Delta Invest JSC``),
    then the lower subject id.
    """

    subject_id: int
    score: float
    explanation: tuple[Feature, ...]
    literal: int = 0

    @property
    def rank_key(self) -> tuple[float, int, int]:
        """Sorts matches best first: score, then literal agreement, then subject id."""
        return (-self.score, -self.literal, self.subject_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject_id": self.subject_id,
            "score": round(self.score, 4),
            "explanation": [f.to_dict() for f in self.explanation],
        }
