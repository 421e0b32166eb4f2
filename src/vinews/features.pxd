# Cython declarations augmenting features.py (setup.py NATIVE): C types for the long lines' word
# count. features.py stays plain Python; without Cython this file is unused.
cpdef Py_ssize_t _whitespace_words(str text)
