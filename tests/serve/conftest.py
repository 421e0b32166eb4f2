import pytest

from vinews.search import build_index
from vinews.search.sample_corpus import write_sample_corpus


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory):
    """A small CORPUS_DIR in the `vinews build` shape (see vinews.search.sample_corpus)."""
    corpus = write_sample_corpus(tmp_path_factory.mktemp("corpus"))
    build_index(corpus)
    return corpus


@pytest.fixture(scope="module")
def client(corpus_dir):
    from fastapi.testclient import TestClient

    from vinews.serve import create_app

    return TestClient(create_app(corpus_dir, hosts=["testserver"]))
