<?php
/**
 * The plugin's pure logic: no WordPress calls, so PHPUnit tests it without a site.
 *
 * @package InpaintEditor
 */

namespace InpaintEditor;

defined( 'ABSPATH' ) || exit;

/**
 * Allowlist, multipart rebuilding, the daily limit, costs, the safety identifier and the
 * metadata of a saved edit.
 */
final class Logic {

	/** The OpenAI endpoints the editor uses, with their methods: everything else is 404. */
	const ALLOWED = array(
		'images/edits'       => array( 'POST' ),
		'images/generations' => array( 'POST' ),
		'responses'          => array( 'POST' ),
		'files'              => array( 'POST' ),
	);

	/**
	 * Whether `$method $path` is one the proxy forwards. `$path` is relative to the API base
	 * (`images/edits`), with no query, dot segment or doubled slash.
	 */
	public static function is_allowed( string $method, string $path ): bool {
		if ( ! preg_match( '#^[a-z]+(/[a-z]+)*$#', $path ) ) {
			return false;
		}
		return isset( self::ALLOWED[ $path ] ) && in_array( strtoupper( $method ), self::ALLOWED[ $path ], true );
	}

	/** Whether a request to `$path` makes an image (and so counts against the daily limit). */
	public static function is_billable( string $path ): bool {
		return 'files' !== $path;
	}

	/** The user's `safety_identifier`: a hash of the site and the user id, the same on every request. */
	public static function safety_identifier( string $site_url, int $user_id, string $salt ): string {
		return 'wp-' . substr( hash_hmac( 'sha256', $site_url . '|' . $user_id, $salt ), 0, 32 );
	}

	/** Whether a model takes `safety_identifier` on the Images API (GPT image models do; dall-e does not). */
	public static function takes_safety_identifier( string $model ): bool {
		return '' === $model || 0 === strpos( $model, 'gpt-image' ) || 0 === strpos( $model, 'chatgpt-image' );
	}

	/**
	 * A multipart/form-data body from PHP's parsed `$_POST` and `$_FILES` (PHP consumes the raw
	 * body of a multipart request). Array fields (`image[]`) come out as repeated parts.
	 *
	 * @param array  $fields   Scalars or lists of scalars, by name.
	 * @param array  $files    Each `['name' => field, 'filename' =>, 'type' =>, 'path' =>]`.
	 * @param string $boundary The boundary to use.
	 * @return string The body.
	 */
	public static function multipart( array $fields, array $files, string $boundary ): string {
		$out = '';
		foreach ( $fields as $name => $value ) {
			$values = is_array( $value ) ? array_values( $value ) : array( $value );
			$key    = is_array( $value ) ? $name . '[]' : $name;
			foreach ( $values as $v ) {
				$out .= '--' . $boundary . "\r\n"
					. 'Content-Disposition: form-data; name="' . self::quote( (string) $key ) . "\"\r\n\r\n"
					. (string) $v . "\r\n";
			}
		}
		foreach ( $files as $f ) {
			$out .= '--' . $boundary . "\r\n"
				. 'Content-Disposition: form-data; name="' . self::quote( $f['name'] ) . '"; filename="' . self::quote( $f['filename'] ) . "\"\r\n"
				. 'Content-Type: ' . ( '' !== $f['type'] ? $f['type'] : 'application/octet-stream' ) . "\r\n\r\n"
				. file_get_contents( $f['path'] ) . "\r\n"; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local upload's temp file.
		}
		return $out . '--' . $boundary . "--\r\n";
	}

	/** A name or filename made safe inside a quoted header parameter. */
	private static function quote( string $s ): string {
		return str_replace( array( '"', "\r", "\n" ), array( '%22', '%0D', '%0A' ), $s );
	}

	/**
	 * PHP's `$_FILES` (single or `name[]` arrays) as a flat list for {@see multipart()}.
	 *
	 * @param array $files PHP's `$_FILES`.
	 * @return array
	 */
	public static function flatten_files( array $files ): array {
		$out = array();
		foreach ( $files as $field => $f ) {
			if ( is_array( $f['name'] ) ) {
				foreach ( array_keys( $f['name'] ) as $i ) {
					if ( UPLOAD_ERR_OK === (int) $f['error'][ $i ] ) {
						$out[] = array( 'name' => $field . '[]', 'filename' => (string) $f['name'][ $i ], 'type' => (string) $f['type'][ $i ], 'path' => (string) $f['tmp_name'][ $i ] );
					}
				}
			} elseif ( UPLOAD_ERR_OK === (int) $f['error'] ) {
				$out[] = array( 'name' => (string) $field, 'filename' => (string) $f['name'], 'type' => (string) $f['type'], 'path' => (string) $f['tmp_name'] );
			}
		}
		return $out;
	}

	/**
	 * Today's usage record for a user, reset when the day (site time) changed.
	 *
	 * @param mixed  $stored What the user meta holds.
	 * @param string $today  `Y-m-d`.
	 * @return array `['day' => , 'edits' => int, 'dollars' => float]`.
	 */
	public static function usage_today( $stored, string $today ): array {
		if ( ! is_array( $stored ) || ( $stored['day'] ?? '' ) !== $today ) {
			return array( 'day' => $today, 'edits' => 0, 'dollars' => 0.0 );
		}
		return array( 'day' => $today, 'edits' => (int) ( $stored['edits'] ?? 0 ), 'dollars' => (float) ( $stored['dollars'] ?? 0 ) );
	}

