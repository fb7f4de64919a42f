import { describe, expect, it } from 'vitest';
import { makePractice, OWNER } from '../../helpers/make-practice.ts';

describe('smoke', () => {
  it('sets up, signs out and back in', async () => {
    const p = await makePractice();
    try {
      const s = await p.ok('app.status', {});
      expect(s.setUp).toBe(true);
      expect(s.session?.user.role).toBe('owner');
      await p.ok('auth.signOut', {});
      expect(p.core.ctx.vault.isOpen).toBe(false);
      const info = await p.signIn(OWNER.username, OWNER.password);
      expect(info.user.displayName).toBe(OWNER.displayName);
      const v = await p.ok('audit.verify', {});
      expect(v.ok).toBe(true);
    } finally {
      await p.close();
    }
  });
});
