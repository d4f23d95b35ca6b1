"""DeepInsight's stand-in for adjustText (PyPI only, unreachable from the build machines).

``adjust_text`` moves matplotlib text labels until they overlap neither each other, nor the
points they label, nor given artists (legend, colorbar axes, patches, ...), keeping them inside
the axes, then optionally draws leader arrows back to the labelled points. It takes adjustText
1.x's signature and the 0.8 keywords that agent code still uses, and returns ``(texts,
patches)`` as adjustText 1.x does (``patches``: the arrow annotations drawn). Written from
adjustText's documentation, not its source, so the layouts differ from the real package's.

How: everything is done in display (pixel) coordinates. Each iteration finds the overlapping
pairs (label/label, label/point, label/object) and separates each one along the cheaper axis
(penetration depth divided by the axis's force), splitting a label/label move between both
labels, clipped to the room left inside the axes and to ``only_move``. Labels without
overlaps are pulled back a little towards their points. It stops when an iteration finds no
overlap, or at the iteration/time limit.
"""

import math
import re
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.transforms import Bbox

__version__ = "0.0+deepinsight"
__deepinsight_fallback__ = True
__all__ = ["adjust_text"]

# Gap, in pixels, added to every separation so that a resolved pair does not touch.
_MARGIN = 0.5
# Repulsion settles most labels within a few dozen iterations; the placement pass after it
# handles the rest faster than more iterations would.
_DEFAULT_ITER_LIM = 200
# Rings of candidate spots tested at once by the placement pass.
_RINGS_PER_TRY = 8
# adjustText 0.8 keywords with no effect here, reported in the one warning with unknown names.
_UNSUPPORTED_OLD = {"autoalign", "expand_align", "save_steps", "save_prefix", "save_format",
                    "add_step_numbers", "draggable", "on_basemap"}


