
import { describe, expect, it } from 'vitest';
import { decodePage } from '../../../harness/docs/read-page.ts';

describe('decodePage', () => {
  it('refuses NUL bytes, bad UTF-8 and empty text', () => {
    expect(decodePage(Buffer.from('a\0b'))).toMatchObject({ ok: false, reason: expect.stringContaining('binary') });
    expect(decodePage(Buffer.from([0xff, 0xfe, 0x41]))).toMatchObject({ ok: false, reason: 'is not UTF-8 text' });
    expect(decodePage(Buffer.from(' \n\n'))).toMatchObject({ ok: false, reason: 'is empty' });
    expect(decodePage(Buffer.from('\uFEFF# hi'))).toEqual({ ok: true, text: '# hi' });
  });
});
