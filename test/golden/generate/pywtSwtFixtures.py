#!/usr/bin/python3
"""PyWavelets reference bands for the Wavelet image type (dev-time only; tests never run Python).

Reproduces pyradiomics' `_swt3` conventions around PyWavelets (pyradiomics itself is not installed):
odd array axes padded by one wrapped sample (numpy pad 'wrap'), `start_level` single-level
approximations first, then one single-level `pywt.swtn(..., level=1, start_level=0, axes)` per level
carrying the all-low band, every band cropped back to the input shape. Axes are numpy (2, 1, 0), or
with force2D the numpy axis `force2Ddimension` removed. Band keys are pywt's ('ada' = a along the
first listed axis, …).

Writes test/golden/filters/fixtures/pywt-swt.json. Inputs are small seeded random arrays in numpy
(z, y, x) order, flattened in C order (x fastest, the engine's layout).

Run from the repository root:  /usr/bin/python3 test/golden/generate/pywtSwtFixtures.py
"""
import json
import os

import numpy as np
import pywt

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))
OUT = os.path.join(ROOT, 'test', 'golden', 'filters', 'fixtures', 'pywt-swt.json')


def pyradiomics_swt(matrix, wavelet, level, start_level, axes):
    """Bands in pyradiomics' yield order: [(level_index, key, band), ...], approximation last."""
    original_shape = matrix.shape
    padding = tuple((0, 1 if n % 2 else 0) for n in original_shape)
    data = np.pad(matrix.copy(), padding, 'wrap')
    crop = tuple(slice(None, -1 if n % 2 else None) for n in original_shape)
    approx_key = 'a' * len(axes)
    for _ in range(start_level):
        data = pywt.swtn(data, wavelet, level=1, start_level=0, axes=axes)[0][approx_key].copy()
    out = []
    for idx in range(1, level + 1):
        dec = pywt.swtn(data, wavelet, level=1, start_level=0, axes=axes)[0]
        data = dec[approx_key].copy()
        for key, band in dec.items():
            if key != approx_key:
                out.append((idx, key, band[crop]))
    out.append((level, approx_key, data[crop]))
    return out


def case(name, shape, dtype, wavelet, level, start_level, force2d_dim, seed):
    rng = np.random.default_rng(seed)
    if dtype == 'int16':
        matrix = rng.integers(-1000, 1000, size=shape).astype(np.int16)
    else:
        matrix = rng.normal(0, 100, size=shape).astype(dtype)
    axes = [2, 1, 0]
    if force2d_dim is not None:
        axes.remove(force2d_dim)
    bands = pyradiomics_swt(matrix, wavelet, level, start_level, tuple(axes))
    return {
        'name': name,
        'wavelet': wavelet,
        'level': level,
        'startLevel': start_level,
        'force2Ddimension': force2d_dim,
        'dtype': dtype,
        'sizeXYZ': list(shape[::-1]),
        'input': [v.item() for v in matrix.ravel()],
        'bands': [
            {'levelIndex': idx, 'key': key, 'dtype': str(band.dtype), 'values': [v.item() for v in band.ravel()]}
            for idx, key, band in bands
        ],
    }


def main():
    cases = []
    # (z, y, x) shapes with odd axes to exercise the wrap padding.
    for i, wavelet in enumerate(['haar', 'db2', 'sym4', 'coif1', 'bior1.3', 'rbio2.2', 'dmey']):
        cases.append(case('%s level 2' % wavelet, (3, 4, 5), 'int16', wavelet, 2, 0, None, 100 + i))
    cases.append(case('coif1 float64 start_level 1', (4, 3, 6), 'float64', 'coif1', 1, 1, None, 200))
    cases.append(case('coif1 force2D', (3, 5, 4), 'int16', 'coif1', 1, 0, 0, 201))
    cases.append(case('coif1 float32', (4, 5, 3), 'float32', 'coif1', 1, 0, None, 202))
    doc = {'source': 'PyWavelets %s, numpy %s' % (pywt.__version__, np.__version__), 'cases': cases}
    with open(OUT, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
        f.write('\n')
    print('wrote %d cases, %d bytes, to %s' % (len(cases), os.path.getsize(OUT), os.path.relpath(OUT, ROOT)))


if __name__ == '__main__':
    main()
