import { describe, expect, it } from '@jest/globals';
import { displayNameProblem, normalisePairingCode, pairingCodeProblem, wallLinks } from './displayLinks';

describe('wallLinks', () => {
  it("puts the server's path on this app's origin, and suggests kiosk and rotation", () => {
    expect(wallLinks('https://ioc.lamdong.gov.vn', '/?display=abc_DEF-123')).toEqual({
      url: 'https://ioc.lamdong.gov.vn/?display=abc_DEF-123',
      kioskUrl: 'https://ioc.lamdong.gov.vn/?display=abc_DEF-123&kiosk=1&rotate=30',
    });
  });
});

describe('the pairing code', () => {
  it('reads a code however it was typed', () => {
    expect(normalisePairingCode('k7qx m3pd')).toBe('K7QX-M3PD');
    expect(normalisePairingCode(' K7QXM3PD ')).toBe('K7QX-M3PD');
    expect(normalisePairingCode('k7qx-m3pd')).toBe('K7QX-M3PD');
    expect(pairingCodeProblem('k7qx m3pd')).toBeNull();
  });

  it('refuses what a wall never shows (0, O, 1, I, L; too short)', () => {
    expect(pairingCodeProblem('K7QX-M3P')).toEqual({ key: 'form.codeInvalid' });
    expect(pairingCodeProblem('K7QX-M3P0')).toEqual({ key: 'form.codeInvalid' });
    expect(pairingCodeProblem('')).toEqual({ key: 'form.codeInvalid' });
  });

  it('wants a name', () => {
    expect(displayNameProblem('  ')).toEqual({ key: 'form.nameRequired' });
    expect(displayNameProblem('Sảnh Trung tâm')).toBeNull();
  });
});