def adjust_text(texts, x=None, y=None, objects=None, avoid_self=True, force_text=(0.1, 0.2),
                force_static=(0.1, 0.2), force_pull=(0.01, 0.01), force_explode=(0.1, 0.5),
                expand=(1.05, 1.2), explode_radius="auto", ensure_inside_axes=True,
                expand_axes=False, only_move=None, ax=None, min_arrow_len=5, time_lim=None,
                iter_lim=None, arrowprops=None, *args, **kwargs):
    """Moves ``texts`` (matplotlib Text objects of one axes) so that they do not overlap.

    x, y: data coordinates of points the labels must not cover (e.g. the scatter's points).
    objects: artists (or display-space Bboxes, or a PathCollection whose points are avoided)
        the labels must not cover. avoid_self: also avoid each label's own original position.
    force_text / force_static: per-axis preference for moving along x or y when separating
        labels from labels / from points and objects (the larger, the more that axis is used).
    force_pull: the fraction of its offset by which a label without overlaps moves back
        towards its point each iteration. force_explode / explode_radius: the initial spreading
        of labels whose points lie within explode_radius pixels ('auto': the largest label size).
    expand: (x, y) factors by which label boxes are enlarged for the overlap tests.
    only_move: 'x', 'y', 'xy', '+x', 'y-', ... or a dict with keys 'text', 'static' (also
        0.8's 'points', 'objects'), 'pull', 'explode'.
    min_arrow_len: with ``arrowprops`` (a dict for ``Axes.annotate``), a label whose box lies
        more than this many pixels from its point gets an arrow to it.
    time_lim (s) / iter_lim: stop after this time or number of iterations.

    adjustText 0.8 keywords are mapped: add_objects, expand_text/expand_points/expand_objects,
    force_points/force_objects, lim, avoid_text/avoid_points (text_from_text/text_from_points),
    ha/va. ``precision`` needs nothing: iteration stops only when no overlap is left. 1.x's
    target_x/target_y (where arrows point) and pull_threshold are honoured too. Anything else,
    and expand_axes=True, is ignored with one warning naming it.
    """
    ignored = [f"positional argument {value!r}" for value in args]
    ignored += sorted(name for name in kwargs if name in _UNSUPPORTED_OLD)
    objects = kwargs.pop("add_objects", objects)
    expand_text = _pair(kwargs.pop("expand_text", expand))
    expand_points = _pair(kwargs.pop("expand_points", expand))
    expand_objects = _pair(kwargs.pop("expand_objects", expand))
    force_static = _pair(kwargs.pop("force_points", kwargs.pop("force_objects", force_static)))
    force_text, force_pull, force_explode = _pair(force_text), _pair(force_pull), _pair(force_explode)
    iter_lim = kwargs.pop("lim", iter_lim)
    kwargs.pop("precision", None)
    avoid_text = kwargs.pop("avoid_text", kwargs.pop("text_from_text", True))
    avoid_points = kwargs.pop("avoid_points", kwargs.pop("text_from_points", True))
    horizontal, vertical = kwargs.pop("ha", None), kwargs.pop("va", None)
    target_x, target_y = kwargs.pop("target_x", None), kwargs.pop("target_y", None)
    pull_threshold = float(kwargs.pop("pull_threshold", 10))
    arrowprops = kwargs.pop("arrowprops", arrowprops)
    ignored += sorted(name for name in kwargs if name not in _UNSUPPORTED_OLD)
    if expand_axes:
        ignored.append("expand_axes=True (labels are kept inside the axes instead)")
    if ignored:
        warnings.warn("adjustText stand-in: ignoring unsupported argument(s): " + ", ".join(ignored),
                      stacklevel=2)

    texts = list(texts)
    if not texts:
        return texts, []
    ax = ax or texts[0].axes or plt.gca()
    for text in texts:
        if horizontal is not None:
            text.set_horizontalalignment(horizontal)
        if vertical is not None:
            text.set_verticalalignment(vertical)
    fig = ax.figure
    # A draw settles autoscaled limits, layout engines and legend placement before measuring.
    fig.draw_without_rendering()
    renderer = _renderer(fig)

    anchors = np.array([text.get_transform().transform(text.get_unitless_position()) for text in texts])
    boxes = np.array([_extent(text.get_window_extent(renderer)) for text in texts])
    offsets = boxes - np.tile(anchors, 2)  # each box relative to its text's anchor
    visible = np.array([text.get_visible() and bool(text.get_text()) for text in texts])
    start = anchors.copy()

    points = np.empty((0, 4))
    if avoid_points:
        point_half = plt.rcParams["lines.markersize"] / 2 * fig.dpi / 72
        listed = [_data_points(ax, x, y, point_half)] if x is not None and y is not None else []
        if avoid_self:
            listed.append(np.hstack([start - point_half, start + point_half])[visible])
        listed += [_collection_points(obj, fig.dpi) for obj in _as_list(objects) if isinstance(obj, PathCollection)]
        points = np.vstack(listed) if listed else points
    obstacles = np.array([_extent(box) for box in
                          (_object_extent(obj, renderer) for obj in _as_list(objects)
                           if not isinstance(obj, PathCollection)) if box is not None]).reshape(-1, 4)
    statics = [(points, expand_points), (obstacles, expand_objects)]

    moves = _parse_only_move(only_move)
    frame = _extent(ax.get_window_extent(renderer)) if ensure_inside_axes else None
    positions = anchors.copy()
    if frame is not None:
        positions = _clamp(positions, offsets, frame, moves["text"])
    positions = _explode(positions, offsets, visible, force_explode, explode_radius, moves["explode"], frame)

    limit = int(iter_lim) if iter_lim is not None else _DEFAULT_ITER_LIM
    deadline = time.monotonic() + time_lim if time_lim is not None else math.inf
    iterations = 0
    while iterations < limit and time.monotonic() < deadline:
        iterations += 1
        crowded = np.zeros(len(texts), dtype=bool)
        if avoid_text:
            _separate_texts(positions, offsets, visible, expand_text, force_text, moves["text"], frame, crowded)
        for static, factors in statics:
            if len(static):
                _separate_static(positions, offsets, visible, static, factors, force_static,
                                 moves["static"], frame, crowded)
        if not crowded.any():
            break
        _pull(positions, start, crowded, force_pull, pull_threshold, moves["pull"])
    _place_remaining(positions, offsets, visible, start, expand_text if avoid_text else None,
                     statics, force_text, moves["text"], frame)

    for text, position, anchor in zip(texts, positions, anchors):
        if (position != anchor).any():
            moved = text.get_transform().inverted().transform(position)
            # A coordinate that did not move keeps its exact original value (no round trip).
            text.set_position(tuple(old if same else new for old, new, same
                                    in zip(text.get_position(), moved, position == anchor)))

    patches = []
    if arrowprops is not None:
        targets = _targets(ax, start, target_x, target_y, x, y)
        for text, position, offset, target, shown in zip(texts, positions, offsets, targets, visible):
            box = offset + np.tile(position, 2)
            nearest = np.clip(target, box[:2], box[2:])  # the box's closest point to the target
            if shown and np.hypot(*(target - nearest)) > min_arrow_len:
                to_data = ax.transData.inverted()
                patches.append(ax.annotate("", xy=to_data.transform(target), xycoords="data",
                                           xytext=to_data.transform(nearest), textcoords="data",
                                           arrowprops=dict(arrowprops)))
    return texts, patches


