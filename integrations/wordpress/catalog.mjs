#!/usr/bin/env node
/**
 * Writes the plugin's model list and prices (includes/class-catalog.php) from the editor's model
 * catalogue (src/core/openai/models/catalog.ts), so PHP never restates it by hand.
 * test/unit/wordpressCatalog.test.ts fails when the committed file and the catalogue disagree.
 *
 *   node integrations/wordpress/catalog.mjs     # rewrite includes/class-catalog.php
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CATALOG_PHP = join(HERE, 'includes/class-catalog.php');

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The PHP file for a list of models (src/core/openai/models/types.ts ModelCaps): every model with the
 * images.edit endpoint, in catalogue order, and the token rates of those with published rates.
 * A model without rates is charged at the dearest ones (as the production server does).
 * @param {readonly import('../../src/core/openai/models/types.ts').ModelCaps[]} models
 */
export function renderCatalogPhp(models) {
  const editable = models.filter((m) => m.endpoints.includes('images.edit'));
  const priced = editable.filter((m) => m.pricing?.imageOut !== undefined);
  const dearest = ['textIn', 'imageIn', 'imageOut'].map((k) => Math.max(...models.map((m) => m.pricing?.[k] ?? 0)));
  const rate = (p) => `array( ${[p.textIn ?? 0, p.imageIn ?? 0, p.imageOut].join(', ')} )`;
  const width = Math.max(...priced.map((m) => q(m.id).length));
  return `<?php
/**
 * The image models and their prices, written by integrations/wordpress/catalog.mjs from the
 * editor's catalogue (src/core/openai/models/catalog.ts). Do not edit: change the catalogue and run
 * \`node integrations/wordpress/catalog.mjs\`.
 *
 * @package InpaintEditor
 */

namespace InpaintEditor;

defined( 'ABSPATH' ) || exit;

/** What the catalogue says, as PHP constants. */
final class Catalog {

	/** Models the editor can edit with, offered as the default model (current ones first). */
	const MODELS = array(
${editable.map((m) => `\t\t${q(m.id)},`).join('\n')}
	);

	/** Dollars per million tokens: text in, image in, image out. */
	const RATES = array(
${priced.map((m) => `\t\t${q(m.id).padEnd(width)} => ${rate(m.pricing)},`).join('\n')}
	);

	/** The dearest rates: a model without published rates is charged at these, never at zero. */
	const DEAREST = array( ${dearest.join(', ')} );
}
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { runnerImport } = await import('vite');
  const { module } = await runnerImport(join(HERE, '../../src/core/openai/models/catalog.ts'));
  writeFileSync(CATALOG_PHP, renderCatalogPhp(module.MODELS));
  console.log(`wrote ${CATALOG_PHP}`);
}
