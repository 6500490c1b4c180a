"""Calm, flat illustrations for demo content, drawn with Pillow alone.

The demo site needs a picture for every news item and page, but shipping photos
would mean licences and megabytes in the repository. Instead each picture is a
small vector-style scene (sea, the Caucasus ridge, city blocks, tea terraces...)
drawn from polygons and ellipses. A seeded ``random.Random`` varies the layout and
the palette slightly, so the same ``(theme, seed, size)`` always gives the same
bytes while twenty pictures on one page still look different.

Scenes are drawn at twice the requested size and averaged down 2x2 with
``Image.reduce``: smooth edges, although ``ImageDraw`` itself does no anti-aliasing,
and several times faster than a LANCZOS resize of the same image.
"""

from __future__ import annotations

import io
import itertools
import math
import random
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw

Color = tuple[int, int, int]
Point = tuple[float, float]
Fill = Color | tuple[int, int, int, int]

_SUPERSAMPLE = 2
_JPEG_QUALITY = 85
_DEFAULT_THEME = "sea"
DEFAULT_SIZE = (1200, 675)

# Lighting moods shared by all scenes: sky top, sky near the horizon, sun.
_SKIES: tuple[dict[str, Color], ...] = (
    {"top": (126, 178, 214), "low": (222, 236, 240), "sun": (255, 248, 222)},
    {"top": (143, 180, 214), "low": (246, 222, 200), "sun": (255, 240, 208)},
    {"top": (116, 150, 196), "low": (244, 204, 168), "sun": (255, 226, 176)},
)


def _mix(a: Color, b: Color, t: float) -> Color:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _alpha(color: Color, opacity: float) -> tuple[int, int, int, int]:
    return (*color, round(255 * opacity))


