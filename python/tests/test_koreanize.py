"""The koreanize_matplotlib stand-in sets NanumGothic and renders Korean without missing glyphs."""

import io
import unittest
import warnings

from _fallbacks import load

import matplotlib  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402


class KoreanizeTest(unittest.TestCase):
    def setUp(self):
        self.enterContext(matplotlib.rc_context())
        self.koreanize = load("koreanize_matplotlib")
        self.koreanize.koreanize()  # other tests may have changed rcParams since the import

    def test_font_and_minus_sign(self):
        self.assertIn("NanumGothic", matplotlib.rcParams["font.family"])
        self.assertFalse(matplotlib.rcParams["axes.unicode_minus"])
        found = font_manager.findfont(font_manager.FontProperties(family="NanumGothic"), fallback_to_default=False)
        self.assertIn("NanumGothic", found)

    def test_korean_text_has_no_missing_glyphs(self):
        with warnings.catch_warnings(record=True) as caught, self.assertNoLogs("matplotlib", "WARNING"):
            warnings.simplefilter("always")
            fig, ax = plt.subplots()
            ax.bar(["서울", "부산", "대구"], [-3, 5, 2])
            ax.set_title("지역별 증감 (단위: 억 원)")
            ax.set_xlabel("지역")
            fig.savefig(io.BytesIO(), format="png")
            plt.close(fig)
        self.assertEqual([str(w.message) for w in caught if "missing from" in str(w.message)], [])

    def test_koreanize_reapplies_after_a_reset(self):
        matplotlib.rcdefaults()
        self.assertNotIn("NanumGothic", matplotlib.rcParams["font.family"])
        self.assertTrue(self.koreanize.koreanize())
        self.assertIn("NanumGothic", matplotlib.rcParams["font.family"])
        self.assertFalse(matplotlib.rcParams["axes.unicode_minus"])

    def test_marked_as_the_stand_in(self):
        self.assertTrue(self.koreanize.__deepinsight_fallback__)
        self.assertIsInstance(self.koreanize.__version__, str)


if __name__ == "__main__":
    unittest.main()
