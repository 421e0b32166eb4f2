"""Build of vinews: everything is in pyproject.toml except the compiled core, declared here.

The extractor's hot modules (`NATIVE` below: the text path's per-line features, dates, bylines,
roles, page kind and fitted models, and the HTML path's DOM walk) are compiled by Cython in
pure-Python mode: the .py files are the only source, there is no .pyx to keep in step, and each
compiled module gives the same output as its .py (tests/test_native.py checks it). A few of the
hottest functions get C types from an augmenting .pxd beside their module (cues.pxd, byline.pxd,
features.pxd: declarations only, the code stays in the .py). Compiled, the extractor runs ~8%
fewer instructions per page on the text path and ~12% on HTML (bench/extract_instructions.py).

The compiled core is optional: without Cython or a C compiler, or with VINEWS_PURE=1 in the
environment, vinews installs as pure Python (same output, slower). An editable install
(`pip install -e .`, what `make` does) puts the compiled modules beside their .py files in
src/vinews/, where they take precedence on import: after editing one of those .py files, run
`make native` (or any `make test` / `make demo`) to recompile it; the test suite refuses to run
on a stale compiled module (tests/conftest.py).
"""
import os

from setuptools import setup

# Modules compiled, by path under src/vinews/ (without .py). The text path first, then HTML.
NATIVE = [
    "features", "dates", "byline", "roles", "classify", "fitted", "cues", "normalize", "segment",
    "metadata", "memo", "pipeline",
    "html/dom", "html/guard", "html/hints", "html/cues",
]


# Annotations stay hints, as in Python: with annotation typing on, Cython would enforce `dict`
# (refusing a defaultdict) and turn `float` into a C double (1 would print as 1.0).
DIRECTIVES = {"language_level": 3, "annotation_typing": False}


def ext_modules() -> list:
    if os.environ.get("VINEWS_PURE"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # no Cython in the build environment: pure Python
        return []
    import hashlib

    import Cython

    # C files of another Cython or other directives go to another folder (cythonize only compares
    # file times, so a changed directive would otherwise keep the old C)
    key = hashlib.sha256(repr((Cython.__version__, sorted(DIRECTIVES.items()))).encode()).hexdigest()[:12]
    exts = cythonize([f"src/vinews/{m}.py" for m in NATIVE], build_dir=f"build/cython-{key}", quiet=True,
                     compiler_directives=DIRECTIVES)
    for e in exts:
        e.optional = True  # a module that fails to compile stays pure Python; the install goes on
    return exts


# the C files compile in parallel, one per core (16 modules: about a minute on two cores)
setup(ext_modules=ext_modules(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
