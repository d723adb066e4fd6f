"""Wheel naming for a package that holds a plain C library.

Everything else is in pyproject.toml; setuptools-rust builds libcloudphone
there. This file only says what the wheel is: the wrapper loads the library
with ctypes, the library does not use the Python C API, so the wheel fits any
Python 3 on its platform (``py3-none-<platform>``, not ``cp311-cp311-…``),
and the library is named ``_native`` plus the platform's shared-library
suffix rather than the interpreter's extension-module suffix
(``.cpython-311-x86_64-linux-gnu.so``), which would claim an ABI it does not
have. setuptools-rust subclasses the commands registered here, so its own
behaviour (cargo, the platform tag) is kept.
"""

import os
import sys
from typing import Tuple

from setuptools import setup
from setuptools.command.build_ext import build_ext

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel  # type: ignore[no-redef]


def _shared_suffix() -> str:
    if sys.platform == "darwin":
        return ".dylib"
    if os.name == "nt":
        return ".dll"
    return ".so"


class build_native(build_ext):
    """Names the library ``cloudphone/_native<.so|.dylib|.dll>``."""

    def get_ext_filename(self, fullname: str) -> str:
        return os.path.join(*fullname.split(".")) + _shared_suffix()


class wheel_any_python(bdist_wheel):
    """Tags the wheel ``py3-none-<platform>``: native code, no Python ABI."""

    def get_tag(self) -> Tuple[str, str, str]:
        _, _, plat = super().get_tag()
        return "py3", "none", plat


setup(cmdclass={"build_ext": build_native, "bdist_wheel": wheel_any_python})
