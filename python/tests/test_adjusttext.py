"""The adjustText stand-in: labels end up clear of each other, of the points, of given objects
and of the axes edges, measured on the drawn figure."""

import unittest
import warnings

from _fallbacks import load

adjustText = load("adjustText")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

MARKER_AREA = 20  # scatter s=, in points squared


def overlap(a, b):
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)


def overlapping_pairs(boxes):
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if overlap(boxes[i], boxes[j])]


class AdjustTextTest(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(7)
        # 32 points in two tight clusters, so that their labels overlap where they start.
        self.x = np.concatenate([rng.normal(0.0, 0.25, 22), rng.normal(2.5, 0.25, 10)])
        self.y = np.concatenate([rng.normal(0.0, 0.25, 22), rng.normal(2.0, 0.25, 10)])
        self.fig, self.ax = plt.subplots(figsize=(7, 5), dpi=100)
        self.scatter = self.ax.scatter(self.x, self.y, s=MARKER_AREA, label="측정값")
        self.ax.set_xlim(-2.5, 4.5)
        self.ax.set_ylim(-2.5, 4.0)
        self.texts = [self.ax.text(a, b, f"label {i}") for i, (a, b) in enumerate(zip(self.x, self.y))]

    def tearDown(self):
        plt.close(self.fig)

    def extents(self, artists):
        self.fig.canvas.draw()
        renderer = self.fig.canvas.get_renderer()
        return [artist.get_window_extent(renderer) for artist in artists]

    def point_boxes(self):
        half = np.sqrt(MARKER_AREA) / 2 * self.fig.dpi / 72
        centres = self.ax.transData.transform(np.column_stack([self.x, self.y]))
        return [Bbox([[cx - half, cy - half], [cx + half, cy + half]]) for cx, cy in centres]

    def assert_clear(self, obstacles=()):
        boxes = self.extents(self.texts)
        self.assertEqual(overlapping_pairs(boxes), [], "labels overlap each other")
        points = self.point_boxes()
        self.assertEqual([(i, k) for i, box in enumerate(boxes) for k, point in enumerate(points)
                          if overlap(box, point)], [], "labels cover points")
        for obstacle in obstacles:
            self.assertEqual([i for i, box in enumerate(boxes) if overlap(box, obstacle)], [],
                             "labels cover an object")
        frame = self.ax.get_window_extent()
        for box in boxes:
            self.assertTrue(frame.x0 - 1e-6 <= box.x0 and box.x1 <= frame.x1 + 1e-6
                            and frame.y0 - 1e-6 <= box.y0 and box.y1 <= frame.y1 + 1e-6, "label outside the axes")

    def test_removes_overlaps_with_labels_points_and_a_legend(self):
        legend = self.ax.legend(loc="center")
        legend_box = self.extents([legend])[0]
        before = self.extents(self.texts)
        self.assertGreater(len(overlapping_pairs(before)), 5)
        self.assertTrue(any(overlap(box, legend_box) for box in before))
        result = adjustText.adjust_text(self.texts, x=self.x, y=self.y, objects=[legend], ax=self.ax)
        self.assertIs(result[0][0], self.texts[0])
        self.assertEqual(result[1], [])  # no arrowprops, no arrows
        self.assert_clear([self.extents([legend])[0]])

    def test_avoids_an_inset_colorbar(self):
        colorbar_axes = self.ax.inset_axes([0.62, 0.2, 0.05, 0.6])
        self.fig.colorbar(self.scatter, cax=colorbar_axes)
        bar = self.extents([colorbar_axes])[0]
        self.assertTrue(any(overlap(box, bar) for box in self.extents(self.texts)))
        adjustText.adjust_text(self.texts, x=self.x, y=self.y, objects=[colorbar_axes], ax=self.ax)
        self.assert_clear([self.extents([colorbar_axes])[0]])

    def test_arrows_point_back_to_moved_labels(self):
        texts, arrows = adjustText.adjust_text(self.texts, x=self.x, y=self.y, ax=self.ax,
                                               arrowprops=dict(arrowstyle="-", color="gray"))
        self.assert_clear()
        self.assertGreater(len(arrows), 10)
        points = np.column_stack([self.x, self.y])
        for arrow in arrows:
            self.assertIn(arrow, self.ax.texts)
            self.assertIsInstance(arrow.arrow_patch, FancyArrowPatch)
            # each arrow ends on one of the labelled points
            self.assertLess(np.hypot(*(points - np.asarray(arrow.xy)).T).min(), 1e-9)

    def test_only_move_y_keeps_x(self):
        # A vertical stack must fit in the axes: label the 10-point cluster only.
        for text in self.texts[:22]:
            text.remove()
        self.texts, self.x, self.y = self.texts[22:], self.x[22:], self.y[22:]
        self.assertGreater(len(overlapping_pairs(self.extents(self.texts))), 3)
        for only_move in ("y", {"text": "y", "static": "y", "explode": "y", "pull": "y"}):
            with self.subTest(only_move=only_move):
                for text, a, b in zip(self.texts, self.x, self.y):
                    text.set_position((a, b))
                adjustText.adjust_text(self.texts, x=self.x, y=self.y, ax=self.ax, only_move=only_move)
                self.assertEqual([t.get_position()[0] for t in self.texts], list(self.x))
                self.assertTrue(any(t.get_position()[1] != b for t, b in zip(self.texts, self.y)))
                self.assert_clear()

    def test_unknown_and_old_arguments_warn_once_and_still_work(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            adjustText.adjust_text(self.texts, x=self.x, y=self.y, ax=self.ax, expand_points=(1.3, 1.3),
                                   force_points=0.3, lim=300, precision=0.01, autoalign="y",
                                   bogus_option=1)
        messages = [str(w.message) for w in caught if "adjustText" in str(w.message)]
        self.assertEqual(len(messages), 1, messages)
        self.assertIn("bogus_option", messages[0])
        self.assertIn("autoalign", messages[0])
        self.assertNotIn("expand_points", messages[0])
        self.assert_clear()

    def test_marked_as_the_stand_in(self):
        self.assertTrue(adjustText.__deepinsight_fallback__)
        self.assertIsInstance(adjustText.__version__, str)


if __name__ == "__main__":
    unittest.main()
