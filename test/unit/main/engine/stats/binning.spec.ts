import { describe, expect, it } from 'vitest';
import { cutLabels, cutRightClosed, formatSignificant, seqBy } from '../../../../../src/main/engine/stats/binning';

describe('R cut() emulation', () => {
  it('assigns right-closed bins with the lowest break included', () => {
    const { bin, labels } = cutRightClosed([0, 0.1, 0.1000001, 0.5, 1, 1.5, -0.1], [0, 0.1, 0.5, 1]);
    expect(Array.from(bin)).toEqual([0, 0, 1, 1, 2, -1, -1]);
    expect(labels).toEqual(['[0,0.1]', '(0.1,0.5]', '(0.5,1]']);
    expect(cutRightClosed([0], [0, 1], false).bin[0]).toBe(-1);
  });
  it('formats breaks like formatC(digits = 3) and adds digits until labels differ', () => {
    expect(formatSignificant(0.0254905484539542, 3)).toBe('0.0255');
    expect(formatSignificant(0.44, 3)).toBe('0.44');
    expect(formatSignificant(123456, 3)).toBe('1.23e+05');
    expect(formatSignificant(0.00001234, 3)).toBe('1.23e-05');
    expect(formatSignificant(-2.5, 3)).toBe('-2.5');
    expect(cutLabels([0.1231, 0.1234, 0.2])).toEqual(['[0.1231,0.1234]', '(0.1234,0.2]']);
  });
  it('seqBy matches R seq(from, to, by)', () => {
    expect(Array.from(seqBy(0, 1, 0.25))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(seqBy(0, 1, 0.1)[3]).toBe(3 * 0.1);
    expect(() => seqBy(1, 0, 0.1)).toThrow();
  });
});
