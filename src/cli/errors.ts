/** A mistake in how the CLI was called (bad option, missing folder, unreadable --config): exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Which help to point at. */
    readonly topic: 'main' | 'check' | 'diff' | 'export' | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
