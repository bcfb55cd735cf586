"""Reference mask-agreement metrics (Dice, Jaccard, Hausdorff, HD95, volumes) computed with numpy/scipy
under MedPy's definitions: surface = mask XOR binary_erosion(mask, 6-connected cross, border_value=0);
directed distances = scipy.ndimage.distance_transform_edt of the other surface's complement with the
voxel spacing as sampling; HD95 = numpy.percentile(pooled directed distances, 95).

Writes test/golden/segmentation/fixtures/mask-agreement-scipy.json. Run from the repository root:
    python3 test/golden/generate/maskAgreementScipy.py   (needs numpy and scipy)
"""
import json

import numpy as np
from scipy import ndimage

OUT = 'test/golden/segmentation/fixtures/mask-agreement-scipy.json'
rng = np.random.default_rng(20240611)


def blob(shape, sigma, level):
    field = ndimage.gaussian_filter(rng.standard_normal(shape), sigma)
    return field > level


def surface(mask):
    cross = ndimage.generate_binary_structure(3, 1)
    return mask ^ ndimage.binary_erosion(mask, structure=cross, iterations=1, border_value=0)


def directed(a_surf, b_surf, spacing_zyx):
    dt = ndimage.distance_transform_edt(~b_surf, sampling=spacing_zyx)
    return dt[a_surf]


def case(name, a, b, spacing_xyz):
    spacing_zyx = spacing_xyz[::-1]
    na, nb, both = int(a.sum()), int(b.sum()), int((a & b).sum())
    sa, sb = surface(a), surface(b)
    ab, ba = directed(sa, sb, spacing_zyx), directed(sb, sa, spacing_zyx)
    pooled = np.hstack((ab, ba))
    voxel = float(np.prod(spacing_xyz))
    return {
        'name': name,
        'size': [int(a.shape[2]), int(a.shape[1]), int(a.shape[0])],
        'spacing': list(spacing_xyz),
        'a': np.flatnonzero(a.ravel()).tolist(),
        'b': np.flatnonzero(b.ravel()).tolist(),
        'expected': {
            'voxelsA': na,
            'voxelsB': nb,
            'voxelsBoth': both,
            'dice': 2.0 * both / (na + nb),
            'jaccard': both / (na + nb - both),
            'hausdorffMm': float(pooled.max()),
            'hd95Mm': float(np.percentile(pooled, 95)),
            'surfaceA': int(sa.sum()),
            'surfaceB': int(sb.sum()),
            'volumeAMm3': na * voxel,
            'volumeBMm3': nb * voxel,
        },
    }


cases = []
shape = (10, 20, 24)  # (z, y, x)
for k, (sigma, spacing) in enumerate([(2.0, (0.8, 0.7, 2.5)), (2.5, (1.0, 1.0, 1.0)), (1.5, (0.6, 0.9, 5.0))]):
    a = blob(shape, sigma, 0.0)
    a = ndimage.binary_opening(a) if a.any() else a
    b = ndimage.binary_dilation(a, iterations=1) ^ (rng.random(shape) < 0.03)
    cases.append(case(f'blob-{k}-dilated-noisy', a, b, spacing))
    c = np.roll(blob(shape, sigma + 0.5, 0.05), shift=2, axis=2)
    cases.append(case(f'blob-{k}-independent', a, c, spacing))
# A mask touching the grid border: border voxels are surface voxels.
full = np.zeros(shape, dtype=bool)
full[:, 5:15, 0:12] = True
half = np.zeros(shape, dtype=bool)
half[2:8, 6:14, 0:10] = True
cases.append(case('border-touching', full, half, (0.75, 0.75, 3.0)))

with open(OUT, 'w') as f:
    json.dump({'generator': 'test/golden/generate/maskAgreementScipy.py', 'numpy': np.__version__, 'cases': cases}, f)
    f.write('\n')
print(f'wrote {len(cases)} cases to {OUT}')
