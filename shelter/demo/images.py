"""Simple cat and dog portraits for the demo pets, drawn with Pillow: deterministic by seed,
small and fast (the demo loader runs on every `make run` and every browser test)."""

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 640, 480
BACKGROUNDS = [(222, 236, 240), (246, 232, 210), (226, 240, 222), (238, 228, 242)]
FURS = {
    "black": (45, 45, 50),
    "white": (240, 238, 232),
    "ginger": (214, 130, 60),
    "grey": (140, 144, 150),
    "brown": (120, 80, 50),
    "tabby": (150, 120, 90),
    "mixed": (200, 170, 130),
}


def draw_pet(species, colour, seed):
    """JPEG bytes of a flat portrait of a cat ("cat") or a dog (anything else)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT), rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    fur = FURS.get(colour, FURS["mixed"])
    dark = tuple(max(channel - 40, 0) for channel in fur)
    cx = WIDTH // 2 + rng.randint(-60, 60)
    cy = HEIGHT // 2 + rng.randint(-10, 30)
    draw.rectangle([0, HEIGHT - 90, WIDTH, HEIGHT], fill=(200, 210, 190))
    draw.ellipse([cx - 150, cy + 20, cx + 150, cy + 200], fill=fur)  # body
    if species == "cat":
        for side in (-1, 1):  # pointed ears
            draw.polygon(
                [(cx + side * 95, cy - 60), (cx + side * 40, cy - 95), (cx + side * 100, cy - 150)],
                fill=dark,
            )
    else:
        for side in (-1, 1):  # floppy ears
            draw.ellipse([cx + side * 95 - 35, cy - 90, cx + side * 95 + 35, cy + 30], fill=dark)
    draw.ellipse([cx - 100, cy - 110, cx + 100, cy + 70], fill=fur)  # head
    if colour in ("tabby", "mixed"):
        for number in range(4):
            x = cx - 60 + number * 40
            draw.line([(x, cy - 105), (x + 10, cy - 60)], fill=dark, width=8)
    eye = (30, 30, 30) if colour != "black" else (230, 200, 60)
    for side in (-1, 1):
        draw.ellipse([cx + side * 40 - 12, cy - 40, cx + side * 40 + 12, cy - 16], fill=eye)
    nose = (60, 40, 40) if species != "cat" else (220, 130, 140)
    draw.ellipse([cx - 14, cy + 5, cx + 14, cy + 25], fill=nose)
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=80)
    return output.getvalue()
