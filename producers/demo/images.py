"""Small flat pictures for the demo directory, drawn with Pillow: a product picture per
category (a bowl of round fruits, a jar, a loaf...) and a monogram logo per producer.

Deterministic for the same arguments; small, so the demo loader stays fast."""

import io
import random

from anyascii import anyascii
from PIL import Image, ImageDraw, ImageFont

PALETTES = {
    "chai": ((206, 226, 196), (74, 124, 62)),
    "citrus": ((252, 236, 200), (236, 150, 28)),
    "med": ((250, 232, 190), (214, 150, 30)),
    "vino": ((236, 214, 224), (122, 30, 62)),
    "syr": ((246, 240, 214), (226, 196, 96)),
    "forel": ((204, 226, 238), (226, 120, 110)),
    "vypechka": ((240, 226, 206), (176, 112, 56)),
    "remesla": ((226, 222, 236), (96, 84, 150)),
    "ovoshchi": ((216, 236, 206), (86, 150, 60)),
    "frukty": ((246, 220, 214), (200, 50, 60)),
    "orekhi": ((236, 226, 212), (134, 94, 60)),
}
DEFAULT_PALETTE = ((230, 230, 230), (90, 110, 130))


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def product_picture(category_slug, seed, size=(480, 300)):
    """A table top with a few round or tall things in the category's colours."""
    background, accent = PALETTES.get(category_slug, DEFAULT_PALETTE)
    rng = random.Random(f"{category_slug}-{seed}")
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    table = int(height * 0.7)
    draw.rectangle([0, table, width, height], fill=tuple(max(c - 40, 0) for c in background))
    for _ in range(rng.randint(3, 6)):
        r = rng.randint(height // 10, height // 5)
        x = rng.randint(r, width - r)
        shade = tuple(min(255, max(0, c + rng.randint(-30, 30))) for c in accent)
        if category_slug in ("vino", "med", "remesla"):
            draw.rounded_rectangle([x - r // 2, table - 2 * r, x + r // 2, table], 8, fill=shade)
        else:
            draw.ellipse([x - r, table - 2 * r, x + r, table], fill=shade)
    return _jpeg(image)


# Pillow's own font has Latin letters only; Debian's DejaVu (fonts-dejavu-core, which Chromium
# and fontconfig bring along) has Cyrillic.
CYRILLIC_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


def initial(name):
    """The letter of a producer's monogram: its name's first letter or digit, «Пасека» → «П»."""
    return next((char.upper() for char in name if char.isalnum()), "?")


def monogram_font(size):
    """(font, whether it draws Cyrillic): DejaVu when installed, else Pillow's default."""
    for path in CYRILLIC_FONTS:
        try:
            return ImageFont.truetype(path, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def logo(name, seed, size=160):
    """A round monogram: the producer's first letter on a coloured disc."""
    rng = random.Random(f"logo-{seed}")
    colour = (rng.randint(30, 120), rng.randint(60, 130), rng.randint(40, 120))
    image = Image.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse([4, 4, size - 4, size - 4], fill=colour)
    letter = initial(name)
    font, draws_cyrillic = monogram_font(size // 2)
    if not draws_cyrillic:
        letter = (anyascii(letter) or "?")[0].upper()  # a Latin letter rather than an empty box
    draw.text((size / 2, size / 2), letter, fill=(255, 255, 255), font=font, anchor="mm")
    return _jpeg(image)