class _Scene:
    """A supersampled canvas with the seeded generator and the chosen sky."""

    def __init__(self, size: tuple[int, int], rng: random.Random) -> None:
        self.w = max(1, size[0]) * _SUPERSAMPLE
        self.h = max(1, size[1]) * _SUPERSAMPLE
        self.rng = rng
        self.sky = rng.choice(_SKIES)
        self.img = Image.new("RGB", (self.w, self.h), self.sky["low"])
        self.draw = ImageDraw.Draw(self.img)
        # Blending is several times slower, so only translucent shapes go through it.
        self.glaze = ImageDraw.Draw(self.img, "RGBA")

    def tint(self, color: Color, amount: int = 10) -> Color:
        """Shift a colour a little, so palettes vary between seeds."""
        shift = self.rng.randint(-amount, amount)
        return (
            max(0, min(255, color[0] + shift + self.rng.randint(-3, 3))),
            max(0, min(255, color[1] + shift + self.rng.randint(-3, 3))),
            max(0, min(255, color[2] + shift + self.rng.randint(-3, 3))),
        )

    def gradient(self, top: float, bottom: float, stops: Sequence[Color]) -> None:
        """Fill the band between two relative heights with a vertical gradient."""
        y0, y1 = round(top * self.h), round(bottom * self.h)
        height = max(1, y1 - y0)
        column = []
        for i in range(height):
            pos = i / max(1, height - 1) * (len(stops) - 1)
            k = min(int(pos), len(stops) - 2) if len(stops) > 1 else 0
            column.append(_mix(stops[k], stops[min(k + 1, len(stops) - 1)], pos - k))
        band = Image.new("RGB", (1, height))
        band.putdata(column)
        self.img.paste(band.resize((self.w, height), Image.Resampling.NEAREST), (0, y0))

    def sky_and_sun(self, horizon: float, sun_at: Point | None = None) -> Point:
        """Sky gradient down to ``horizon``, a haloed sun and a few clouds."""
        self.gradient(0, horizon, (self.sky["top"], self.sky["low"]))
        fx, fy = sun_at or (self.rng.uniform(0.15, 0.85), self.rng.uniform(0.14, 0.28))
        sx, sy, r = fx * self.w, fy * self.h, self.h * 0.06
        for ring in range(14, 0, -1):
            self.disc(sx, sy, r * (1 + ring * 0.16), _alpha(self.sky["sun"], 0.045))
        self.disc(sx, sy, r, self.sky["sun"])
        for _ in range(self.rng.randint(1, 3)):
            self.cloud(self.rng.uniform(0.05, 0.95), self.rng.uniform(0.08, horizon * 0.45))
        return sx, sy

    def cloud(self, fx: float, fy: float) -> None:
        x, y, s = fx * self.w, fy * self.h, self.h * self.rng.uniform(0.035, 0.055)
        fill = _alpha((255, 255, 255), 0.75)
        self.glaze.rounded_rectangle(
            (x - 3 * s, y - s * 0.7, x + 3 * s, y + s * 0.7), s * 0.7, fill
        )
        for dx, r in ((-1.3, 1.1), (0.2, 1.6), (1.6, 1.0)):
            cx, cy = x + dx * s, y - s * 0.2
            self.glaze.ellipse((cx - r * s, cy - r * s, cx + r * s, cy + s * 0.7), fill)

    def ridge(self, base: float, amp: float, roughness: float = 0.5) -> list[Point]:
        """A mountain ridge line by midpoint displacement, ``base``/``amp`` relative."""
        n = 128
        heights = [0.0] * (n + 1)
        heights[0], heights[n] = self.rng.random(), self.rng.random()
        step, scale = n, 1.0
        while step > 1:
            half = step // 2
            for i in range(half, n, step):
                mid = (heights[i - half] + heights[i + half]) / 2
                heights[i] = mid + self.rng.uniform(-scale, scale)
            step, scale = half, scale * roughness
        lo, hi = min(heights), max(heights)
        return [
            (i / n * self.w, (base - amp * (v - lo) / (hi - lo or 1)) * self.h)
            for i, v in enumerate(heights)
        ]

    def disc(self, cx: float, cy: float, rx: float, fill: Fill, ry: float | None = None) -> None:
        ry = rx if ry is None else ry
        draw = self.glaze if len(fill) == 4 else self.draw
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill)

    def fill_below(self, line: Sequence[Point], color: Color) -> None:
        self.draw.polygon([*line, (self.w, self.h), (0, self.h)], fill=color)

    def mountains(
        self, base: float, layers: int, far: Color, near: Color, scale: float = 1.0
    ) -> None:
        """Layered ranges, lighter with distance; snow on the farthest one."""
        for k in range(layers):
            t = k / max(1, layers - 1)
            amp = (0.26 - 0.13 * t) * scale
            line = self.ridge(base - 0.1 * (1 - t) * scale, amp, 0.55 - 0.1 * t)
            self.fill_below(line, _mix(far, near, t))
            if k == 0:
                peak = min(y for _, y in line)
                self.snow(line, peak + amp * self.h * 0.16, _mix(far, (255, 255, 255), 0.7))

    def snow(self, line: Sequence[Point], y_line: float, color: Color) -> None:
        cap: list[Point] = []
        for (x0, y0), (x1, y1) in itertools.pairwise(line):
            if y0 < y_line:
                cap.append((x0, y0))
            if (y0 < y_line) != (y1 < y_line):
                cross = x0 + (x1 - x0) * (y_line - y0) / (y1 - y0)
                cap.append((cross, y_line))
                if y1 >= y_line and len(cap) > 2:
                    self._snow_cap(cap, y_line, color)
                    cap = []

    def _snow_cap(self, cap: list[Point], y_line: float, color: Color) -> None:
        start, end = cap[0][0], cap[-1][0]
        if end - start < self.h * 0.05:
            return  # a speck of snow reads as a glitch, not as a peak
        teeth = max(2, int((end - start) / (self.h * 0.025)))
        jagged = [
            (
                end - (end - start) * (i + self.rng.uniform(-0.3, 0.3)) / teeth,
                y_line + (self.h * self.rng.uniform(0.006, 0.022) if i % 2 else 0),
            )
            for i in range(1, teeth)
        ]
        self.draw.polygon([*cap, *jagged], fill=color)

    def bezier(self, p0: Point, p1: Point, p2: Point, steps: int = 20) -> list[Point]:
        return [
            (
                (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0],
                (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1],
            )
            for t in (i / steps for i in range(steps + 1))
        ]

    def ribbon(self, spine: Sequence[Point], width: Callable[[float], float], color: Color) -> None:
        """A tapering band along a polyline: palm trunks and fronds."""
        left, right = [], []
        for i, (x, y) in enumerate(spine):
            a, b = spine[max(0, i - 1)], spine[min(len(spine) - 1, i + 1)]
            dx, dy = b[0] - a[0], b[1] - a[1]
            norm = math.hypot(dx, dy) or 1
            half = width(i / (len(spine) - 1)) / 2
            left.append((x - dy / norm * half, y + dx / norm * half))
            right.append((x + dy / norm * half, y - dx / norm * half))
        self.draw.polygon(left + right[::-1], fill=color)

    def palm(self, x: float, ground: float, height: float, color: Color) -> None:
        lean = self.rng.uniform(-0.18, 0.18) * height
        top = (x + lean, ground - height)
        trunk = self.bezier((x, ground), (x + lean * 0.1, ground - height * 0.6), top)
        self.ribbon(trunk, lambda t: height * (0.06 - 0.03 * t), color)
        fronds = self.rng.choice((6, 8))  # even, so no frond points straight up
        for i in range(fronds):
            angle = math.pi * (-0.5 + (i / (fronds - 1) - 0.5) * 1.5) + self.rng.uniform(
                -0.08, 0.08
            )
            cos, sin, side = math.cos(angle), math.sin(angle), abs(math.cos(angle))
            length = height * self.rng.uniform(0.36, 0.46) * (0.75 + 0.25 * side)
            ctrl = (top[0] + cos * length * 0.6, top[1] + (sin * 0.5 - 0.22 * side) * length)
            tip = (top[0] + cos * length, top[1] + (sin * 0.4 + 0.45 * side) * length)
            frond = self.bezier(top, ctrl, tip, 16)
            self.ribbon(frond, lambda t, s=length: s * 0.16 * math.sin(math.pi * t) ** 0.7, color)

    def cypress(self, x: float, ground: float, height: float, color: Color) -> None:
        half_width = height * self.rng.uniform(0.055, 0.075)
        outline = []
        for i in range(25):
            t = i / 24
            outline.append(
                (half_width * (1 - t) ** 0.75 * min(1.0, 0.55 + t * 5), ground - height * t)
            )
        left = [(x - dx, y) for dx, y in outline]
        self.draw.polygon(left + [(x + dx, y) for dx, y in reversed(outline)], fill=color)

    def round_tree(self, x: float, ground: float, height: float, leaf: Color) -> None:
        half_trunk = height * 0.04
        self.draw.rectangle(
            (x - half_trunk, ground - height * 0.5, x + half_trunk, ground),
            _mix(leaf, (80, 60, 45), 0.6),
        )
        r, blobs = height * 0.3, ((0.0, 0.72, 1.0), (-0.55, 0.55, 0.7), (0.55, 0.58, 0.72))
        # A darker disc under each lighter one leaves a shaded rim at the lower right.
        for colour, shrink, shift in ((_mix(leaf, (20, 40, 35), 0.25), 1.0, 0), (leaf, 0.88, 0.1)):
            for dx, dy, k in blobs:
                cx, cy = x + dx * r * 1.2 - r * shift * k, ground - dy * height - r * shift * k
                self.disc(cx, cy, r * k * shrink, colour)

    def fir(self, x: float, ground: float, height: float, color: Color) -> None:
        for tier in range(3):
            top = ground - height * (1 - tier * 0.22)
            bottom = ground - height * (0.45 - tier * 0.2)
            half = height * 0.45 * (0.3 + tier * 0.2)
            self.draw.polygon([(x, top), (x + half, bottom), (x - half, bottom)], fill=color)

    def building(self, x: float, ground: float, w: float, h: float, wall: Color, roof: str) -> None:
        d, top = self.draw, ground - h
        d.rectangle((x, top, x + w, ground), wall)
        window, pitch = _mix(wall, (70, 100, 130), 0.45), self.h * 0.032
        cols, rows = max(1, int(w / pitch) - 1), max(1, int((h - pitch) / pitch))
        gap = (w - cols * pitch) / 2
        for c, r in itertools.product(range(cols), range(rows)):
            wx, wy = x + gap + (c + 0.25) * pitch, top + (r + 0.8) * pitch
            d.rectangle((wx, wy, wx + pitch * 0.5, wy + pitch * 0.55), window)
        if roof == "pitched":
            tile = self.rng.choice(((196, 112, 86), (176, 98, 80), (205, 128, 96)))
            d.polygon([(x - w * 0.05, top), (x + w / 2, top - w * 0.28), (x + w * 1.05, top)], tile)
        elif roof == "spire":  # a nod to the spire of the Sochi sea terminal
            tower, tx = w * 0.3, x + w * 0.35
            d.rectangle((tx, top - tower * 1.6, tx + tower, top), wall)
            d.rectangle((tx, top - tower * 1.6, tx + tower, top - tower * 1.5), window)
            spire = [(tx, top - tower * 1.6), (tx + tower / 2, top - tower * 4)]
            d.polygon([*spire, (tx + tower, top - tower * 1.6)], (222, 186, 110))
        else:
            cornice = _mix(wall, (60, 60, 60), 0.2)
            d.rectangle((x - w * 0.03, top - self.h * 0.008, x + w * 1.03, top + 2), cornice)


