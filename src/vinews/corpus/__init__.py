"""Corpus build: per-site boilerplate, exact and near duplicates, republications, the store.

The stages are plain functions over shards and partitions of files in a work folder; the
executors (vinews.executors) only decide where they run. `build.build_corpus` composes them.
"""
