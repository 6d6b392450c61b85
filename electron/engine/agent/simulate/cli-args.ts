import { ScenarioError } from './scenario.js';

export const USAGE = 'Usage: npm run simulate -- <scenario.json> [--out DIR]';

export function parseArgs(argv: string[]): { scenario: string; outDir: string | null } {
  let scenario: string | null = null;
  let outDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out') {
      const dir = argv[++i];
      if (!dir) throw new ScenarioError(`--out needs a directory. ${USAGE}`);
      outDir = dir;
    } else if (arg.startsWith('--')) {
      throw new ScenarioError(`Unknown option ${arg}. ${USAGE}`);
    } else if (scenario === null) {
      scenario = arg;
    } else {
      throw new ScenarioError(`Only one scenario file, got "${scenario}" and "${arg}". ${USAGE}`);
    }
  }
  if (scenario === null) throw new ScenarioError(`No scenario file given. ${USAGE}`);
  return { scenario, outDir };
}
