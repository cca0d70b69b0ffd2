"""Where a page looks different from the last round: the two previews are differenced,
the changed pixels grown a little and gathered on a coarse grid into boxes, and the
boxes drawn over this round's preview."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter

THRESHOLD = 48  # grey levels: anti-aliasing noise stays under it, a changed glyph does not
GROW = 5  # pixels (odd): nearby changes in one line join up
CELL = 24  # pixels: the grid the changed regions are gathered on
FILL = (255, 90, 0, 56)
OUTLINE = (220, 0, 0, 255)


@dataclass(frozen=True)
class PixelBox:
    """A changed region of a preview, in its pixels."""

    left: int
    top: int
    right: int
    bottom: int


def changed_boxes(before: Image.Image, after: Image.Image, area: PixelBox) -> tuple[PixelBox, ...]:
    """The regions inside `area` (the type area: the margins carry the round's stamp) where
    the two previews differ; the whole area when the pages differ in size."""
    if before.size != after.size:
        return (area,)
    crop = (area.left, area.top, area.right, area.bottom)
    diff = ImageChops.difference(before.convert("L"), after.convert("L")).crop(crop)
    mask = diff.point(lambda value: 255 if value > THRESHOLD else 0)
    cells = mask.filter(ImageFilter.MaxFilter(GROW)).reduce(CELL)
    changed = {
        (x, y) for x in range(cells.width) for y in range(cells.height) if cells.getpixel((x, y))
    }
    return tuple(_box(group, area) for group in _groups(changed))


def highlighted(preview: Image.Image, boxes: tuple[PixelBox, ...]) -> Image.Image:
    """This round's preview with the changed regions tinted and outlined."""
    layer = Image.new("RGBA", preview.size)
    draw = ImageDraw.Draw(layer)
    for box in boxes:
        draw.rectangle((box.left, box.top, box.right, box.bottom), FILL, OUTLINE, width=3)
    return Image.alpha_composite(preview.convert("RGBA"), layer).convert("RGB")


def _groups(cells: set[tuple[int, int]]) -> list[set[tuple[int, int]]]:
    """The changed cells in groups that touch, corners included."""
    left, groups = set(cells), []
    while left:
        group, edge = set(), [left.pop()]
        while edge:
            x, y = edge.pop()
            group.add((x, y))
            near = {(x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)} & left
            left -= near
            edge += near
        groups.append(group)
    return sorted(groups, key=min)


def _box(group: set[tuple[int, int]], area: PixelBox) -> PixelBox:
    xs, ys = [x for x, _ in group], [y for _, y in group]
    return PixelBox(
        area.left + min(xs) * CELL,
        area.top + min(ys) * CELL,
        min(area.left + (max(xs) + 1) * CELL, area.right),
        min(area.top + (max(ys) + 1) * CELL, area.bottom),
    )
