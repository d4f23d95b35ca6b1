"""DeepInsight's stand-in for koreanize-matplotlib (PyPI only, unreachable from the build machines).

As documented for the real package, importing it is all it takes: matplotlib's font becomes
NanumGothic (나눔고딕) and ``axes.unicode_minus`` is turned off, since NanumGothic has no
U+2212 minus sign. The real package ships the font file; this stand-in uses the one the system
has (fonts-nanum, found through fontconfig or the usual paths) and registers it with
matplotlib's font manager if matplotlib's font cache does not list it yet.

``koreanize()`` applies the settings again, e.g. after ``plt.style.use(...)`` or
``plt.rcdefaults()`` reset them. (koreanize-matplotlib documents no helper; this one is the
function the import runs.)
"""

import os
import shutil
import subprocess
import warnings

import matplotlib
from matplotlib import font_manager

__version__ = "0.0+deepinsight"
__deepinsight_fallback__ = True
__all__ = ["koreanize", "FONT_NAME"]

FONT_NAME = "NanumGothic"
_USUAL_PATHS = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/NanumGothic.ttf",
    "/usr/local/share/fonts/NanumGothic.ttf",
    "/Library/Fonts/NanumGothic.ttf",
    "C:/Windows/Fonts/NanumGothic.ttf",
)


def _registered():
    return any(entry.name == FONT_NAME for entry in font_manager.fontManager.ttflist)


def _font_files():
    """Candidate NanumGothic files: what fontconfig reports, then the usual install paths."""
    files = []
    if shutil.which("fc-list"):
        listing = subprocess.run(["fc-list", f":family={FONT_NAME}", "file"], capture_output=True,
                                 text=True, timeout=10, check=False).stdout
        files += [line.strip().rstrip(":") for line in listing.splitlines() if line.strip()]
    files += [path for path in _USUAL_PATHS if os.path.isfile(path)]
    return list(dict.fromkeys(files))


def koreanize():
    """Sets matplotlib's font to NanumGothic (registering the font file if needed) and turns
    ``axes.unicode_minus`` off. Returns True when the font is available to matplotlib."""
    if not _registered():
        for path in _font_files():
            font_manager.fontManager.addfont(path)
    available = _registered()
    if available:
        matplotlib.rcParams["font.family"] = FONT_NAME
    else:
        warnings.warn("koreanize_matplotlib stand-in: no NanumGothic font file found "
                      "(install fonts-nanum); Korean text may not render", stacklevel=2)
    matplotlib.rcParams["axes.unicode_minus"] = False
    return available


koreanize()
