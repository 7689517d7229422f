/** One contributed command; each lives in its own class so its dependencies are explicit. */
export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}
