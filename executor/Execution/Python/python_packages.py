"""Prints, as one JSON list, the reference stack's Python packages as executions see them.

Run once by the server with the children's environment (PythonPackageInventory) for
/container-info: each distribution's name, its version (null when it is not installed) and
whether the project's stand-in provides it (its INSTALLER file says "deepinsight-fallback",
as scripts/install-python-stack.py writes it). Reads metadata only: nothing is imported.
"""
import importlib.metadata
import json
import sys

# The distributions agents' code imports, by their PyPI names.
STACK = [
    "boto3", "numpy", "pandas", "scipy", "scikit-learn", "mlxtend", "matplotlib", "adjustText",
    "seaborn", "LovelyPlots", "koreanize-matplotlib", "plotly", "weasyprint", "pillow",
    "python-docx", "lxml", "openpyxl",
]
FALLBACK_INSTALLER = "deepinsight-fallback"


def describe(name):
    try:
        distribution = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return {"name": name, "version": None, "fallback": False}
    installer = (distribution.read_text("INSTALLER") or "").strip()
    return {"name": name, "version": distribution.version, "fallback": installer == FALLBACK_INSTALLER}


if __name__ == "__main__":
    json.dump([describe(name) for name in STACK], sys.stdout)
