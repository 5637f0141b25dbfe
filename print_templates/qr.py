"""The QR code on the back cover, drawn as vector squares (no image library needed)."""

import segno
from reportlab.lib.colors import black, white
from reportlab.platypus import Flowable


class QRCode(Flowable):
    def __init__(self, url: str, size: float):
        super().__init__()
        self.url = url
        self.size = size
        self.code = segno.make(url, error="m", micro=False)

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.size
        return available_width, self.size

    def draw(self):
        canvas = self.canv
        matrix = self.code.matrix
        quiet = 4
        count = len(matrix) + 2 * quiet
        module = self.size / count
        left = (self.width - self.size) / 2
        canvas.setFillColor(white)
        canvas.rect(left, 0, self.size, self.size, stroke=0, fill=1)
        canvas.setFillColor(black)
        path = canvas.beginPath()
        for r, row in enumerate(matrix):
            y = self.size - (r + quiet + 1) * module
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    path.rect(left + (start + quiet) * module, y, (c - start) * module, module)
                else:
                    c += 1
        canvas.drawPath(path, stroke=0, fill=1)