def _pair(value):
    """A scalar or an (x, y) pair as an (x, y) float pair."""
    values = np.atleast_1d(np.asarray(value, dtype=float))
    return (float(values[0]), float(values[-1]))


def _as_list(objects):
    if objects is None:
        return []
    if isinstance(objects, (list, tuple)):
        return list(objects)
    return [objects]


def _extent(bbox):
    return np.array([bbox.x0, bbox.y0, bbox.x1, bbox.y1], dtype=float)


def _renderer(fig):
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    return get_renderer() if get_renderer is not None else fig._get_renderer()


def _to_display(ax, x, y):
    """Display coordinates of points given in data coordinates (units such as dates converted)."""
    xs = np.asarray(ax.xaxis.convert_units(np.asarray(x)), dtype=float).ravel()
    ys = np.asarray(ax.yaxis.convert_units(np.asarray(y)), dtype=float).ravel()
    return ax.transData.transform(np.column_stack([xs, ys]))


def _data_points(ax, x, y, half):
    """Boxes of half-size ``half`` pixels around the points (x, y) given in data coordinates."""
    centres = _to_display(ax, x, y)
    centres = centres[np.isfinite(centres).all(axis=1)]
    return np.hstack([centres - half, centres + half])


def _collection_points(collection, dpi):
    """Boxes around a scatter's markers, sized from the marker areas (points squared)."""
    centres = collection.get_offset_transform().transform(collection.get_offsets())
    sizes = np.broadcast_to(np.asarray(collection.get_sizes(), dtype=float) if len(collection.get_sizes())
                            else np.array([plt.rcParams["lines.markersize"] ** 2]), (len(centres),))
    half = (np.sqrt(sizes) / 2 * dpi / 72)[:, None]
    keep = np.isfinite(centres).all(axis=1)
    return np.hstack([centres - half, centres + half])[keep]


def _object_extent(obj, renderer):
    """The display-space box of an artist to avoid (a Bbox is taken as already in pixels)."""
    if isinstance(obj, Bbox):
        return obj
    extent = obj.get_window_extent(renderer)
    if extent is None or not np.isfinite(_extent(extent)).all() or extent.width <= 0 or extent.height <= 0:
        return None
    return extent