def _scene_sea(s: _Scene) -> None:
    horizon = s.rng.uniform(0.52, 0.6)
    sun_x, _ = s.sky_and_sun(horizon)
    level = horizon * s.h
    cape = s.ridge(horizon + 0.005, s.rng.uniform(0.12, 0.18), 0.45)
    cape = [(x, max(y, level - (level - y) * (1 - x / s.w) ** 1.5)) for x, y in cape]
    if s.rng.random() < 0.5:
        cape = [(s.w - x, y) for x, y in reversed(cape)]
    s.fill_below(cape, s.tint((150, 170, 190)))
    far = s.tint((120, 178, 204))
    s.gradient(horizon, 1, (far, s.tint((40, 110, 150))))
    foam = _alpha(_mix(far, (255, 255, 255), 0.55), 0.55)
    for _ in range(40):  # wave strokes, denser and thinner towards the horizon
        t = s.rng.random() ** 1.6
        x, y = s.rng.uniform(-0.05, 1) * s.w, level + (s.h - level) * t
        length, thick = s.w * (0.02 + 0.08 * t), s.h * (0.002 + 0.004 * t)
        s.glaze.rounded_rectangle((x, y, x + length, y + thick), thick / 2, foam)
    for i in range(9):  # the sun's path on the water
        y, half = (
            level + s.h * (0.012 + i * 0.03),
            s.w * (0.02 + i * 0.008) * s.rng.uniform(0.7, 1.1),
        )
        glint = _alpha(s.sky["sun"], 0.45 - i * 0.04)
        s.glaze.rounded_rectangle(
            (sun_x - half, y, sun_x + half, y + s.h * 0.006), s.h * 0.003, glint
        )
    if s.rng.random() < 0.7:
        bx, by, u = s.rng.uniform(0.3, 0.7) * s.w, level + s.h * 0.05, s.h * 0.01
        s.draw.polygon([(bx, by - 7 * u), (bx, by), (bx + 4.5 * u, by)], (250, 248, 240))
        hull = [(bx - 3 * u, by + 2), (bx + 6 * u, by + 2), (bx + 5 * u, by + 1.2 * u)]
        s.draw.polygon([*hull, (bx - 2 * u, by + 1.2 * u)], (70, 90, 110))
    sand, left = s.tint((236, 214, 170)), s.rng.random() < 0.5
    shore = s.bezier((0, 0.9 * s.h), (0.5 * s.w, (0.8 if left else 1.0) * s.h), (s.w, 0.95 * s.h))
    s.fill_below(shore, sand)
    s.glaze.line(shore, fill=_alpha((255, 255, 255), 0.6), width=round(s.h * 0.006))
    px = s.rng.uniform(0.06, 0.2) if left else s.rng.uniform(0.8, 0.94)
    dark = s.tint((52, 86, 80))
    s.palm(px * s.w, 0.99 * s.h, s.h * 0.55, dark)
    s.palm((px + (0.07 if left else -0.07)) * s.w, s.h, s.h * 0.4, _mix(dark, sand, 0.15))


