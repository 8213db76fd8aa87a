/**
 * An error in the deployment's configuration (environment variables).
 * `scripts/strapi.js` prints these as one line instead of a stack trace.
 */
export class ConfigError extends Error {
  readonly isConfigError = true;

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