def _parse_only_move(only_move):
    """{'text'|'static'|'pull'|'explode': {'x': signs, 'y': signs}}, signs a subset of {-1, +1}."""
    if only_move is None:
        only_move = {}
    if isinstance(only_move, str):
        only_move = {key: only_move for key in ("text", "static", "pull", "explode")}
    only_move = dict(only_move)
    for old in ("points", "objects"):
        if old in only_move:
            only_move.setdefault("static", only_move.pop(old))
    parsed = {}
    for key in ("text", "static", "pull", "explode"):
        spec = str(only_move.get(key, "xy")).replace(" ", "")
        allowed = {"x": set(), "y": set()}
        for before, axis, after in re.findall(r"([+-]?)([xy])([+-]?)", spec):
            sign = before or after
            allowed[axis] |= {1, -1} if not sign else {1 if sign == "+" else -1}
        parsed[key] = allowed
    return parsed


def _room(box, axis, sign, frame):
    """Pixels the box can move along axis (0 x, 1 y) in direction sign before leaving the frame."""
    if frame is None:
        return math.inf
    return max(0.0, frame[axis + 2] - box[axis + 2]) if sign > 0 else max(0.0, box[axis] - frame[axis])


def _clamp(positions, offsets, frame, allowed):
    """Moves labels lying partly outside the axes back inside, along the allowed axes."""
    positions = positions.copy()
    for i, offset in enumerate(offsets):
        for axis in (0, 1):
            if not allowed["xy"[axis]]:
                continue
            low, high = offset[axis] + positions[i, axis], offset[axis + 2] + positions[i, axis]
            if high - low >= frame[axis + 2] - frame[axis]:
                positions[i, axis] += (frame[axis] + frame[axis + 2]) / 2 - (low + high) / 2
            elif low < frame[axis]:
                positions[i, axis] += frame[axis] - low
            elif high > frame[axis + 2]:
                positions[i, axis] -= high - frame[axis + 2]
    return positions


def _expanded(box, factors):
    centre_x, centre_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    half_w, half_h = (box[2] - box[0]) * factors[0] / 2, (box[3] - box[1]) * factors[1] / 2
    return np.array([centre_x - half_w, centre_y - half_h, centre_x + half_w, centre_y + half_h])


def _boxes(positions, offsets):
    return offsets + np.hstack([positions, positions])


def _explode(positions, offsets, visible, force, radius, allowed, frame):
    """Spreads labels whose anchors lie within ``radius`` pixels of each other away from one
    another, so that labels stacked on one spot do not all start from the same place."""
    if radius == "auto":
        sizes = np.hypot(offsets[:, 2] - offsets[:, 0], offsets[:, 3] - offsets[:, 1])
        radius = float(sizes[visible].max()) if visible.any() else 0.0
    radius = float(radius)
    positions = positions.copy()
    if radius <= 0:
        return positions
    shift = np.zeros_like(positions)
    golden = math.pi * (3 - math.sqrt(5))
    for i in np.flatnonzero(visible):
        delta = positions[i] - positions
        distance = np.hypot(delta[:, 0], delta[:, 1])
        close = visible & (distance < radius)
        close[i] = False
        if not close.any():
            continue
        # Coinciding anchors get distinct, deterministic directions (multiples of the golden angle).
        own = np.array([math.cos(golden * i), math.sin(golden * i)])
        direction = np.where(distance[:, None] > 1e-9, delta / np.maximum(distance, 1e-9)[:, None], own)
        push = (direction * (1 - distance / radius)[:, None])[close].sum(axis=0)
        norm = np.hypot(*push)
        shift[i] = push / norm * radius * np.array(force) if norm > 0 else own * radius * np.array(force)
    for axis, name in ((0, "x"), (1, "y")):
        usable = np.isin(np.sign(shift[:, axis]), list(allowed[name]))
        shift[:, axis] = np.where(usable, shift[:, axis], 0.0)
    positions += shift
    return positions if frame is None else _clamp(positions, offsets, frame, allowed)


