<?php
/**
 * The image models and their prices, written by integrations/wordpress/catalog.mjs from the
 * editor's catalogue (src/core/openai/models/catalog.ts). Do not edit: change the catalogue and run
 * `node integrations/wordpress/catalog.mjs`.
 *
 * @package InpaintEditor
 */

namespace InpaintEditor;

defined( 'ABSPATH' ) || exit;

/** What the catalogue says, as PHP constants. */
final class Catalog {

	/** Models the editor can edit with, offered as the default model (current ones first). */
	const MODELS = array(
		'gpt-image-2',
		'gpt-image-2-2026-04-21',
		'gpt-image-2.5-sunburst',
		'gpt-image-2.5-sunburst-2026-09-08',
		'gpt-image-2.5-flare',
		'gpt-image-2.5-flare-2026-09-08',
		'gpt-image-2.6-sunburst',
		'gpt-image-2.6-flare',
		'gpt-image-1.5',
		'gpt-image-1-mini',
		'chatgpt-image-latest',
		'gpt-image-1',
		'dall-e-2',
	);

	/** Dollars per million tokens: text in, image in, image out. */
	const RATES = array(
		'gpt-image-2'            => array( 5, 8, 30 ),
		'gpt-image-2-2026-04-21' => array( 5, 8, 30 ),
		'gpt-image-1.5'          => array( 5, 8, 32 ),
		'gpt-image-1-mini'       => array( 2, 2.5, 8 ),
		'gpt-image-1'            => array( 5, 10, 40 ),
	);

	/** The dearest rates: a model without published rates is charged at these, never at zero. */
	const DEAREST = array( 5, 10, 40 );
}
