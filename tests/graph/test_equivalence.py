"""The set-based traversal answers exactly like the former Python BFS (``tests.graph.reference``)
on random small graphs with random sharing, for every start, actor, depth and limit."""

from __future__ import annotations

from typing import Any

import pytest

from ictd.exc import NotFound
from ictd.graph import exposure, neighbourhood, query
from ictd.security.actor import Actor
from tests.graph.network import TODAY
from tests.graph.random_graph import build_random_graph
from tests.graph.reference import reference_exposure, reference_neighbourhood
from tests.world import World

CASES = ((1, 1), (3, 2), (4, 10))  # (depth, limit) of exposure


def _answer(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except NotFound:
        return "not found"


def _actors(world: World) -> list[Actor]:
    return [world.actor(a, "analyst") for a in ("OPS", "AAA", "BBB")] + [Actor.system("test")]


def _compare(world: World, starts: list[int], hood: tuple[int, ...]) -> int:
    compared = 0
    for actor in _actors(world):
        for sid in starts:
            for depth, limit in CASES:
                new = _answer(exposure, world.store, actor, sid, depth, limit, TODAY)
                old = _answer(reference_exposure, world.store, actor, sid, depth, limit, TODAY)
                assert new == old, (actor.name, sid, depth, limit)
                compared += new != "not found" and bool(new["paths"])
            for depth in hood:
                new = _answer(neighbourhood, world.store, actor, sid, depth, TODAY)
                old = _answer(reference_neighbourhood, world.store, actor, sid, depth, TODAY)
                assert new == old, (actor.name, sid, depth)
    return compared


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graphs_answer_as_the_reference(world: World, seed: int) -> None:
    starts = build_random_graph(world.store, seed)
    assert _compare(world, starts, (2,)) > 0  # some starts are exposed


def test_truncation_at_max_nodes_answers_as_the_reference(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    starts = build_random_graph(world.store, 6)
    monkeypatch.setattr(query, "MAX_NODES", 4)
    _compare(world, starts[::2], (2, 4))