def _scene_mountains(s: _Scene) -> None:
    s.sky_and_sun(0.8)
    far, near = s.tint((168, 182, 206)), s.tint((62, 106, 92))
    s.mountains(0.62, 4, far, _mix(near, far, 0.25))
    fill = _mix(near, (30, 50, 45), 0.3)
    forest = s.ridge(0.86, 0.1, 0.4)
    s.fill_below(forest, fill)
    for _ in range(24):
        x = s.rng.random() * s.w
        ground = min(y for px, y in forest if abs(px - x) < s.w / 64 + 1) + s.h * 0.02
        s.fir(x, ground, s.h * s.rng.uniform(0.08, 0.16), fill)


def _scene_city(s: _Scene) -> None:
    s.sky_and_sun(0.7)
    s.mountains(0.6, 2, s.tint((170, 184, 204)), s.tint((128, 158, 150)), 0.75)
    walls = ((244, 234, 216), (236, 214, 186), (226, 196, 170), (240, 226, 196), (214, 196, 180))
    x, spire_at = -s.w * 0.02, s.rng.randint(2, 5)
    for index in itertools.count():
        if x >= s.w:
            break
        w, h = s.w * s.rng.uniform(0.07, 0.13), s.h * s.rng.uniform(0.12, 0.3)
        roof = "spire" if index == spire_at else s.rng.choice(("flat", "flat", "pitched"))
        s.building(x, 0.8 * s.h, w, h, s.tint(s.rng.choice(walls), 6), roof)
        x += w + s.w * s.rng.uniform(0.005, 0.02)
    s.gradient(0.8, 1, (s.tint((120, 160, 110)), s.tint((96, 140, 96))))
    green = s.tint((70, 118, 86))
    for _ in range(9):
        y = s.h * s.rng.uniform(0.86, 0.9)
        s.round_tree(s.rng.random() * s.w, y, s.h * 0.16, s.tint(green, 8))
    s.draw.rectangle((0, 0.93 * s.h, s.w, s.h), s.tint((222, 210, 190)))
    for fx in (0.07, 0.93):
        s.palm((fx + s.rng.uniform(-0.03, 0.03)) * s.w, s.h, s.h * 0.45, s.tint((56, 90, 78)))


