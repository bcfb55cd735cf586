import { afterAll, describe, expect, it } from 'vitest';
import { imageTypeJobs, ImageTypePool, parallelExtractCase } from '../../../../src/cli/extract/parallelCase';
import { readImage, readImageChannels } from '../../../../src/main/engine/io/readImage';
import { extractCase } from '../../../../src/main/engine/radiomics/extractor';
import { parseParams } from '../../../../src/main/engine/radiomics/paramsFile';
import { oraclePath } from '../../../support/oracle';

const data = (f: string): string => oraclePath('pyradiomics', 'data', f);
const PARAMS = `
setting: {binWidth: 25}
imageType:
  Original: {}
  LoG: {sigma: [1.0, 3.0]}
  Wavelet: {}
  Square: {}
featureClass:
  firstorder:
  glcm: [Contrast, Idmn]
  glszm: [ZoneEntropy]
  shape: [VoxelVolume]
`;

describe('parallelExtractCase (image types of one case on worker threads)', () => {
  const pool = new ImageTypePool(2);
  afterAll(() => pool.close());

  it('splits LoG into one job per σ, keeping parameter-file order', () => {
    expect(imageTypeJobs(parseParams(PARAMS)).map((j) => `${j.key}:${j.filter.sigmaText.join(',')}`)).toEqual([
      'Original:',
      'LoG:1.0',
      'LoG:3.0',
      'Wavelet:',
      'Square:',
    ]);
  });

  it('returns the row extractCase returns: same keys, same order, bit-identical values', async () => {
    const params = parseParams(PARAMS);
    const images = { image: readImage(data('breast1_image.nrrd')), maskChannels: readImageChannels(data('breast1_label.nrrd')) };
    const serial = [...extractCase(images, params, { prefix: 'A_' })];
    const parallel = [...(await parallelExtractCase(images, params, { prefix: 'A_' }, pool))];
    expect(parallel.map(([k]) => k)).toEqual(serial.map(([k]) => k));
    parallel.forEach(([k, v], i) => expect(Object.is(v, serial[i]![1]), k).toBe(true));
    expect(serial.filter(([k]) => k.startsWith('A_wavelet-')).length).toBe(8 * (18 + 2 + 1));
  });

  it('reports a failing image type as the case error', async () => {
    const params = parseParams(PARAMS);
    params.imageTypes.push({ ...params.imageTypes[0]!, key: 'NoSuchType' });
    const images = { image: readImage(data('breast1_image.nrrd')), maskChannels: readImageChannels(data('breast1_label.nrrd')) };
    await expect(parallelExtractCase(images, params, {}, pool)).rejects.toThrow("image type 'NoSuchType' is not available in this build");
  });
});
