"""Copy GOV.UK Frontend's precompiled CSS and JS from its npm package into portal/static/govuk/.

Run by `make govuk-frontend` (which fetches the package with `npm pack`); the output is committed,
so a fresh clone needs no npm. What is changed on the way, and why:

- The @font-face rules for GDS Transport go, and so does the name from every font stack: that
  typeface is licensed to GOV.UK services only, and we are not one. Pages fall back to Arial and
  each script's system font, and no page asks for a font file.
- Nothing else: every component's CSS is kept, since the whole file is 15 KB gzipped and pages
  stay far under their 100 KB aim (tests/test_page_weight.py). To drop a component, list its
  class prefix in DROPPED_COMPONENTS; its rules (and media/supports blocks left empty) go.

VERSION.txt records the package version, the tarball's SHA-256 and each copied file's SHA-256;
tests/test_govuk_frontend.py checks the files against it, so a hand edit cannot slip in.
"""

import argparse
import hashlib
import json
import re
import tarfile
from pathlib import Path

DROPPED_COMPONENTS: tuple[str, ...] = ()
FILES = {
    "package/dist/govuk/govuk-frontend.min.css": "govuk-frontend.min.css",
    "package/dist/govuk/govuk-frontend.min.js": "govuk-frontend.min.js",
}


def without_brand_font(css: str) -> str:
    css = re.sub(r"@font-face\{font-family:GDS Transport;[^}]*\}", "", css)
    return css.replace("GDS Transport,", "")


def without_components(css: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        css = re.sub(r"(?<=[}{])[^{}@]*\." + re.escape(prefix) + r"[^{}]*\{[^{}]*\}", "", css)
    return re.sub(r"@(?:media|supports)[^{]*\{\}", "", css)


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def vendor(tarball: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    lines = []
    with tarfile.open(tarball) as archive:
        package = json.loads(archive.extractfile("package/package.json").read())
        lines += [f"govuk-frontend {package['version']} (licence: {package['license']})",
                  f"{sha256(tarball.read_bytes())}  {tarball.name}"]
        for member, name in FILES.items():
            body = archive.extractfile(member).read()
            if name.endswith(".css"):
                body = without_components(without_brand_font(body.decode()),
                                          DROPPED_COMPONENTS).encode()
            # Source maps are not vendored: no browser should ask for one.
            body = re.sub(rb"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$",
                          b"\n", body)
            (target / name).write_bytes(body)
            lines.append(f"{sha256(body)}  {name}")
    (target / "VERSION.txt").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tarball", type=Path)
    parser.add_argument("target", type=Path)
    arguments = parser.parse_args()
    vendor(arguments.tarball, arguments.target)
