import { hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('verifies the right password only', async () => {
    const hash = await hashPassword('portal-demo');

    expect(hash).toMatch(/^scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    await expect(verifyPassword('portal-demo', hash)).resolves.toBe(true);
    await expect(verifyPassword('portal-demo ', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const first = await hashPassword('same password');
    const second = await hashPassword('same password');
    expect(first).not.toBe(second);
  });

  it('verifies hashes with other parameters', async () => {
    const weak = await hashPassword('old password', { log2Cost: 10, blockSize: 8, parallelization: 1 });

    await expect(verifyPassword('old password', weak)).resolves.toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('new password'))).toBe(false);
  });

  it.each([
    '',
    'plain text',
    'scrypt$ln=15,r=8,p=1$c2FsdA$a2V5',
    'scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5',
    'bcrypt$2b$10$abcdefghijklmnopqrstuv',
  ])('treats the unusable hash %j as a mismatch', async (hash) => {
    await expect(verifyPassword('anything', hash)).resolves.toBe(false);
  });

  it('runs a dummy check for unknown accounts', async () => {
    await expect(verifyDummyPassword('portal-demo')).resolves.toBe(false);
  });
});
