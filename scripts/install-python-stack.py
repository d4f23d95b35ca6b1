#!/usr/bin/env python3
"""Installs the Python packages that exist only on PyPI (python/pypi-only.txt) into the site
directory of the interpreter that runs this script, which must be the one executions use:

    sudo /usr/bin/python3 scripts/install-python-stack.py

Each package that is missing, or present only as the project's stand-in, is installed from PyPI
at its pin where PyPI is reachable (one pip call, without dependencies: those come from the
distribution's packages). Where pip cannot install them, the project's own module of the same
import name (python/fallbacks/) is copied in with a .dist-info whose INSTALLER file says
"deepinsight-fallback", so /container-info and `pip list` can tell a stand-in from the real
package. A real package already installed is never touched; a stand-in is refreshed on every
run, so an edited fallback reaches the interpreter the next time run.sh or test.sh runs.
"""
import ast
import compileall
import importlib.metadata
import importlib.util
import pathlib
import shutil
import subprocess
import sys
import sysconfig

FALLBACK_INSTALLER = "deepinsight-fallback"
REPO = pathlib.Path(__file__).resolve().parent.parent
PACKAGE_LIST = REPO / "python" / "pypi-only.txt"
FALLBACKS = REPO / "python" / "fallbacks"
# pip's own defaults retry for minutes where the network drops packets; a build without PyPI
# should fall back in seconds.
PIP_NETWORK_OPTIONS = ["--retries", "1", "--timeout", "15"]


def read_package_list():
    """(import name, requirement, distribution name) per line of python/pypi-only.txt."""
    packages = []
    for line in PACKAGE_LIST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        import_name, requirement = line.split()
        packages.append((import_name, requirement, requirement.split("==", 1)[0]))
    return packages


def installer_of(distribution_name):
    try:
        return (importlib.metadata.distribution(distribution_name).read_text("INSTALLER") or "").strip()
    except importlib.metadata.PackageNotFoundError:
        return None


def state_of(import_name, distribution_name):
    """'real', 'fallback' or 'missing'. A module found without metadata counts as real."""
    if importlib.util.find_spec(import_name) is None:
        return "missing"
    return "fallback" if installer_of(distribution_name) == FALLBACK_INSTALLER else "real"


def install_from_pypi(requirements):
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-input",
               "--disable-pip-version-check", "--break-system-packages", *PIP_NETWORK_OPTIONS, *requirements]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode == 0:
        return True, ""
    reason = (result.stderr.strip().splitlines() or ["pip exited with status %d" % result.returncode])[-1]
    return False, reason


def fallback_version(import_name):
    """The stand-in's __version__, read without importing it (its imports may be heavy)."""
    tree = ast.parse((FALLBACKS / import_name / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit(f"python/fallbacks/{import_name}/__init__.py has no __version__")


def remove_installed_fallback(distribution_name, site):
    """Deletes every file the stand-in's RECORD lists, then its emptied directories."""
    distribution = importlib.metadata.distribution(distribution_name)
    directories = set()
    for entry in distribution.files or []:
        path = pathlib.Path(site, entry)
        directories.add(path.parent)
        path.unlink(missing_ok=True)
    for directory in sorted(directories, key=lambda p: len(p.parts), reverse=True):
        if directory != pathlib.Path(site) and directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()


def install_fallback(import_name, distribution_name, site):
    version = fallback_version(import_name)
    package = pathlib.Path(site, import_name)
    shutil.copytree(FALLBACKS / import_name, package, ignore=shutil.ignore_patterns("__pycache__"))
    # Compiled once here, as pip does: executions run with PYTHONDONTWRITEBYTECODE.
    compileall.compile_dir(str(package), quiet=1)
    info = pathlib.Path(site, f"{distribution_name.replace('-', '_')}-{version}.dist-info")
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {distribution_name}\nVersion: {version}\n"
        f"Summary: DeepInsight's stand-in for {distribution_name}, which PyPI alone serves\n",
        encoding="utf-8")
    (info / "INSTALLER").write_text(FALLBACK_INSTALLER + "\n", encoding="utf-8")
    files = sorted(p for p in list(package.rglob("*")) + list(info.iterdir()) if p.is_file())
    record = [f"{p.relative_to(site)},," for p in files] + [f"{(info / 'RECORD').relative_to(site)},,"]
    (info / "RECORD").write_text("\n".join(record) + "\n", encoding="utf-8")


def main():
    site = sysconfig.get_path("purelib")
    pathlib.Path(site).mkdir(parents=True, exist_ok=True)
    wanted = []
    for import_name, requirement, distribution_name in read_package_list():
        state = state_of(import_name, distribution_name)
        if state == "real":
            print(f"{import_name}: {distribution_name} {importlib.metadata.version(distribution_name)} already installed")
        else:
            wanted.append((import_name, requirement, distribution_name))
    if not wanted:
        return
    installed, reason = install_from_pypi([requirement for _, requirement, _ in wanted])
    if installed:
        print("installed from PyPI: " + ", ".join(requirement for _, requirement, _ in wanted))
        return
    print(f"PyPI not reachable ({reason}): installing the project's stand-ins into {site}")
    for import_name, _, distribution_name in wanted:
        if state_of(import_name, distribution_name) == "fallback":
            remove_installed_fallback(distribution_name, site)
        install_fallback(import_name, distribution_name, site)
        print(f"{import_name}: stand-in {fallback_version(import_name)} installed")


if __name__ == "__main__":
    main()
