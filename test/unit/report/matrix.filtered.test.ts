import { describe, expect, it } from 'vitest';
import type { SampleResult } from '../../../harness/model.ts';
import { report } from '../../helpers/run-report.ts';


describe('filteredSentence', () => {
  it('names what each sample\'s line filters dropped, and nothing when none did', async () => {
    const { filteredSentence } = await import('../../../harness/report/matrix.ts');
    expect(filteredSentence(report.samples)).toBeUndefined();
    const withDrops = [{ ...report.samples[0]!, filtered: { 'go-download': 3, 'npm-notice': 1 } }, { ...report.samples[1]!, filtered: {} }] as SampleResult[];
    expect(filteredSentence(withDrops)).toBe(`line filters dropped (kept in the raw logs): ${report.samples[0]!.id} go-download ×3, npm-notice ×1`);
  });
});
