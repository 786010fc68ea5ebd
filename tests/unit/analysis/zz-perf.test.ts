import { it } from 'vitest';
import { generateOrganisation } from '../../../src/analysis/generate';
import { toAnalysisInput } from '../../../src/analysis/input';
import { analyse } from '../../../src/analysis/analyse';
it('perf', () => {
  for (const size of [500, 2000, 5000]) {
    const doc = generateOrganisation(size, 7);
    const input = toAnalysisInput(doc);
    analyse(input);
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      // new ties array -> defeat cache by changing one strength
      input.ties[size].strength = (k % 3) + 1;
      const t = performance.now(); analyse(input); times.push(performance.now() - t);
    }
    console.log(size, Object.keys(doc.ties).length, times.map((t) => t.toFixed(0)).join(' '));
  }
}, 120000);
