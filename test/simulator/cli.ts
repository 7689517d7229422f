// `npm run simulator -- --port N [--queued-ms N] [--processing-ms N] [--key K]`: the provider
// simulator as a standalone loopback server, for the demo and for tests in other processes.
import { ProviderSimulator } from './simulator';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

async function main(): Promise<void> {
  const simulator = new ProviderSimulator({
    apiKeys: option('key', 'sim-key').split(','),
    lifecycle: { queuedMs: Number(option('queued-ms', '1000')), processingMs: Number(option('processing-ms', '4000')) },
  });
  const url = await simulator.start(Number(option('port', '0')));
  console.log(`ImageGen provider simulator listening on ${url}`);
  console.log(`  AIReiter base URL: ${url}\n  JimmyAI base URL:  ${url}\n  OpenAI base URL:   ${url}\n  API key: ${option('key', 'sim-key')}`);
  const stop = async () => {
    await simulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
