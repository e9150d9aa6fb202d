"""Draw the two Teams app icons, and read PNGs back, with the standard library only.

Teams wants a 192x192 full-colour icon and a 32x32 outline icon that is white on
a transparent background. Drawing both from the same few shapes here, instead of
committing only binaries from an image editor, keeps them reviewable and
reproducible without adding an imaging dependency:

    python -m manifest.icons      # rewrites manifest/color.png and manifest/outline.png

The reader exists so the package build can check the committed icons the way
Teams does (size from the header, outline colours from the pixels).

Shapes are signed distance functions in unit coordinates (y grows downwards);
one evaluation per pixel with a one-pixel linear ramp gives clean anti-aliased
edges at both sizes without supersampling.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

RGBA = tuple[int, int, int, int]
Point = tuple[float, float]
Distance = Callable[[float, float], float]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ICON_DIR = Path(__file__).resolve().parent
COLOR_SIZE = 192
OUTLINE_SIZE = 32

# Deep blue background; the manifest's accentColor uses the same value.
BRAND_BLUE: RGBA = (0x1F, 0x4E, 0x8C, 0xFF)
WHITE: RGBA = (0xFF, 0xFF, 0xFF, 0xFF)
TRANSPARENT_WHITE: RGBA = (0xFF, 0xFF, 0xFF, 0x00)

_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type -> samples per pixel


# --- PNG encoding and decoding -------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _paeth(left: int, up: int, up_left: int) -> int:
    estimate = left + up - up_left
    d_left, d_up, d_up_left = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
    if d_left <= d_up and d_left <= d_up_left:
        return left
    if d_up <= d_up_left:
        return up
    return up_left


def _filter_row(kind: int, row: bytes, prior: bytes, bpp: int) -> bytes:
    out = bytearray(len(row))
    for i, value in enumerate(row):
        left = row[i - bpp] if i >= bpp else 0
        up = prior[i]
        up_left = prior[i - bpp] if i >= bpp else 0
        predictor = (0, left, up, (left + up) // 2, _paeth(left, up, up_left))[kind]
        out[i] = (value - predictor) & 0xFF
    return bytes(out)


def encode_png(width: int, height: int, pixels: Sequence[RGBA]) -> bytes:
    """8-bit RGBA, non-interlaced; each row uses the filter that compresses best.

    The minimum-sum-of-absolute-differences heuristic is what libpng uses; it
    keeps the icons small and exercises every filter the decoder must undo.
    """
    if len(pixels) != width * height:
        raise ValueError(f"expected {width * height} pixels, got {len(pixels)}")
    stride = width * 4
    raw = bytes(channel for pixel in pixels for channel in pixel)
    prior = bytes(stride)
    scanlines = bytearray()
    for y in range(height):
        row = raw[y * stride : (y + 1) * stride]
        candidates = [_filter_row(kind, row, prior, 4) for kind in range(5)]
        costs = [sum(b if b < 128 else 256 - b for b in c) for c in candidates]
        best = costs.index(min(costs))
        scanlines.append(best)
        scanlines += candidates[best]
        prior = row
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(scanlines), 9))
        + _chunk(b"IEND", b"")
    )


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG format requires to come first."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 24:
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


@dataclass(frozen=True)
class PngImage:
    width: int
    height: int
    pixels: tuple[RGBA, ...]


def decode_png(data: bytes) -> PngImage:
    """Pixels of an 8-bit, non-interlaced greyscale or RGB(A) PNG, as RGBA.

    That covers what this generator and common editors write for app icons;
    palette, 16-bit and interlaced images are refused rather than misread.
    Every kind of damage surfaces as ValueError, so callers handle one type.
    """
    try:
        return _decode_png(data)
    except (zlib.error, struct.error, IndexError) as error:
        raise ValueError(f"damaged PNG file ({error})") from None


def _decode_png(data: bytes) -> PngImage:
    width, height = png_size(data)
    position = len(PNG_SIGNATURE)
    header = b""
    compressed = bytearray()
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunk_type = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if len(body) != length:
            raise ValueError("truncated PNG chunk")
        if chunk_type == b"IHDR":
            header = body
        elif chunk_type == b"IDAT":
            compressed += body
        elif chunk_type == b"IEND":
            break
        position += 12 + length
    if len(header) != 13:
        raise ValueError("PNG header chunk is missing or damaged")
    depth, colour, _compression, _filter, interlace = struct.unpack(">BBBBB", header[8:13])
    if depth != 8 or colour not in _CHANNELS or interlace != 0:
        raise ValueError(
            f"unsupported PNG format (bit depth {depth}, colour type {colour}, "
            f"interlace {interlace}); save as 8-bit RGBA without interlacing"
        )
    channels = _CHANNELS[colour]
    stride = width * channels
    raw = zlib.decompress(bytes(compressed))
    if len(raw) != height * (stride + 1):
        raise ValueError("PNG image data has the wrong length")
    pixels: list[RGBA] = []
    prior = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if kind > 4:
            raise ValueError(f"invalid PNG filter type {kind} in row {y}")
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = prior[i]
            up_left = prior[i - channels] if i >= channels else 0
            predictor = (0, left, up, (left + up) // 2, _paeth(left, up, up_left))[kind]
            row[i] = (row[i] + predictor) & 0xFF
        for x in range(width):
            s = row[x * channels : (x + 1) * channels]
            if channels == 1:
                pixels.append((s[0], s[0], s[0], 255))
            elif channels == 2:
                pixels.append((s[0], s[0], s[0], s[1]))
            elif channels == 3:
                pixels.append((s[0], s[1], s[2], 255))
            else:
                pixels.append((s[0], s[1], s[2], s[3]))
        prior = row
    return PngImage(width, height, tuple(pixels))


# --- Shapes -------------------------------------------------------------------------------


def _segment_distance(px: float, py: float, a: Point, b: Point) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def polyline(points: Sequence[Point], width: float) -> Distance:
    """A stroke with round caps and joins."""
    segments = list(zip(points, points[1:], strict=False))

    def distance(x: float, y: float) -> float:
        return min(_segment_distance(x, y, a, b) for a, b in segments) - width / 2

    return distance


def polygon(points: Sequence[Point], rounding: float = 0.0) -> Distance:
    """A filled simple polygon, grown by `rounding` so its corners come out round."""
    edges = list(zip(points, [*points[1:], points[0]], strict=True))

    def distance(x: float, y: float) -> float:
        nearest = min(_segment_distance(x, y, a, b) for a, b in edges)
        inside = False
        for (ax, ay), (bx, by) in edges:
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                inside = not inside
        return (-nearest if inside else nearest) - rounding

    return distance


def rounded_square(inset: float, radius: float) -> Distance:
    half = 0.5 - inset

    def distance(x: float, y: float) -> float:
        qx = abs(x - 0.5) - half + radius
        qy = abs(y - 0.5) - half + radius
        outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
        return outside + min(max(qx, qy), 0.0) - radius

    return distance


def subtract(shape: Distance, hole: Distance) -> Distance:
    return lambda x, y: max(shape(x, y), -hole(x, y))


def union(*shapes: Distance) -> Distance:
    return lambda x, y: min(shape(x, y) for shape in shapes)


def placed(shape: Distance, left: float, top: float, size: float) -> Distance:
    """`shape`, drawn in a unit box, moved into the square at (left, top) of side `size`."""
    return lambda x, y: shape((x - left) / size, (y - top) / size) * size


def document_with_check() -> Distance:
    """The glyph: a page with a folded corner and a checkmark cut out of it.

    Cut-outs instead of drawn lines keep it a single colour, so the outline
    icon (white only) and the colour icon (white on blue) share one design.
    """
    page = polygon([(0.20, 0.06), (0.56, 0.06), (0.80, 0.30), (0.80, 0.94), (0.20, 0.94)], 0.04)
    fold_line = polyline([(0.58, 0.00), (0.58, 0.28), (0.86, 0.28)], 0.07)
    check = polyline([(0.32, 0.62), (0.45, 0.75), (0.69, 0.48)], 0.10)
    return subtract(subtract(page, fold_line), check)


# --- Rasterising --------------------------------------------------------------------------


def _over(top: RGBA, coverage: float, bottom: RGBA) -> RGBA:
    """Porter-Duff "over" of `top` at partial coverage onto `bottom`, unpremultiplied."""
    alpha_top = top[3] / 255 * coverage
    alpha_bottom = bottom[3] / 255
    alpha = alpha_top + alpha_bottom * (1 - alpha_top)
    if alpha <= 0:
        return bottom
    rgb = [
        round((t * alpha_top + b * alpha_bottom * (1 - alpha_top)) / alpha)
        for t, b in zip(top[:3], bottom[:3], strict=True)
    ]
    return (rgb[0], rgb[1], rgb[2], round(alpha * 255))


def rasterise(size: int, background: RGBA, layers: Sequence[tuple[Distance, RGBA]]) -> list[RGBA]:
    pixels: list[RGBA] = []
    for row in range(size):
        y = (row + 0.5) / size
        for column in range(size):
            x = (column + 0.5) / size
            pixel = background
            for shape, colour in layers:
                coverage = min(1.0, max(0.0, 0.5 - shape(x, y) * size))
                if coverage > 0:
                    pixel = _over(colour, coverage, pixel)
            pixels.append(pixel)
    return pixels


def render_color() -> bytes:
    """Rounded blue square with the glyph inside Teams' 96 px safe area (plus a little)."""
    glyph = placed(document_with_check(), 0.22, 0.22, 0.56)
    layers = [(rounded_square(0.0, 0.18), BRAND_BLUE), (glyph, WHITE)]
    return encode_png(COLOR_SIZE, COLOR_SIZE, rasterise(COLOR_SIZE, (0, 0, 0, 0), layers))


def render_outline() -> bytes:
    """The glyph alone, white on transparent; transparent pixels stay white too."""
    glyph = placed(document_with_check(), 0.0, 0.0, 1.0)
    pixels = rasterise(OUTLINE_SIZE, TRANSPARENT_WHITE, [(glyph, WHITE)])
    return encode_png(OUTLINE_SIZE, OUTLINE_SIZE, pixels)


def write_icons(directory: Path = ICON_DIR) -> list[Path]:
    written = []
    for name, data in (("color.png", render_color()), ("outline.png", render_outline())):
        path = directory / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_icons():
        print(f"Wrote {written_path}")
