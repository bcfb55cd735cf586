import { describe, expect, it } from 'vitest';
import { decodeStageOutput, encodeStageOutput } from '../../../../../src/main/engine/study/stageCodec';

describe('stage output codec', () => {
  it('round-trips typed arrays, NaN, ±Infinity and −0 bit for bit', () => {
    const value = {
      a: Float64Array.from([1.5, NaN, -0, Infinity, 0.1 + 0.2]),
      b: Int32Array.from([3, -4]),
      c: Uint8Array.from([0, 255]),
      d: [NaN, -Infinity, -0, 1e-300, { e: null, f: 'x', g: true }],
    };
    const back = decodeStageOutput<typeof value>(encodeStageOutput(value));
    expect(back.a).toBeInstanceOf(Float64Array);
    expect(Array.from(back.a)).toEqual(Array.from(value.a));
    expect(Object.is(back.a[2], -0)).toBe(true);
    expect(back.b).toEqual(value.b);
    expect(back.c).toEqual(value.c);
    expect(Object.is(back.d[2], -0)).toBe(true);
    expect(back.d).toEqual(value.d);
    expect(encodeStageOutput(back)).toBe(encodeStageOutput(value));
  });

  it('refuses values it cannot restore exactly', () => {
    expect(() => encodeStageOutput({ m: new Map() })).toThrow(/cannot encode a Map/);
    expect(() => encodeStageOutput({ $num: 1 })).toThrow(/reserved/);
  });
});
