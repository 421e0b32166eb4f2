# Cython declarations augmenting cues.py (setup.py NATIVE): C types for word_count's locals, which
# runs on every line. cues.py stays plain Python; without Cython this file is unused.
import cython

@cython.locals(n=cython.Py_ssize_t, tok=str, core=str, hard=list)
cpdef Py_ssize_t word_count(str text)
