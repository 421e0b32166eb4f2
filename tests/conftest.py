from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "pages"


@pytest.fixture
def sample(request):
    """Text of a bundled sample page (our own writing, shaped like real news pages)."""
    def load(name: str) -> str:
        return (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    return load


def pytest_sessionstart(session):
    """Refuse to test an edited module through its old compiled self (vinews.native)."""
    from vinews import native

    stale = native.stale()
    if stale:
        pytest.exit(f"compiled modules older than their .py sources: {', '.join(stale)}; "
                    "run `make native` (or `make test`) to recompile them", returncode=2)
