# Cython declarations augmenting byline.py (setup.py NATIVE): C types for the name-shape test,
# which runs on most short lines. byline.py stays plain Python; without Cython this file is unused.
import cython

@cython.locals(toks=list, t=str)
cpdef bint _name_shaped(str text)
