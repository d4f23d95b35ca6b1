"""Makes the tests import the project's stand-ins (python/fallbacks/), never a real package of
the same name that may be installed, and draws with matplotlib's Agg backend."""

import importlib
import os
import sys

FALLBACKS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fallbacks")
os.environ["MPLBACKEND"] = "Agg"
if sys.path[0] != FALLBACKS:
    sys.path.insert(0, FALLBACKS)


def load(name):
    """Imports module ``name`` and checks that it is the stand-in, not the real package."""
    module = importlib.import_module(name)
    if not getattr(module, "__deepinsight_fallback__", False):
        raise AssertionError(f"{name} was imported from {module.__file__}, not from {FALLBACKS}")
    return module
