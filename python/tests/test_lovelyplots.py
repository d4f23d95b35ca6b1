"""The lovelyplots stand-in registers LovelyPlots' style names without touching the font."""

import io
import unittest
import warnings

from _fallbacks import load

import matplotlib  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

STYLES = ["ipynb", "paper", "use_mathtext", "use_tex", "svg_no_fonts", "colors5", "colors5-light",
          "colors10", "colors10-ls", "colors10-markers", "colorsblind10", "colorsblind34"]


class LovelyPlotsTest(unittest.TestCase):
    def setUp(self):
        self.enterContext(matplotlib.rc_context())
        matplotlib.rcParams["font.family"] = "NanumGothic"
        matplotlib.rcParams["axes.unicode_minus"] = False
        self.lovelyplots = load("lovelyplots")

    def test_styles_are_registered_and_keep_the_korean_font(self):
        for style in STYLES + [["ipynb", "use_mathtext", "colors10-markers"], ["ipynb", "colorsblind34"]]:
            with self.subTest(style=style):
                plt.style.use(style)
                self.assertEqual(matplotlib.rcParams["font.family"], ["NanumGothic"])
                self.assertFalse(matplotlib.rcParams["text.usetex"])
                self.assertFalse(matplotlib.rcParams["axes.unicode_minus"])
        for style in STYLES:
            self.assertIn(style, plt.style.available)
            self.assertFalse({"font.family", "font.serif", "font.sans-serif"} & set(plt.style.library[style]))

    def test_styles_take_effect(self):
        plt.style.use(["ipynb", "use_mathtext", "colors10-markers"])
        self.assertEqual(matplotlib.rcParams["xtick.direction"], "in")
        self.assertEqual(matplotlib.rcParams["mathtext.fontset"], "cm")
        cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()
        self.assertEqual(len(cycle["color"]), 10)
        self.assertEqual(len(set(cycle["marker"])), 10)
        plt.style.use("colors10-ls")
        self.assertIn("linestyle", matplotlib.rcParams["axes.prop_cycle"].by_key())
        self.assertEqual(len(plt.style.library["colorsblind34"]["axes.prop_cycle"].by_key()["color"]), 34)

    def test_use_tex_keeps_usetex_off(self):
        plt.style.use(["ipynb", "use_tex"])
        self.assertFalse(matplotlib.rcParams["text.usetex"])

    def test_survives_a_library_reload(self):
        plt.style.reload_library()
        self.assertIn("ipynb", plt.style.available)

    def test_korean_renders_under_the_styles(self):
        plt.style.use(["ipynb", "use_mathtext", "colors10-markers"])
        with warnings.catch_warnings(record=True) as caught, self.assertNoLogs("matplotlib", "WARNING"):
            warnings.simplefilter("always")
            fig, ax = plt.subplots()
            ax.plot([-2, -1, 0, 1], [3, -1, 2, 0], label="매출")
            ax.set_title("월별 매출 추이 $\\alpha^2$")
            ax.legend()
            fig.savefig(io.BytesIO(), format="png")
            plt.close(fig)
        self.assertEqual([str(w.message) for w in caught if "missing from" in str(w.message)], [])

    def test_marked_as_the_stand_in(self):
        self.assertTrue(self.lovelyplots.__deepinsight_fallback__)
        self.assertIsInstance(self.lovelyplots.__version__, str)


if __name__ == "__main__":
    unittest.main()