	/**
	 * Whether a user has reached the daily limit. `$kind` is `off`, `edits` or `dollars`.
	 *
	 * @param array  $usage From {@see usage_today()}.
	 * @param string $kind  The limit's kind.
	 * @param float  $limit The number of edits or dollars a day.
	 */
	public static function limit_reached( array $usage, string $kind, float $limit ): bool {
		if ( 'edits' === $kind ) {
			return $usage['edits'] >= $limit;
		}
		if ( 'dollars' === $kind ) {
			return $usage['dollars'] >= $limit;
		}
		return false;
	}

	/**
	 * Dollars for a usage the API reported, at the model's rates (gpt-image-1's when unknown: the
	 * dearest, so a limit errs on the safe side). 0 when there is no usage.
	 *
	 * @param string     $model The model.
	 * @param array|null $usage `usage` from the answer.
	 */
	public static function cost( string $model, ?array $usage ): float {
		if ( ! $usage || ! isset( $usage['input_tokens'], $usage['output_tokens'] ) ) {
			return 0.0;
		}
		list( $text_in, $image_in, $image_out ) = Catalog::RATES[ $model ] ?? Catalog::DEAREST;
		// As src/core/openai/cost/usage.ts: input tokens not reported as text are charged as image tokens.
		$details      = $usage['input_tokens_details'] ?? array();
		$text_tokens  = (int) ( $details['text_tokens'] ?? 0 );
		$image_tokens = (int) ( $details['image_tokens'] ?? ( (int) $usage['input_tokens'] - $text_tokens ) );
		return ( $text_tokens * $text_in + $image_tokens * $image_in + (int) $usage['output_tokens'] * $image_out ) / 1e6;
	}

	/**
	 * The usage in an answer: a JSON body, or the last event of a stream that carries one
	 * (`image_edit.completed`, `response.completed`).
	 *
	 * @param string $body The answer's body.
	 * @return array|null
	 */
	public static function find_usage( string $body ): ?array {
		$json = json_decode( $body, true );
		if ( is_array( $json ) ) {
			return self::usage_of( $json );
		}
		$found = null;
		foreach ( preg_split( '/\r?\n/', $body ) as $line ) {
			if ( 0 === strpos( $line, 'data:' ) ) {
				$event = json_decode( trim( substr( $line, 5 ) ), true );
				$u     = is_array( $event ) ? self::usage_of( $event ) : null;
				$found = $u ?? $found;
			}
		}
		return $found;
	}

	/** `usage` of an answer or an event (a response's is under `response`). */
	private static function usage_of( array $json ): ?array {
		if ( isset( $json['usage'] ) && is_array( $json['usage'] ) ) {
			return $json['usage'];
		}
		if ( isset( $json['response']['usage'] ) && is_array( $json['response']['usage'] ) ) {
			return $json['response']['usage'];
		}
		return null;
	}

	/**
	 * A usage in the API's form (`input_tokens`, `output_tokens`, `input_tokens_details`), from
	 * the API's own or the editor's (`inputTokens`, `inputTextTokens`, `inputImageTokens`, …).
	 *
	 * @param array $u A usage.
	 */
	public static function api_usage( array $u ): array {
		if ( ! isset( $u['inputTokens'] ) ) {
			return $u;
		}
		$out = array(
			'input_tokens'  => (int) $u['inputTokens'],
			'output_tokens' => (int) ( $u['outputTokens'] ?? 0 ),
			'total_tokens'  => (int) ( $u['totalTokens'] ?? ( (int) $u['inputTokens'] + (int) ( $u['outputTokens'] ?? 0 ) ) ),
		);
		if ( isset( $u['inputTextTokens'] ) || isset( $u['inputImageTokens'] ) ) {
			$out['input_tokens_details'] = array(
				'text_tokens'  => (int) ( $u['inputTextTokens'] ?? 0 ),
				'image_tokens' => (int) ( $u['inputImageTokens'] ?? 0 ),
			);
		}
		return $out;
	}

	/**
	 * The post fields and meta of a saved edit.
	 *
	 * @param array $original `title`, `alt`, `caption`, `description`, `id` of the original.
	 * @param array $meta     The editor's result metadata (`prompt`, `provider`, `model`, `options`, `usage`, …).
	 * @param array $strings  Translated `edited` format (`%s (edited)`).
	 * @return array `['post' => [...], 'meta' => [...]]`.
	 */
	public static function saved_item( array $original, array $meta, array $strings ): array {
		$usage = isset( $meta['usage'] ) && is_array( $meta['usage'] ) ? self::api_usage( $meta['usage'] ) : null;
		$model = isset( $meta['model'] ) && is_string( $meta['model'] ) ? $meta['model'] : '';
		$cost  = isset( $meta['cost'] ) && is_numeric( $meta['cost'] ) ? (float) $meta['cost'] : ( $usage ? self::cost( $model, $usage ) : null );
		return array(
			'post' => array(
				'post_title'   => sprintf( $strings['edited'], $original['title'] ),
				'post_excerpt' => $original['caption'],
				'post_content' => $original['description'],
			),
			'meta' => array(
				'_wp_attachment_image_alt' => $original['alt'],
				'_inpaint_original'        => (int) $original['id'],
				'_inpaint_prompt'          => isset( $meta['prompt'] ) && is_string( $meta['prompt'] ) ? $meta['prompt'] : '',
				'_inpaint_provider'        => isset( $meta['provider'] ) && is_string( $meta['provider'] ) ? $meta['provider'] : 'local',
				'_inpaint_model'           => $model,
				'_inpaint_options'         => isset( $meta['options'] ) && is_array( $meta['options'] ) ? $meta['options'] : array(),
				'_inpaint_usage'           => $usage ?? array(),
				'_inpaint_cost'            => $cost,
			),
		);
	}
}
