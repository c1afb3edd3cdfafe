"""The compiled kernel of the matcher (``ictd/matching/_kernel.c``), where it was built.

``pip install`` (and so ``make install``) compiles it. Each caller reads ``native.kernel`` at
call time and falls back to the numpy implementation of the same arithmetic when it is None;
the tests check that CI has the kernel, and that both ways give the same answers.
"""

from __future__ import annotations

from types import ModuleType

__all__ = ["kernel"]


def _load() -> ModuleType | None:
    try:
        from ictd.matching import _kernel
    except ImportError:  # pragma: no cover - a build without a C compiler
        return None
    return _kernel


kernel = _load()
