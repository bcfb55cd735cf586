/**
 * PyWavelets' discrete filter banks (the `wavelet` setting of pyradiomics' Wavelet image type).
 * The taps are PyWavelets' own numbers (`pywt.Wavelet(name).dec_lo` / `.dec_hi`), exported once to
 * `waveletCoefficients.json` by `test/golden/generate/waveletCoefficients.py`.
 */
import table from './waveletCoefficients.json' with { type: 'json' };

/** Decomposition filters of one wavelet, exactly as pywt stores them. */
export interface WaveletFilterBank {
  name: string;
  /** Low-pass decomposition taps (pywt `dec_lo`), used for float64 data. */
  decLo: Float64Array;
  /** High-pass decomposition taps (pywt `dec_hi`), used for float64 data. */
  decHi: Float64Array;
  /**
   * The float32 taps pywt uses for float32 data (its separate float tables; for the coifN family these
   * are not the float32 rounding of `decLo`/`decHi`).
   */
  decLoFloat32: Float32Array;
  decHiFloat32: Float32Array;
}

interface TableEntry {
  decLo: number[];
  decHi: number[];
  decLoFloat32: number[];
  decHiFloat32: number[];
}

const WAVELETS = (table as { wavelets: Record<string, TableEntry> }).wavelets;

/** Every discrete wavelet name pywt offers (haar, db1–38, sym2–20, coif1–17, biorX.Y, rbioX.Y, dmey). */
export function waveletNames(): string[] {
  return Object.keys(WAVELETS);
}

/** The filter bank of a pywt wavelet name; throws naming the accepted names when unknown. */
export function waveletFilterBank(name: string): WaveletFilterBank {
  const entry = Object.hasOwn(WAVELETS, name) ? WAVELETS[name] : undefined;
  if (!entry) throw new Error(`unknown wavelet '${name}'; PyWavelets offers: ${waveletNames().join(', ')}`);
  return {
    name,
    decLo: Float64Array.from(entry.decLo),
    decHi: Float64Array.from(entry.decHi),
    decLoFloat32: Float32Array.from(entry.decLoFloat32),
    decHiFloat32: Float32Array.from(entry.decHiFloat32),
  };
}