def _separate_texts(positions, offsets, visible, factors, force, allowed, frame, crowded):
    """Separates every overlapping pair of labels, Gauss-Seidel style (positions updated in place)."""
    boxes = _grown(_boxes(positions, offsets), factors)
    overlap_x = np.minimum(boxes[:, None, 2], boxes[None, :, 2]) - np.maximum(boxes[:, None, 0], boxes[None, :, 0])
    overlap_y = np.minimum(boxes[:, None, 3], boxes[None, :, 3]) - np.maximum(boxes[:, None, 1], boxes[None, :, 1])
    pairs = np.argwhere(np.triu((overlap_x > 0) & (overlap_y > 0), k=1) & visible[:, None] & visible[None, :])
    for i, j in pairs:
        box_i = _expanded(offsets[i] + np.tile(positions[i], 2), factors)
        box_j = _expanded(offsets[j] + np.tile(positions[j], 2), factors)
        depth = np.minimum(box_i[2:], box_j[2:]) - np.maximum(box_i[:2], box_j[:2])
        if (depth <= 0).any():
            continue  # already separated by an earlier move in this pass
        crowded[[i, j]] = True
        centre_i, centre_j = (box_i[:2] + box_i[2:]) / 2, (box_j[:2] + box_j[2:]) / 2
        for axis in sorted((0, 1), key=lambda a: depth[a] / force[a]):
            # i goes to the side it already leans to; exact ties split by index.
            sign_i = -1 if centre_i[axis] < centre_j[axis] or (centre_i[axis] == centre_j[axis] and i < j) else 1
            name = "xy"[axis]
            room_i = _room(offsets[i] + np.tile(positions[i], 2), axis, sign_i, frame) if sign_i in allowed[name] else 0.0
            room_j = _room(offsets[j] + np.tile(positions[j], 2), axis, -sign_i, frame) if -sign_i in allowed[name] else 0.0
            needed = depth[axis] + _MARGIN
            if room_i + room_j < needed:
                continue  # not enough room along this axis: try the other one
            move_i = min(room_i, max(needed / 2, needed - room_j))
            positions[i, axis] += sign_i * move_i
            positions[j, axis] -= sign_i * (needed - move_i)
            break


def _separate_static(positions, offsets, visible, static, factors, force, allowed, frame, crowded):
    """Moves each label off the fixed boxes (points, objects) it overlaps: along the allowed
    direction that clears all of them at the lowest cost (distance divided by the axis force)."""
    boxes = _grown(_boxes(positions, offsets), factors)
    for i in np.flatnonzero(visible):
        box = boxes[i]
        hits = static[(np.minimum(box[2], static[:, 2]) > np.maximum(box[0], static[:, 0]))
                      & (np.minimum(box[3], static[:, 3]) > np.maximum(box[1], static[:, 1]))]
        if not len(hits):
            continue
        crowded[i] = True
        plain = offsets[i] + np.tile(positions[i], 2)
        options = []
        for axis in (0, 1):
            for sign in allowed["xy"[axis]]:
                if sign > 0:
                    distance = (hits[:, axis + 2] - box[axis]).max() + _MARGIN
                else:
                    distance = (box[axis + 2] - hits[:, axis]).max() + _MARGIN
                if distance <= _room(plain, axis, sign, frame):
                    options.append((distance / force[axis], axis, sign * distance))
        if options:
            _, axis, move = min(options)
            positions[i, axis] += move


def _grown(boxes, factors):
    """Boxes (k, 4) scaled about their centres by factors (x, y)."""
    centres = (boxes[:, :2] + boxes[:, 2:]) / 2
    halves = (boxes[:, 2:] - boxes[:, :2]) * np.asarray(factors) / 2
    return np.hstack([centres - halves, centres + halves])