def _scene_park(s: _Scene) -> None:
    s.sky_and_sun(0.62)
    s.mountains(0.58, 2, s.tint((172, 186, 206)), s.tint((140, 170, 150)), 0.75)
    s.fill_below(s.ridge(0.64, 0.05, 0.35), s.tint((146, 184, 112)))
    s.fill_below(s.ridge(0.72, 0.04, 0.35), s.tint((124, 168, 98)))
    vx, bend = s.rng.uniform(0.4, 0.6) * s.w, s.rng.choice((-1, 1)) * s.w * 0.1
    path = s.bezier((vx, 0.7 * s.h), (vx + bend, 0.86 * s.h), (vx - bend * 0.6, 1.05 * s.h), 30)
    s.ribbon(path, lambda t: s.w * (0.012 + 0.2 * t**1.6), s.tint((232, 216, 186)))

    def path_x(y: float) -> float:
        return min(path, key=lambda p: abs(p[1] - y))[0]

    seat = s.rng.uniform(0.8, 0.84) * s.h
    bench = path_x(seat) + s.w * s.rng.choice((-0.13, 0.06))
    trees = [(s.rng.random() * s.w, s.rng.uniform(0.68, 0.98)) for _ in range(12)]
    # Far to near, so nearer things overlap farther ones; the bench takes its turn too.
    for x, fy in sorted([*trees, (-1.0, seat / s.h)], key=lambda p: p[1]):
        if x < 0:
            _bench(s, bench, seat)
        elif abs(x - path_x(fy * s.h)) > s.w * (0.04 + 0.3 * (fy - 0.68)) and (
            abs(x - bench) > s.w * 0.08
        ):
            size = s.h * (0.14 + 0.5 * (fy - 0.68))
            if s.rng.random() < 0.3:
                s.cypress(x, fy * s.h, size * 1.6, s.tint((52, 98, 76)))
            else:
                s.round_tree(x, fy * s.h, size, s.tint((84, 142, 92), 12))


