import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script with JSDoc types, not part of the TypeScript project
import { CATALOG_PHP, renderCatalogPhp } from '../../integrations/wordpress/catalog.mjs';
import { MODELS } from '../../src/core/openai/models/catalog.ts';
import { capsFor } from '../../src/core/openai/models/lookup.ts';
import { priceUsage } from '../../src/server/proxy/usage.ts';

// The plugin's model list and prices are generated from the catalogue; this is the check that
// the committed PHP is what the catalogue says, and that PHP prices a usage as the server does.
describe('the WordPress plugin\'s catalogue', () => {
  test('includes/class-catalog.php is what catalog.mjs writes from src/core/openai/models/catalog.ts', () => {
    expect(readFileSync(CATALOG_PHP, 'utf8'), 'run `node integrations/wordpress/catalog.mjs`').toBe(renderCatalogPhp(MODELS));
  });

  test('PHP\'s Logic::cost gives the server\'s price for every model, priced or not', () => {
    const usages = [
      { input_tokens: 1100, output_tokens: 4160, input_tokens_details: { text_tokens: 100, image_tokens: 1000 } },
      { input_tokens: 1100, output_tokens: 272 }, // no details: input counted as image tokens
    ];
    const models = [...MODELS.filter((m) => m.endpoints.includes('images.edit')).map((m) => m.id), 'a-gateway-model'];
    const php = `define('ABSPATH', '/'); require '${CATALOG_PHP.replace(/class-catalog\.php$/, '')}class-catalog.php'; require '${CATALOG_PHP.replace(/class-catalog\.php$/, '')}class-logic.php';
$out = []; foreach (json_decode($argv[1], true) as $m) { foreach (json_decode($argv[2], true) as $u) { $out[] = InpaintEditor\\Logic::cost($m, $u); } } echo json_encode($out);`;
    const got = JSON.parse(execFileSync('php', ['-r', php, '--', JSON.stringify(models), JSON.stringify(usages)], { encoding: 'utf8' })) as number[];
    const want = models.flatMap((m) => usages.map((u) => {
      const d = u.input_tokens_details;
      const usage = { inputTokens: u.input_tokens, outputTokens: u.output_tokens, totalTokens: u.input_tokens + u.output_tokens, inputTextTokens: d?.text_tokens, inputImageTokens: d?.image_tokens };
      return priceUsage(m === 'a-gateway-model' ? null : m, usage);
    }));
    expect(got.length).toBe(want.length);
    got.forEach((v, i) => expect(v, `${models[Math.floor(i / usages.length)]} usage ${i % usages.length}`).toBeCloseTo(want[i]!, 12));
    expect(capsFor('gpt-image-1-mini').pricing?.imageOut).toBe(8); // the rates really differ per model
  });
});
