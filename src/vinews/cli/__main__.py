"""`python -m vinews.cli`: the `vinews` command."""
from . import app

if __name__ == "__main__":
    app()
