# Types of the compiled kernel (_kernel.c); the arrays are numpy arrays or other buffers.
from typing import Any

def combine(
    text: Any, skeleton: Any, phonetic: Any, q_meta: Any, c_meta: Any, out: Any
) -> list[tuple[int, int]]: ...
def top_rows(rows: Any, lengths: Any, weights: Any, hidden: Any, out: Any) -> int: ...
def top_keyed(
    offsets: Any,
    postings: Any,
    keys: Any,
    weights: Any,
    extra: Any,
    extra_lengths: Any,
    extra_weights: Any,
    hidden: Any,
    scratch: Any,
    out: Any,
) -> int: ...
def gather(
    rows: Any,
    name_start: Any,
    part_start: Any,
    part_ids: Any,
    part_first: Any,
    join_start: Any,
    join_ids: Any,
    join_first: Any,
) -> tuple[bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes]: ...
def name_logits(
    sims: Any,
    q_weights: Any,
    q_first: Any,
    q_lengths: Any,
    q_join_lengths: Any,
    c_weights: Any,
    n_vars: Any,
    part_cols: Any,
    part_first: Any,
    part_counts: Any,
    join_cols: Any,
    join_first: Any,
    join_counts: Any,
    org: Any,
    weights: Any,
    out: Any,
    choices: Any = ...,
) -> None: ...
