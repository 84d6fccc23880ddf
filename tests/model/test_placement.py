"""Label placement (pure Python): the search for a free spot stops at the first overlap of each
spot, and must choose exactly what the exhaustive search (the area each spot hides) chooses."""
import random

import pytest

from designer.model.placement import Obstacles, box_at, first_free, inside, overlap, settle


def _exhaustive(spots, sizes, obstacles, frame=None):
    """What ``settle`` with ``give_way`` means, by the exhaustive search (``give_way=False``
    weighs the area each spot hides): the first level with a spot that hides nothing, else
    not shown."""
    box, level, index, hidden = settle(spots, sizes, obstacles, give_way=False, frame=frame)
    if box is None or hidden > 0:
        return None, next((level for level, size in enumerate(sizes) if size is not None), 0), -1, 0.0
    return box, level, index, 0.0


def _crowd(rng, count, spread):
    obstacles = Obstacles()
    for key in range(count):
        x, y = rng.uniform(0, spread), rng.uniform(0, spread)
        obstacles.add(key, box_at((x, y), (rng.uniform(20, 180), rng.uniform(10, 90))))
    return obstacles


@pytest.mark.parametrize("seed", range(40))
def test_a_label_takes_the_spot_the_exhaustive_search_takes(seed):
    rng = random.Random(seed)
    obstacles = _crowd(rng, rng.randint(0, 400), 2000)
    frame = (0.0, 0.0, 2000.0, 2000.0) if seed % 2 else None
    placed = []
    for label in range(30):
        a = (rng.uniform(0, 2000), rng.uniform(0, 2000))
        b = (rng.uniform(0, 2000), rng.uniform(0, 2000))
        spots = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for t in (0.5, 0.4, 0.6, 0.3, 0.7)]
        sizes = [None if rng.random() < 0.2 else (rng.uniform(60, 240), rng.uniform(14, 60)),
                 (rng.uniform(40, 120), rng.uniform(12, 30)), (rng.uniform(20, 60), 12.0)]
        got = settle(spots, sizes, obstacles, frame=frame)
        assert got == _exhaustive(spots, sizes, obstacles, frame)
        if got[0] is not None:  # the next labels must keep clear of this one
            obstacles.add(("label", label), got[0])
            placed.append(got[0])
    for i, box in enumerate(placed):
        assert all(overlap(box, other) == 0 for other in placed[i + 1:])


def test_free_is_true_exactly_where_the_hidden_area_is_zero():
    rng = random.Random(7)
    obstacles = _crowd(rng, 300, 1500)
    for _ in range(2000):
        box = box_at((rng.uniform(-100, 1600), rng.uniform(-100, 1600)), (rng.uniform(1, 300), rng.uniform(1, 120)))
        assert obstacles.free(box) == (obstacles.cost(box) == 0)
    touching = box_at((5000, 5000), (100, 100))
    obstacles.add("edge", touching)
    assert obstacles.free((touching[2], touching[1], touching[2] + 50, touching[3]))  # sharing an edge hides nothing


@pytest.mark.parametrize("seed", range(30))
def test_obstacles_answer_as_a_plain_list_would_after_adds_and_removals(seed):
    """Removals are cleaned up lazily (a large delete rebuilds what is left once): whatever
    the mix of adds, moves, removals and mass removals, every query answers as a brute-force
    scan of the boxes that are there."""
    rng = random.Random(seed)
    obstacles, boxes = Obstacles(), {}
    for _ in range(300):
        op = rng.random()
        if op < 0.55 or not boxes:
            key = rng.randrange(120)  # (an existing key: a move)
            box = box_at((rng.uniform(0, 900), rng.uniform(0, 900)), (rng.uniform(5, 300), rng.uniform(5, 120)))
            obstacles.add(key, box)
            boxes[key] = box
        elif op < 0.9:
            key = rng.choice(list(boxes))
            obstacles.remove(key)
            del boxes[key]
        else:  # most of them at once, as a delete of a large selection
            for key in rng.sample(list(boxes), k=max(1, len(boxes) * rng.randint(5, 10) // 10)):
                obstacles.remove(key)
                del boxes[key]
        if rng.random() < 0.4:
            probe = box_at((rng.uniform(0, 900), rng.uniform(0, 900)), (rng.uniform(5, 200), rng.uniform(5, 80)))
            hit = sorted(k for k, b in boxes.items() if overlap(probe, b) > 0)
            assert sorted(obstacles.overlapping(probe)) == hit
            assert obstacles.free(probe) == (not hit)
            assert obstacles.cost(probe) == pytest.approx(sum(overlap(probe, boxes[k]) for k in hit))
        assert obstacles.boxes == boxes and len(obstacles) == len(boxes)
    everywhere = (-400.0, -400.0, 1400.0, 1400.0)
    assert obstacles.free(everywhere) == (not boxes)


@pytest.mark.parametrize("seed", range(40))
def test_first_free_takes_the_first_spot_a_brute_force_scan_finds_free(seed):
    """The search tries the obstacle that blocked the last spot first: it must still find the
    first free spot within the frame, as a scan of every box would, and say when none is."""
    rng = random.Random(seed)
    obstacles, boxes = Obstacles(), []
    for key in range(rng.randrange(5, 80)):
        box = box_at((rng.uniform(0, 600), rng.uniform(0, 600)), (rng.uniform(10, 150), rng.uniform(10, 100)))
        obstacles.add(key, box)
        boxes.append(box)
    for key in range(100, 100 + rng.randrange(4)):  # empty boxes: they hide nothing
        x, y = rng.uniform(0, 600), rng.uniform(0, 600)
        box = rng.choice([(x, y, x, y + 80), (x, y, x + 80, y), (x, y, x, y)])
        obstacles.add(key, box)
        boxes.append(box)
    size = (rng.uniform(20, 160), rng.uniform(10, 60))
    spots = [(rng.uniform(-50, 650), rng.uniform(-50, 650)) for _ in range(rng.randrange(1, 60))]
    w, h = size[0] / 2, size[1] / 2
    for box in rng.sample(boxes, k=min(len(boxes), 6)):  # a spot on an obstacle, then spots that only touch it
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        at = rng.choice([0, rng.randrange(len(spots) + 1)])  # (often first: a free spot before would end the search)
        spots[at:at] = [(cx, cy), rng.choice([(box[0] - w, cy), (box[2] + w, cy), (cx, box[1] - h), (cx, box[3] + h)])]
    frame = rng.choice([None, (0.0, 0.0, 600.0, 600.0)])
    expected = next(((box_at(s, size), i) for i, s in enumerate(spots)
                     if inside(box_at(s, size), frame) and all(overlap(box_at(s, size), b) == 0 for b in boxes)),
                    (None, -1))
    found = first_free(spots, size, obstacles, frame)
    assert found[1] == expected[1]
    assert found[0] == pytest.approx(expected[0]) if expected[0] is not None else found[0] is None
