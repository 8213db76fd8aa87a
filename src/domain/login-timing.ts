/**
 * Strapi compares a password with bcrypt only when the account exists, so an
 * unknown email was answered in a tenth of the time of a wrong password, and
 * the answer time told which accounts exist. For an unknown account we run
 * one compare against a dummy hash of the same cost as the real ones.
 */
import { randomBytes } from 'crypto';

export type PasswordCompare = (password: string, hash: string) => Promise<boolean>;

export type DummyCompare = {
  /** Computes the dummy hash now (at start-up), so the first unknown login is not slower than the rest. */
  prime(): Promise<void>;
  /** Spends one bcrypt compare of `password` against the dummy hash; the result is meaningless. */
  run(password: unknown, compare: PasswordCompare): Promise<void>;
};

/** `hash` makes a hash the way real passwords are hashed (same algorithm and cost). */
export function createDummyCompare(hash: (password: string) => Promise<string>): DummyCompare {
  let dummy: Promise<string> | undefined;
  const dummyHash = () => {
    dummy ??= hash(randomBytes(24).toString('base64url')).catch((error: unknown) => {
      dummy = undefined;
      throw error;
    });
    return dummy;
  };
  return {
    async prime() {
      await dummyHash();
    },
    async run(password, compare) {
      await compare(typeof password === 'string' ? password : '', await dummyHash());
    },
  };
}