class _Grid:
    """Counts of boxes over a display-space raster, as a summed-area table, so that "how much
    box lies under this rectangle" costs four look-ups per candidate. Boxes are rounded outwards
    to whole cells, so a rectangle found empty here is empty in exact coordinates too."""

    def __init__(self, area, boxes):
        self.origin = np.array(area[:2])
        width, height = area[2] - area[0], area[3] - area[1]
        self.cell = max(1.0, math.sqrt(width * height / 1e6))  # at most about a million cells
        self.size = np.array([math.ceil(width / self.cell) + 1, math.ceil(height / self.cell) + 1])
        self.boxes = boxes.copy()
        self._build()

    def cells(self, boxes):
        low = np.floor((boxes[:, :2] - self.origin) / self.cell)
        high = np.ceil((boxes[:, 2:] - self.origin) / self.cell)
        return np.clip(low, 0, self.size).astype(int), np.clip(high, 0, self.size).astype(int)

    def _build(self):
        low, high = self.cells(self.boxes)
        corners = np.zeros((self.size[1] + 1, self.size[0] + 1), dtype=np.int64)
        for (cx, cy), sign in (((low[:, 0], low[:, 1]), 1), ((high[:, 0], low[:, 1]), -1),
                               ((low[:, 0], high[:, 1]), -1), ((high[:, 0], high[:, 1]), 1)):
            np.add.at(corners, (cy, cx), sign)
        coverage = corners.cumsum(axis=0).cumsum(axis=1)[:-1, :-1]
        self.table = np.zeros((self.size[1] + 1, self.size[0] + 1), dtype=np.int64)
        self.table[1:, 1:] = coverage.cumsum(axis=0).cumsum(axis=1)

    def replace(self, index, box):
        """Moves one box: the table changes by the old box's and the new box's area terms."""
        for rectangle, sign in ((self.boxes[index], -1), (box, 1)):
            (x0, y0), (x1, y1) = (part[0] for part in self.cells(rectangle[None, :]))
            across = np.clip(np.minimum(np.arange(self.size[0] + 1), x1) - x0, 0, None)
            down = np.clip(np.minimum(np.arange(self.size[1] + 1), y1) - y0, 0, None)
            self.table += sign * np.outer(down, across)
        self.boxes[index] = box

    def covered(self, boxes):
        """Cell-area of the grid's boxes under each rectangle (k, 4), counted with multiplicity."""
        (x0, y0), (x1, y1) = (part.T for part in self.cells(boxes))
        table = self.table
        return table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0]

    def shared(self, boxes, box):
        """Cell-area each rectangle shares with one of the grid's boxes (to discount a label itself)."""
        (x0, y0), (x1, y1) = (part.T for part in self.cells(boxes))
        (bx0, by0), (bx1, by1) = (part[0] for part in self.cells(box[None, :]))
        return (np.clip(np.minimum(x1, bx1) - np.maximum(x0, bx0), 0, None)
                * np.clip(np.minimum(y1, by1) - np.maximum(y0, by0), 0, None))


def _overlaps(i, positions, offsets, visible, text_factors, statics):
    """Whether label i overlaps another label, a point or an object now (exact coordinates)."""
    box = offsets[i] + np.tile(positions[i], 2)
    others = visible.copy()
    others[i] = False
    fixed = [(statics_boxes, factors) for statics_boxes, factors in statics if len(statics_boxes)]
    if text_factors is not None and others.any():
        fixed.append((_grown(_boxes(positions[others], offsets[others]), text_factors), text_factors))
    for boxes, factors in fixed:
        grown = _grown(box[None, :], factors)[0]
        if ((np.minimum(grown[2], boxes[:, 2]) > np.maximum(grown[0], boxes[:, 0]))
                & (np.minimum(grown[3], boxes[:, 3]) > np.maximum(grown[1], boxes[:, 1]))).any():
            return True
    return False


