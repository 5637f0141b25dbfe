"""Photos from anywhere, made safe to keep: decoded, turned upright and re-encoded with nothing
of the original file left but its pixels.

A phone photo says where it was taken (EXIF GPS): a photo from a refuge must not say where the
refuge is. Re-encoding from the pixels alone drops every kind of metadata at once (EXIF, XMP,
IPTC, comments, colour profiles), and whatever a crafted file hid around its pixels goes with it.
The camera's "which way up" is applied first, so the photo still looks as it did on the phone.
"""

import warnings
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from record_book.i18n import N_

register_heif_opener()

# Pillow refuses an image past twice this many pixels and warns past it; we refuse past it.
# 50 million pixels lets through a 48-megapixel phone photo and stops a decompression bomb (a
# small file that would unpack into gigabytes) before it is unpacked.
Image.MAX_IMAGE_PIXELS = 50_000_000

# Kept photos: long side in pixels, and the most a kept photo may weigh.
LARGEST_SIDE = 2048
MOST_STORED = 1_500_000
# A thumbnail is small enough for a page of them on pay-as-you-go data (about 10-20 KB each).
THUMBNAIL_SIDE = 320


class Unreadable(Exception):
    """The file is not a photo we can keep; the message says why in plain words."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Photo:
    content: bytes  # JPEG, upright, without metadata
    thumbnail: bytes
    width: int
    height: int


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = BytesIO()
    # Nothing from the original rides along: no exif, no colour profile, no comment.
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def _fitted(image: Image.Image, side: int) -> Image.Image:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    return copy


def _only_pixels(image: Image.Image) -> Image.Image:
    """The picture as plain RGB pixels in a new image: transparency on white, no metadata."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    else:
        image = image.convert("RGB")
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


def _kept(pixels: Image.Image) -> Photo:
    """The photo at the largest size and quality that stays under MOST_STORED, and its
    thumbnail."""
    thumbnail = _jpeg(_fitted(pixels, THUMBNAIL_SIDE), 70)
    side = LARGEST_SIDE
    while True:
        fitted = _fitted(pixels, side)
        for quality in (85, 75, 65):
            content = _jpeg(fitted, quality)
            if len(content) <= MOST_STORED:
                return Photo(content, thumbnail, *fitted.size)
        side = side * 3 // 4


def _opened(content: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(content))
            width, height = image.size
            if width * height > Image.MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError(f"{width}x{height}")
            # A JPEG can be decoded straight at a half, quarter or eighth of its size: a
            # 12-megapixel photo is read at 2000×1500, a quarter of the memory and time, and
            # nothing is decoded below half the size kept.
            image.draft("RGB", (LARGEST_SIDE // 2, LARGEST_SIDE // 2))
            image.load()
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        raise Unreadable(N_("This picture is far too big to open (more than %(pixels)s "
                            "million dots). Take a photo of it, or make it smaller, and try "
                            "again."), pixels=Image.MAX_IMAGE_PIXELS // 1_000_000) from bomb
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as broken:
        raise Unreadable(N_("We could not open this photo. It may be damaged or not "
                            "finished downloading. Try taking it again.")) from broken


def clean_photo(content: bytes) -> Photo:
    """The photo made safe: raises Unreadable with plain words when it cannot be."""
    image = _opened(content)
    try:
        upright = ImageOps.exif_transpose(image)
        # Made smaller first: the copies that follow are then small too.
        upright.thumbnail((LARGEST_SIDE, LARGEST_SIDE), Image.Resampling.LANCZOS)
        pixels = _only_pixels(upright)
    except (OSError, ValueError) as broken:
        raise Unreadable(N_("We could not open this photo. It may be damaged or not "
                            "finished downloading. Try taking it again.")) from broken
    return _kept(pixels)


def turned(content: bytes) -> Photo:
    """A kept photo a quarter turn clockwise (for one that came in sideways)."""
    image = Image.open(BytesIO(content))
    image.load()
    return _kept(_only_pixels(image.transpose(Image.Transpose.ROTATE_270)))


# What a JPEG this portal kept is made of: the start, JFIF, tables, frames, scans and the end.
# Anything else (EXIF, XMP, colour profiles, IPTC, comments, bytes after the end) is not ours.
_KEPT_MARKERS = {0xC0, 0xC1, 0xC2, 0xC4, 0xDB, 0xDD, 0xDA, 0xE0}


def _only_picture_segments(content: bytes) -> bool:
    if not content.startswith(b"\xff\xd8"):
        return False
    at = 2
    while at + 2 <= len(content):
        if content[at] != 0xFF:
            return False
        marker = content[at + 1]
        if marker == 0xD9:
            return at + 2 == len(content)
        if marker not in _KEPT_MARKERS:
            return False
        at += 2 + int.from_bytes(content[at + 2:at + 4], "big")
        if marker == 0xDA:
            # The scan's coded data runs to the next marker that is not a stuffed 0xFF00 or a
            # restart marker.
            while at + 1 < len(content) and not (
                    content[at] == 0xFF and content[at + 1] not in (0x00, *range(0xD0, 0xD8))):
                at += 1
    return False


def is_kept_photo(content: bytes) -> bool:
    """Whether these bytes are already a photo as this portal keeps one (a whole book coming
    back from its export): then it is kept byte for byte, not made worse by a second encoding."""
    if len(content) > MOST_STORED or not _only_picture_segments(content):
        return False
    try:
        image = _opened(content)
    except Unreadable:
        return False
    return image.format == "JPEG" and image.mode == "RGB" and max(image.size) <= LARGEST_SIDE
