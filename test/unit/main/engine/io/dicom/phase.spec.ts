import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignPhases, type PhaseSeriesInput } from '../../../../../../src/main/engine/io/dicom/phase';
import { listFilesRecursively, scanDicomFiles, seriesMetadata } from '../../../../../../src/main/engine/io/dicom/series';
import { TAG } from '../../../../../../src/main/engine/io/dicom/tags';
import { writeCtSlice } from '../../../../../support/dicomWriter';
import { tempDir } from '../../../../../support/tmp';

let n = 0;
function series(p: Partial<PhaseSeriesInput>): PhaseSeriesInput {
  n++;
  return { seriesInstanceUid: `1.2.${n}`, studyInstanceUid: 'study', ...p };
}

function phases(input: PhaseSeriesInput[]): string[] {
  return assignPhases(input).map((a) => a.phase);
}

describe('assignPhases', () => {
  it('reads English and Chinese description keywords', () => {
    const input = [
      series({ seriesDescription: 'ABD PLAIN 5mm' }),
      series({ seriesDescription: 'Arterial 1.0 B30f' }),
      series({ seriesDescription: 'PORTAL VENOUS 5.0' }),
      series({ seriesDescription: 'Delayed 3min' }),
      series({ seriesDescription: '动脉期 1.25mm' }),
      series({ seriesDescription: '静脉期' }),
      series({ seriesDescription: '延迟期' }),
      series({ seriesDescription: '平扫' }),
      series({ protocolName: 'CTA_Abdomen' }),
    ];
    expect(phases(input)).toEqual(['non-contrast', 'arterial', 'venous', 'delayed', 'arterial', 'venous', 'delayed', 'non-contrast', 'arterial']);
    expect(assignPhases(input)[1]).toMatchObject({ basis: 'description', reason: expect.stringContaining('"Arterial 1.0 B30f" names the arterial phase') });
  });

  it('does not read phase words inside other words or ambiguous descriptions', () => {
    const input = [series({ seriesDescription: 'Artifact check' }), series({ seriesDescription: 'Venous delayed' }), series({ seriesDescription: 'Chest 1.0' })];
    const a = assignPhases(input);
    expect(a.map((x) => x.phase)).toEqual(['unassigned', 'unassigned', 'unassigned']);
    expect(a[1].reason).toMatch(/names several phases \(venous, delayed\)/);
  });

  it('uses the delay after contrast start, with unsure gaps between windows', () => {
    const t = (acq: string) => series({ contrastBolusStartTime: '100000', acquisitionTime: acq });
    const a = assignPhases([t('100030'), t('100110'), t('100300.5'), t('100047'), t('100010'), t('100150')]);
    expect(a.map((x) => x.phase)).toEqual(['arterial', 'venous', 'delayed', 'unassigned', 'unassigned', 'unassigned']);
    expect(a[0]).toMatchObject({ basis: 'timing', delaySeconds: 30 });
    expect(a[3].reason).toMatch(/47 s after contrast start, outside every phase window/);
    expect(a[5].reason).toMatch(/110 s after contrast start, outside every phase window/);
    // across midnight
    expect(assignPhases([series({ contrastBolusStartTime: '235950', acquisitionTime: '000025' })])[0]).toMatchObject({ phase: 'arterial', delaySeconds: 35 });
  });

  it('reports a conflict between description and timing as unassigned', () => {
    const [a] = assignPhases([series({ seriesDescription: 'Arterial', contrastBolusStartTime: '100000', acquisitionTime: '100130' })]);
    expect(a.phase).toBe('unassigned');
    expect(a.reason).toMatch(/^conflict: .*arterial.*90 s after contrast start \(venous window/);
    const [b] = assignPhases([series({ seriesDescription: 'Venous', contrastBolusStartTime: '100000', acquisitionTime: '100130' })]);
    expect(b).toMatchObject({ phase: 'venous', basis: 'description+timing' });
  });

  it('orders three enhanced acquisitions (reconstructions share an acquisition) after a non-contrast one', () => {
    const input = [
      series({ acquisitionTime: '101000', contrastBolusAgent: 'Iopromide' }),
      series({ acquisitionTime: '100800' }),
      series({ acquisitionTime: '101130', contrastBolusAgent: 'Iopromide' }),
      series({ acquisitionTime: '101000.8', contrastBolusAgent: 'Iopromide' }), // 1 mm recon of the 10:10 acquisition
      series({ acquisitionTime: '101400', contrastBolusAgent: 'Iopromide' }),
    ];
    const a = assignPhases(input);
    expect(a.map((x) => x.phase)).toEqual(['arterial', 'non-contrast', 'venous', 'arterial', 'delayed']);
    expect(a[0].basis).toBe('acquisition-order');
  });

  it('leaves two enhanced acquisitions without other evidence unassigned, but fills a single gap between known phases', () => {
    expect(
      phases([series({ acquisitionTime: '101000', contrastBolusAgent: 'X' }), series({ acquisitionTime: '101100', contrastBolusAgent: 'X' })]),
    ).toEqual(['unassigned', 'unassigned']);
    expect(
      phases([
        series({ acquisitionTime: '101000', seriesDescription: 'ART' }),
        series({ acquisitionTime: '101100', seriesDescription: 'abdomen 5mm' }),
        series({ acquisitionTime: '101400', seriesDescription: 'DELAY' }),
      ]),
    ).toEqual(['arterial', 'venous', 'delayed']);
  });

  it('refuses phases that contradict the acquisition order', () => {
    const a = assignPhases([series({ acquisitionTime: '101000', seriesDescription: 'Venous' }), series({ acquisitionTime: '101100', seriesDescription: 'Arterial' })]);
    expect(a.map((x) => x.phase)).toEqual(['unassigned', 'unassigned']);
    expect(a[0].reason).toMatch(/out of acquisition order \(venous → arterial\)/);
  });

  it('handles studies independently', () => {
    const a = assignPhases([
      series({ studyInstanceUid: 'A', acquisitionTime: '090000', seriesDescription: 'Venous' }),
      series({ studyInstanceUid: 'B', acquisitionTime: '080000', seriesDescription: 'Arterial' }),
    ]);
    expect(a.map((x) => x.phase)).toEqual(['venous', 'arterial']);
  });
});

describe('assignPhases on scanned series headers', () => {
  it('takes its input from seriesMetadata of each scanned series', () => {
    const dir = tempDir();
    const phasesByTime: [string, string, string][] = [
      ['101000', 'NC 5mm', ''],
      ['101130', 'ABD 5mm', 'Iohexol'],
      ['101200', 'ABD 5mm', 'Iohexol'],
      ['101500', 'ABD 5mm', 'Iohexol'],
    ];
    phasesByTime.forEach(([time, description, agent], s) => {
      for (let k = 0; k < 2; k++) {
        writeCtSlice(join(dir, `s${s}_${k}.dcm`), {
          rows: 2,
          columns: 2,
          position: [0, 0, k],
          pixels: new Int16Array(4),
          sopUid: `1.2.3.${s}.${k}`,
          seriesUid: `1.2.3.${s}`,
          seriesDescription: description,
          extra: [
            { tag: TAG.AcquisitionTime, vr: 'TM', value: time },
            ...(agent ? [{ tag: TAG.ContrastBolusAgent, vr: 'LO', value: agent }] : []),
          ],
        });
      }
    });
    const entries = scanDicomFiles(listFilesRecursively(dir)).series.sort((a, b) => a.seriesInstanceUid.localeCompare(b.seriesInstanceUid));
    const a = assignPhases(entries.map((e) => ({ ...seriesMetadata(e.instances), seriesInstanceUid: e.seriesInstanceUid, studyInstanceUid: e.studyInstanceUid })));
    expect(a.map((x) => x.phase)).toEqual(['non-contrast', 'arterial', 'venous', 'delayed']);
    expect(a[0].basis).toBe('description');
  });
});