def _bench(s: _Scene, x: float, ground: float) -> None:
    wood, w, u = (126, 92, 66), s.w * 0.07, s.h * 0.012
    s.draw.rectangle((x, ground - 4.2 * u, x + w, ground - 3.2 * u), wood)
    s.draw.rectangle((x, ground - 2.4 * u, x + w, ground - 1.6 * u), wood)
    for lx in (x + w * 0.08, x + w * 0.86):
        s.draw.rectangle((lx, ground - 1.8 * u, lx + u * 0.5, ground), wood)


def _scene_tea(s: _Scene) -> None:
    s.sky_and_sun(0.6)
    s.mountains(0.52, 3, s.tint((170, 188, 204)), s.tint((112, 150, 128)))
    bush, gap = s.tint((78, 136, 80)), s.tint((170, 200, 128))
    for k, base in enumerate((0.5, 0.62, 0.76)):
        phase, amp = s.rng.uniform(0, math.tau), 0.05 + k * 0.015
        top = [
            (i / 64 * s.w, (base - amp * (0.5 + 0.5 * math.sin(i / 64 * 4.4 + phase))) * s.h)
            for i in range(65)
        ]
        s.fill_below(top, _mix(gap, (150, 186, 110), k * 0.3))
        spacing, rows = s.h * (0.018 + 0.012 * k), _mix(bush, (60, 110, 66), k * 0.3)
        for r in range(1, 14):  # rows of bushes follow the hill, wider apart when nearer
            offset = r * spacing * (1 + r * 0.04)
            upper = [(x, y + offset) for x, y in top]
            lower = [(x, y + offset + spacing * 0.55) for x, y in reversed(top)]
            s.draw.polygon(upper + lower, fill=rows)
        for _ in range(s.rng.randint(1, 3) if k < 2 else 0):
            x, y = s.rng.choice(top[4:-4])
            s.cypress(x, y + s.h * 0.01, s.h * (0.14 + 0.08 * k), s.tint((50, 92, 70)))


def _scene_school(s: _Scene) -> None:
    s.sky_and_sun(0.7)
    s.mountains(0.6, 2, s.tint((176, 190, 208)), s.tint((140, 168, 156)), 0.75)
    s.gradient(0.74, 1, (s.tint((150, 190, 116)), s.tint((120, 166, 96))))
    d, ground, wall = s.draw, 0.76 * s.h, s.tint((240, 220, 190), 6)
    w, h, cx = s.w * 0.2, s.h * 0.22, s.rng.uniform(0.45, 0.55) * s.w
    s.building(cx - w * 1.5, ground, w, h, wall, "flat")
    s.building(cx + w * 0.5, ground, w, h, wall, "flat")
    s.building(cx - w * 0.5, ground, w, h * 1.25, _mix(wall, (255, 255, 255), 0.3), "flat")
    top = ground - h * 1.25
    pediment = [(cx - w * 0.55, top), (cx, top - w * 0.22), (cx + w * 0.55, top)]
    d.polygon(pediment, fill=s.tint((200, 120, 90)))
    s.disc(cx, top - w * 0.12, w * 0.07, (250, 248, 240))  # the clock
    d.rectangle((cx - w * 0.12, ground - h * 0.38, cx + w * 0.12, ground), s.tint((120, 90, 70)))
    walk = [(cx - w * 0.14, ground), (cx + w * 0.14, ground), (cx + w * 0.5, s.h)]
    d.polygon([*walk, (cx - w * 0.5, s.h)], fill=s.tint((226, 212, 186)))
    pole, flag_top, stripe = cx + w * 1.7, ground - h * 1.6, s.h * 0.018
    d.rectangle((pole, flag_top, pole + s.h * 0.005, ground), (200, 200, 200))
    for i, color in enumerate(((250, 250, 250), (40, 90, 180), (210, 50, 50))):
        y = flag_top + i * stripe
        d.rectangle((pole, y, pole + s.h * 0.08, y + stripe), color)
    for fx in (0.06, 0.17, 0.83, 0.94):
        x = (fx + s.rng.uniform(-0.03, 0.03)) * s.w
        s.round_tree(x, 0.86 * s.h, s.h * 0.3, s.tint((80, 140, 90), 12))


