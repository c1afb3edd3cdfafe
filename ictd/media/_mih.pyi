# Types of the compiled multi-index hashing kernel (_mih.c); arrays are numpy arrays.
from typing import Any

def build(words: Any, starts: Any, lens: Any, offsets: Any, positions: Any) -> None: ...
def search(
    words: Any,
    starts: Any,
    lens: Any,
    thresholds: Any,
    offsets: Any,
    positions: Any,
    query: Any,
    radius: int,
) -> list[tuple[int, int]]: ...
def scan(words: Any, query: Any, radius: int) -> list[tuple[int, int]]: ...