def _place_remaining(positions, offsets, visible, start, text_factors, statics, force, allowed, frame):
    """Puts each label that still overlaps something on the free spot nearest its original
    position: candidates on rings of growing radius around it, along the allowed directions
    only; the smallest ring with a free spot wins, and within it the spot cheapest by force."""
    labels = _boxes(positions, offsets)
    everything = np.vstack([labels, *[static for static, _ in statics if len(static)]])
    if frame is not None:
        area = frame
    else:  # unbounded: room around everything, as far again as it spans
        low, high = everything[:, :2].min(axis=0), everything[:, 2:].max(axis=0)
        area = np.concatenate([low - (high - low), high + (high - low)])
    reach = math.hypot(area[2] - area[0], area[3] - area[1])
    grids = [(_Grid(area, static), factors) for static, factors in statics if len(static)]
    text_grid = None
    if text_factors is not None:
        hidden = _grown(labels, text_factors)
        hidden[~visible] = np.tile(area[:2], 2)  # invisible labels take no room
        text_grid = _Grid(area, hidden)
    for i in np.flatnonzero(visible):
        if not _overlaps(i, positions, offsets, visible, text_factors, statics):
            continue
        step = max(2.0, (offsets[i, 3] - offsets[i, 1]) / 2)
        for first in np.arange(step, reach + step, _RINGS_PER_TRY * step):
            best = _free_spot(i, first, step, start, offsets, allowed, force, frame, grids, text_grid, text_factors)
            if best is not None:
                positions[i] = best
                break
        else:
            continue  # nowhere free: the label stays where repulsion left it
        if text_grid is not None:
            box = offsets[i] + np.tile(positions[i], 2)
            text_grid.replace(i, _grown(box[None, :], text_factors)[0])


def _free_spot(i, first, step, start, offsets, allowed, force, frame, grids, text_grid, text_factors):
    """The best free anchor for label i on the rings of radius first, first + step, ... around
    its original position (smallest ring first, then lowest cost), or None."""
    shifts = []
    for radius in first + step * np.arange(_RINGS_PER_TRY):
        # A multiple of 4 so that the pure up/down/left/right directions are among the angles.
        count = 4 * math.ceil(max(8.0, 2 * math.pi * radius / step) / 4)
        angles = math.pi / 2 + 2 * math.pi * np.arange(count) / count
        shifts.append(radius * np.column_stack([np.cos(angles), np.sin(angles)]))
    shifts = np.vstack(shifts)
    shifts[np.abs(shifts) < 1e-6] = 0.0
    for axis, name in ((0, "x"), (1, "y")):
        shifts = shifts[(shifts[:, axis] == 0) | np.isin(np.sign(shifts[:, axis]), list(allowed[name]))]
    candidates = start[i] + shifts
    boxes = offsets[i] + np.hstack([candidates, candidates])
    free = np.ones(len(boxes), dtype=bool)
    if frame is not None:
        free &= (boxes[:, :2] >= frame[:2]).all(axis=1) & (boxes[:, 2:] <= frame[2:]).all(axis=1)
    for grid, factors in grids:
        free &= grid.covered(_grown(boxes, factors)) == 0
    if text_grid is not None:
        grown = _grown(boxes, text_factors)
        free &= text_grid.covered(grown) - text_grid.shared(grown, text_grid.boxes[i]) == 0
    if not free.any():
        return None
    radii = np.round(np.hypot(shifts[:, 0], shifts[:, 1]) / step)
    cost = np.abs(shifts) @ (1 / np.asarray(force))
    return candidates[np.flatnonzero(free)[np.lexsort((cost[free], radii[free]))[0]]]


def _pull(positions, start, crowded, force, threshold, allowed):
    """Draws the labels that have no overlap this iteration back towards their points."""
    delta = start - positions
    far = ~crowded & (np.hypot(delta[:, 0], delta[:, 1]) > threshold)
    for axis, name in ((0, "x"), (1, "y")):
        step = delta[:, axis] * force[axis]
        usable = far & np.isin(np.sign(step), list(allowed[name]))
        positions[usable, axis] += step[usable]


def _targets(ax, start, target_x, target_y, x, y):
    """Display points the arrows go to: target_x/y, else x/y when one per label, else the
    labels' original positions."""
    if target_x is not None and target_y is not None:
        return _to_display(ax, target_x, target_y)
    if x is not None and y is not None and np.size(x) == len(start) and np.size(y) == len(start):
        return _to_display(ax, x, y)
    return start