def _scene_market(s: _Scene) -> None:
    s.sky_and_sun(0.62)
    s.mountains(0.52, 2, s.tint((176, 190, 208)), s.tint((130, 164, 146)), 0.75)
    for _ in range(7):
        s.round_tree(s.rng.random() * s.w, 0.62 * s.h, s.h * 0.2, s.tint((96, 148, 100), 10))
    s.gradient(0.6, 1, (s.tint((222, 206, 182)), s.tint((200, 182, 158))))
    count = s.rng.randint(3, 4)
    awnings = ((214, 92, 74), (62, 132, 130), (232, 170, 70))
    for i in range(count):
        x0, x1 = (i + 0.08) * s.w / count, (i + 0.92) * s.w / count
        _stall(s, x0, x1, awnings[(i + s.rng.randint(0, 2)) % len(awnings)])


def _stall(s: _Scene, x0: float, x1: float, awning: Color) -> None:
    """A market stall: posts, a striped scalloped awning, a counter with produce."""
    d, span = s.draw, x1 - x0
    top, counter, floor = s.h * s.rng.uniform(0.3, 0.36), s.h * 0.66, s.h * 0.86
    wood = s.tint((150, 108, 74))
    for px in (x0 + span * 0.02, x1 - span * 0.05):
        d.rectangle((px, top, px + span * 0.025, floor), wood)
    stripes, bottom, slant = 8, top + s.h * 0.12, span * 0.035
    for k in range(stripes):
        sx0, sx1 = x0 + span * k / stripes, x0 + span * (k + 1) / stripes
        fill = awning if k % 2 else (250, 244, 232)
        d.polygon([(sx0 + slant, top), (sx1 + slant, top), (sx1, bottom), (sx0, bottom)], fill)
        d.pieslice((sx0, bottom - (sx1 - sx0) / 2, sx1, bottom + (sx1 - sx0) / 2), 0, 180, fill)
    s.disc((x0 + x1) / 2, floor + s.h * 0.002, span * 0.56, _alpha((90, 70, 50), 0.18), s.h * 0.018)
    d.rectangle((x0, counter, x1, floor), _mix(wood, (255, 255, 255), 0.15))
    for plank in (0.25, 0.5, 0.75):
        px = x0 + span * plank
        s.glaze.line(((px, counter), (px, floor)), _alpha((70, 50, 35), 0.25), round(s.h * 0.004))
    d.rectangle((x0, counter, x1, counter + s.h * 0.015), _mix(wood, (40, 30, 20), 0.25))
    produce = ((240, 140, 40), (220, 70, 60), (240, 210, 70), (120, 170, 70))
    r = s.h * 0.016
    for pile in range(3):  # tangerines, apples, lemons, greens: stacked 4-3-2
        color, pile_x = s.rng.choice(produce), x0 + span * (pile + 0.5) / 3
        for row, in_row in enumerate((4, 3, 2)):
            for j in range(in_row):
                fx, fy = pile_x + (j - (in_row - 1) / 2) * r * 2, counter - r - row * r * 1.7
                s.disc(fx, fy, r, _mix(color, (255, 255, 255), 0.08 * row))


