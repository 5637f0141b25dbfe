"""A folded booklet: A5 pages imposed two to each side of an A4 sheet, in saddle-stitch order.

Print both sides (flip on the short edge), fold the pile in half and staple the fold. The page
count is padded to a multiple of four with blank pages, put before the back cover so the back
cover stays at the back. A right-to-left booklet binds on the right, so each pair swaps sides.
"""

from io import BytesIO

from reportlab.lib.pagesizes import A4, landscape


def padded_order(count: int) -> list[int | None]:
    """Page indexes (None for a blank) in reading order, padded to a multiple of four."""
    total = -(-count // 4) * 4
    blanks = total - count
    if count < 2:
        return list(range(count)) + [None] * blanks
    return list(range(count - 1)) + [None] * blanks + [count - 1]


def sheet_sides(total: int, rtl: bool = False) -> list[tuple[int, int]]:
    """For `total` pages (a multiple of 4): (left, right) reading positions on each sheet side."""
    sides = []
    for i in range(total // 2):
        if i % 2 == 0:
            left, right = total - 1 - i, i
        else:
            left, right = i, total - 1 - i
        sides.append((right, left) if rtl else (left, right))
    return sides


def impose(pdf: bytes, rtl: bool, title: str, language: str,
           outline: list[tuple[str, int]]) -> tuple[bytes, int, int]:
    """Impose A5 pages on A4 landscape sheets. Returns (pdf, logical pages, sheet sides)."""
    # pypdf (with the cryptography it loads) is 12 MB of memory that only a folded booklet
    # needs: imported here, a worker that prints flat booklets never holds it.
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation
    from pypdf.generic import NameObject, TextStringObject

    reader = PdfReader(BytesIO(pdf))
    order = padded_order(len(reader.pages))
    first = reader.pages[0]
    page_width, page_height = float(first.mediabox.width), float(first.mediabox.height)
    writer = PdfWriter()
    position_of = {index: n for n, index in enumerate(order) if index is not None}
    side_of: dict[int, int] = {}
    sheet_width, sheet_height = landscape(A4)
    fold = sheet_width / 2  # the two pages meet at the fold
    bottom = (sheet_height - page_height) / 2
    for side, (left, right) in enumerate(sheet_sides(len(order), rtl)):
        sheet = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        for x, position in ((fold - page_width, left), (fold, right)):
            index = order[position]
            if index is None:
                continue
            sheet.merge_transformed_page(
                reader.pages[index], Transformation().translate(tx=x, ty=bottom))
            side_of[index] = side
        writer.add_page(sheet)
    for name, index in outline:
        if index in position_of:
            writer.add_outline_item(title=name, page_number=side_of[index])
    writer.add_metadata({"/Title": title})
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    out = BytesIO()
    writer.write(out)
    return out.getvalue(), len(order), len(writer.pages)
