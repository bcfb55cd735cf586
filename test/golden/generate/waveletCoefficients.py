#!/usr/bin/python3
"""Export PyWavelets' decomposition filter banks to JSON (dev-time only; the app never runs Python).

Writes src/main/engine/image/filters/waveletCoefficients.json: for every discrete wavelet that
pywt.wavelist(kind='discrete') lists (the names pyradiomics' `wavelet` setting accepts and pywt.Wavelet
can build), the decomposition low-pass and high-pass taps exactly as pywt stores them (`dec_lo`,
`dec_hi`, float64, printed with Python's round-trip repr so JSON.parse restores the same doubles), and
the float32 taps pywt's C code uses for float32 input (`decLoFloat32`, `decHiFloat32`, written as the
shortest decimal that rounds back to the float32 value). pywt keeps
separate float tables, and for the coifN family they are not the float32 rounding of the double taps
(e.g. coif1 0.852571964… instead of 0.852572023…), so they are read back from pywt itself: the
level-1 `pywt.swt` of a float32 unit impulse returns each tap exactly (one product, no rounding).

Run from the repository root:  /usr/bin/python3 test/golden/generate/waveletCoefficients.py
"""
import json
import os

import numpy as np
import pywt

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))
OUT = os.path.join(ROOT, 'src', 'main', 'engine', 'image', 'filters', 'waveletCoefficients.json')


def float32_taps(w):
    """pywt's float32 decomposition taps: the level-1 SWT of a float32 unit impulse at p gives
    y[p - F/2 + k] = f[k] (periodic convolution y[n] = sum_k f[k] x[(n + F/2 - k) mod N])."""
    f = w.dec_len
    n = 2 * f + 2
    p = n // 2
    x = np.zeros(n, np.float32)
    x[p] = 1
    (lo, hi), = pywt.swt(x, w, level=1)
    assert lo.dtype == np.float32
    idx = [(p + k - f // 2) % n for k in range(f)]
    # Shortest float32 round-trip text (numpy's str of a float32); Math.fround of it restores the tap.
    return [float(str(v)) for v in lo[idx]], [float(str(v)) for v in hi[idx]]


def main():
    table = {}
    for name in pywt.wavelist(kind='discrete'):
        w = pywt.Wavelet(name)
        lo32, hi32 = float32_taps(w)
        table[name] = {
            'decLo': [float(v) for v in w.dec_lo],
            'decHi': [float(v) for v in w.dec_hi],
            'decLoFloat32': lo32,
            'decHiFloat32': hi32,
        }
    doc = {
        'source': 'PyWavelets %s: pywt.Wavelet(name).dec_lo / dec_hi; float32 taps from pywt.swt of a float32 impulse'
        % pywt.__version__,
        'wavelets': table,
    }
    with open(OUT, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
        f.write('\n')
    print('wrote %d wavelets to %s' % (len(table), os.path.relpath(OUT, ROOT)))


if __name__ == '__main__':
    main()
