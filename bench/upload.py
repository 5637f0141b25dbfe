"""How long accepting a 12-megapixel phone photo takes, and how much memory: decoding it, turning
it upright, dropping its metadata and re-encoding it (with its thumbnail).

    .venv/bin/python bench/upload.py [--runs 7]

Makes a 4000×3000 JPEG like a phone's (a photo-like picture with fine detail, GPS EXIF, turned by
its orientation tag) once, then cleans it in a fresh process per run, so each run's peak memory
(ru_maxrss) is its own; `added_mb` is that peak less the process's size just before cleaning. Prints the median
time and peak, and writes bench/results/upload.json.
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (4000, 3000)


def phone_photo() -> bytes:
    from PIL import ExifTags, Image, ImageFilter

    # Noise blurred a little reads to a JPEG encoder like a real scene: 4-6 MB at quality 92.
    picture = Image.effect_noise(SIZE, 64).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    out = BytesIO()
    picture.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def one_run(path: str) -> dict:
    from record_book.book.photos import clean_photo

    content = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    photo = clean_photo(content)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak / 1024, "added_mb": (peak - before) / 1024,
            "stored_bytes": len(photo.content), "thumbnail_bytes": len(photo.thumbnail),
            "stored_size": [photo.width, photo.height]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--make", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one)))
        return
    if args.make:
        Path(args.make).write_bytes(phone_photo())
        return
    # Made in a process of its own: a child starts with its parent's peak memory, so this one
    # stays small for the runs' peaks to be theirs.
    with tempfile.NamedTemporaryFile(suffix=".jpg", delete=False) as photo:
        subprocess.run([sys.executable, __file__, "--make", photo.name], check=True)
        content = Path(photo.name).read_bytes()
    runs = [json.loads(subprocess.run(
        [sys.executable, __file__, "--one", photo.name], check=True, capture_output=True,
        text=True).stdout) for _ in range(args.runs)]
    Path(photo.name).unlink()
    result = {
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "photo": {"pixels": f"{SIZE[0]}x{SIZE[1]}", "bytes": len(content)},
        "runs": args.runs,
        "median_seconds": round(statistics.median(r["seconds"] for r in runs), 3),
        "median_peak_mb": round(statistics.median(r["peak_mb"] for r in runs), 1),
        "median_added_mb": round(statistics.median(r["added_mb"] for r in runs), 1),
        "stored_bytes": runs[0]["stored_bytes"], "thumbnail_bytes": runs[0]["thumbnail_bytes"],
        "stored_size": runs[0]["stored_size"],
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results" / "upload.json"
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
