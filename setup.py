"""Build of the compiled kernels; everything else about the package is in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "ictd.matching._kernel",
            sources=["ictd/matching/_kernel.c"],
            extra_compile_args=["-O2", "-std=c11"],
        ),
        Extension(
            "ictd.media._mih",
            sources=["ictd/media/_mih.c"],
            extra_compile_args=["-O2", "-std=c11"],
        ),
    ]
)