def _scene_animals(s: _Scene) -> None:
    s.sky = {"top": s.tint((200, 180, 204)), "low": s.tint((250, 220, 190)), "sun": (255, 238, 200)}
    s.sky_and_sun(0.7, (s.rng.uniform(0.35, 0.65), 0.22))
    s.mountains(0.64, 2, s.tint((212, 184, 186)), s.tint((176, 160, 150)), 0.8)
    s.gradient(0.7, 1, (s.tint((170, 186, 124)), s.tint((138, 164, 104))))
    for fx in (0.08, 0.9):
        x = (fx + s.rng.uniform(-0.04, 0.04)) * s.w
        s.round_tree(x, 0.8 * s.h, s.h * 0.34, s.tint((104, 140, 96)))
    ground, u, swap = 0.86 * s.h, s.h * 0.12, s.rng.random() < 0.5
    cat_x, dog_x = s.w * (0.58 if swap else 0.42), s.w * (0.42 if swap else 0.58)
    _cat(s, cat_x, ground, u, s.tint(s.rng.choice(((72, 70, 84), (196, 132, 78), (58, 54, 58)))))
    _dog(
        s, dog_x, ground, u, s.tint(s.rng.choice(((150, 100, 70), (204, 160, 96), (120, 110, 104))))
    )
    r, hx, hy, red = u * 0.12, (cat_x + dog_x) / 2, ground - u * 2.9, (226, 110, 110)
    s.disc(hx - r, hy, r, red)
    s.disc(hx + r, hy, r, red)
    s.draw.polygon(
        [(hx - 1.93 * r, hy + 0.3 * r), (hx + 1.93 * r, hy + 0.3 * r), (hx, hy + 2.2 * r)], red
    )


def _cat(s: _Scene, x: float, ground: float, u: float, fur: Color) -> None:
    """A cat sitting with its back to us, in units of ``u`` above the ground."""
    s.disc(x, ground - u * 0.75, u * 0.6, fur, u * 0.75)
    s.disc(x, ground - u * 1.78, u * 0.45, fur, u * 0.43)
    for side in (-1, 1):
        ear = [(0.42, 1.9), (0.36, 2.45), (0.1, 2.15)]
        s.draw.polygon([(x + side * dx * u, ground - dy * u) for dx, dy in ear], fur)
    tail = s.bezier(
        (x + u * 0.4, ground - u * 0.1), (x + u * 1.3, ground), (x + u * 1.1, ground - u * 0.9)
    )
    s.ribbon(tail, lambda t: u * 0.22 * (1 - 0.3 * t), fur)


def _dog(s: _Scene, x: float, ground: float, u: float, fur: Color) -> None:
    """A sitting dog facing us, with floppy ears and a pale muzzle."""
    pale, dark = _mix(fur, (255, 240, 220), 0.3), _mix(fur, (40, 30, 20), 0.3)
    s.disc(x, ground - u * 0.85, u * 0.8, fur, u * 0.85)
    for side in (-1, 1):
        s.disc(x + side * u * 0.3, ground - u * 0.07, u * 0.2, pale, u * 0.09)
    s.disc(x, ground - u * 2.0, u * 0.6, fur)
    s.disc(x, ground - u * 1.78, u * 0.45, pale, u * 0.28)
    s.disc(x, ground - u * 1.95, u * 0.12, (50, 40, 40), u * 0.1)
    for side in (-1, 1):
        s.disc(x + side * u * 0.5, ground - u * 2.12, u * 0.22, dark, u * 0.38)


_SCENES: dict[str, Callable[[_Scene], None]] = {
    "sea": _scene_sea,
    "mountains": _scene_mountains,
    "city": _scene_city,
    "park": _scene_park,
    "tea": _scene_tea,
    "school": _scene_school,
    "market": _scene_market,
    "animals": _scene_animals,
}


def make_illustration(theme: str, seed: int, size: tuple[int, int] = DEFAULT_SIZE) -> bytes:
    """Return a JPEG (quality ~85) illustration for the given theme.

    Deterministic for ``(theme, seed, size)``; an unknown theme falls back to "sea".
    """
    key = theme if theme in _SCENES else _DEFAULT_THEME
    scene = _Scene(size, random.Random(f"{key}:{seed}"))
    _SCENES[key](scene)
    final = scene.img.reduce(_SUPERSAMPLE)
    buffer = io.BytesIO()
    final.save(buffer, "JPEG", quality=_JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()
