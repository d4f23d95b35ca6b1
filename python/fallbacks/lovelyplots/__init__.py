"""DeepInsight's stand-in for LovelyPlots (PyPI only, unreachable from the build machines).

LovelyPlots is a set of matplotlib style sheets that ``import lovelyplots`` registers (since
1.0), used as ``plt.style.use('ipynb')`` or combined, e.g. ``['ipynb', 'use_mathtext',
'colors10-markers']``. This package ships its own sheets under the documented names (in
``styles/``, written here, not copied), with two deliberate departures, because the executor
renders Korean text with NanumGothic and has no TeX:

* no sheet sets ``font.family``/``font.serif``/``font.sans-serif``, so the Korean font stays;
* ``use_tex`` keeps ``text.usetex`` off and only gives mathtext a TeX (Computer Modern) look;
* ``use_mathtext``/``use_tex`` leave tick labels as plain text: mathtext would draw their minus
  sign as U+2212 in the text font, which NanumGothic lacks.

Every sheet also keeps ``axes.unicode_minus`` off (NanumGothic has no U+2212 minus sign).
"""

import pathlib

import matplotlib.style
import matplotlib.style.core

__version__ = "0.0+deepinsight"
__deepinsight_fallback__ = True

STYLES_DIRECTORY = pathlib.Path(__file__).with_name("styles")


def _register():
    """Adds the sheets to matplotlib's style library. The directory also goes on matplotlib's
    user style path, so a later ``plt.style.reload_library()`` keeps them; the library itself
    is updated in place rather than reloaded, so styles other packages registered stay too."""
    directory = str(STYLES_DIRECTORY)
    if directory not in matplotlib.style.core.USER_LIBRARY_PATHS:
        matplotlib.style.core.USER_LIBRARY_PATHS.append(directory)
    matplotlib.style.library.update(matplotlib.style.core.read_style_directory(directory))
    matplotlib.style.core.available[:] = sorted(matplotlib.style.library)


_register()
