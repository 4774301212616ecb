<?php
/**
 * The REST proxy to OpenAI: `/wp-json/inpaint-editor/v1/openai/<path>`. The key is added here,
 * on the server; the browser never holds it.
 *
 * @package InpaintEditor
 */

namespace InpaintEditor;

defined( 'ABSPATH' ) || exit;

/**
 * Forwards the four endpoints the editor uses, streams server-sent events as they arrive, caps
 * bodies, counts each user's daily edits and dollars.
 */
final class Proxy {

	const USAGE_META = 'inpaint_editor_usage';

	/** Answer headers passed back to the editor; nothing else (no cookies, no upstream internals). */
	const PASS_HEADERS = array( 'content-type', 'x-request-id', 'retry-after', 'retry-after-ms', 'x-should-retry' );

	/** Hooks. */
	public static function register(): void {
		add_action( 'rest_api_init', array( __CLASS__, 'routes' ) );
	}

	/** The route: every method, every path; the callback sorts them. */
	public static function routes(): void {
		register_rest_route(
			Access::NS,
			'/openai/(?P<path>.+)',
			array(
				'methods'             => \WP_REST_Server::ALLMETHODS,
				'callback'            => array( __CLASS__, 'forward' ),
				'permission_callback' => static function () {
					return Access::check();
				},
			)
		);
	}

	/** Today in the site's time zone. */
	private static function today(): string {
		return wp_date( 'Y-m-d' );
	}

	/** The current user's usage today. */
	public static function usage( int $user_id ): array {
		return Logic::usage_today( get_user_meta( $user_id, self::USAGE_META, true ), self::today() );
	}

	/**
	 * Checks the request, then forwards it and streams the answer back (and exits), or answers
	 * with an error: 404 outside the allowlist, 413 over the cap, 429 at the daily limit.
	 *
	 * @param \WP_REST_Request $request The request.
	 * @return \WP_Error|void
	 */
	public static function forward( \WP_REST_Request $request ) {
		$path   = trim( (string) $request['path'], '/' );
		$method = $request->get_method();
		if ( ! Logic::is_allowed( $method, $path ) ) {
			return Access::error( 'inpaint_not_allowed', __( 'The editor asked for something this site does not forward.', 'inpaint-editor' ), 404 );
		}
		$cap    = Settings::max_body_bytes();
		$length = (int) $request->get_header( 'content_length' );
		if ( $length > $cap ) {
			return Access::too_large( $cap );
		}
		$user     = get_current_user_id();
		$settings = Settings::get();
		if ( Logic::is_billable( $path ) && Logic::limit_reached( self::usage( $user ), $settings['limit_kind'], (float) $settings['limit_value'] ) ) {
			return Access::error( 'inpaint_daily_limit', __( 'You have reached your daily limit of image edits on this site. Try again tomorrow, or use the local fill.', 'inpaint-editor' ), 429 );
		}
		$key = Settings::api_key();
		if ( '' === $key ) {
			return Access::error( 'inpaint_no_key', __( 'No OpenAI key is set on this site. An administrator can set one under Settings → Inpaint editor.', 'inpaint-editor' ), 503 );
		}
		$body = self::upstream_body( $request, $path, Logic::safety_identifier( home_url(), $user, wp_salt( 'auth' ) ) );
		if ( strlen( $body['body'] ) > $cap ) {
			return Access::too_large( $cap );
		}
		$answer = self::stream( $settings['upstream'] . '/' . $path, $method, $key, $body );
		if ( null === $answer ) {
			return Access::error( 'inpaint_upstream', __( 'The site could not reach the image service. Try again in a moment.', 'inpaint-editor' ), 502 );
		}
		if ( $answer['status'] < 300 && Logic::is_billable( $path ) ) {
			$usage             = self::usage( $user );
			$usage['edits']   += 1;
			$usage['dollars'] += Logic::cost( $body['model'], Logic::find_usage( $answer['body'] ) );
			update_user_meta( $user, self::USAGE_META, $usage );
		}
		exit;
	}

	/**
	 * The body to send upstream, with the user's `safety_identifier`: JSON as JSON, multipart
	 * rebuilt from what PHP parsed (PHP keeps no raw multipart body).
	 *
	 * @param \WP_REST_Request $request    The request.
	 * @param string           $path       The API path (`responses`, `images/edits`, …).
	 * @param string           $safety_id  The user's safety identifier.
	 * @return array `body`, `type`, `model`.
	 */
	private static function upstream_body( \WP_REST_Request $request, string $path, string $safety_id ): array {
		$type = (string) $request->get_content_type()['value'];
		if ( 'multipart/form-data' === $type ) {
			$fields = wp_unslash( $_POST ); // phpcs:ignore WordPress.Security.NonceVerification.Missing -- the REST nonce was checked in the permission callback.
			$model  = isset( $fields['model'] ) && is_string( $fields['model'] ) ? $fields['model'] : '';
			if ( Logic::takes_safety_identifier( $model ) ) {
				$fields['safety_identifier'] = $safety_id;
			}
			$boundary = 'inpaint' . wp_generate_password( 24, false );
			return array(
				'body'  => Logic::multipart( $fields, Logic::flatten_files( $_FILES ), $boundary ), // phpcs:ignore WordPress.Security.NonceVerification.Missing
				'type'  => 'multipart/form-data; boundary=' . $boundary,
				'model' => $model,
			);
		}
		$json = json_decode( $request->get_body(), true );
		if ( is_array( $json ) ) {
			// The Responses API takes it whatever the model; the Images API for GPT image models only.
			if ( 'responses' === $path || Logic::takes_safety_identifier( isset( $json['model'] ) ? (string) $json['model'] : '' ) ) {
				$json['safety_identifier'] = $safety_id;
			}
			return array(
				'body'  => wp_json_encode( $json ),
				'type'  => 'application/json',
				'model' => self::responses_model( $json ),
			);
		}
		return array( 'body' => $request->get_body(), 'type' => '' !== $type ? $type : 'application/octet-stream', 'model' => '' );
	}

	/** The image model of a Responses request (its `image_generation` tool's), else its model. */
	private static function responses_model( array $json ): string {
		foreach ( (array) ( $json['tools'] ?? array() ) as $tool ) {
			if ( is_array( $tool ) && 'image_generation' === ( $tool['type'] ?? '' ) && isset( $tool['model'] ) ) {
				return (string) $tool['model'];
			}
		}
		return isset( $json['model'] ) ? (string) $json['model'] : '';
	}

	/**
	 * Sends the request with curl and writes the answer through as it arrives (status and
	 * headers on the first byte, each chunk flushed). Null when no answer came at all.
	 *
	 * @param string $url    Upstream URL.
	 * @param string $method HTTP method.
	 * @param string $key    The API key.
	 * @param array  $body   From {@see upstream_body()}.
	 * @return array|null `status`, `body` (what was passed on).
	 */
	private static function stream( string $url, string $method, string $key, array $body ): ?array {
		// phpcs:disable WordPress.WP.AlternativeFunctions.curl_curl_setopt_array,WordPress.WP.AlternativeFunctions.curl_curl_init,WordPress.WP.AlternativeFunctions.curl_curl_exec,WordPress.WP.AlternativeFunctions.curl_curl_close -- wp_remote_* cannot stream an answer through as it arrives.
		if ( function_exists( 'set_time_limit' ) ) {
			set_time_limit( 0 );
		}
		while ( ob_get_level() > 0 ) {
			ob_end_clean();
		}
		$status  = 0;
		$headers = array();
		$started = false;
		$seen    = '';
		$start   = static function () use ( &$status, &$headers, &$started ) {
			$started = true;
			status_header( $status );
			foreach ( $headers as $name => $value ) {
				header( $name . ': ' . $value );
			}
			header( 'Cache-Control: no-cache, no-store' );
			header( 'X-Accel-Buffering: no' );
			header( 'X-Content-Type-Options: nosniff' );
		};
		$ch = curl_init( $url );
		curl_setopt_array(
			$ch,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_POSTFIELDS     => $body['body'],
				CURLOPT_HTTPHEADER     => array( 'Authorization: Bearer ' . $key, 'Content-Type: ' . $body['type'], 'Accept: application/json, text/event-stream', 'Expect:' ),
				CURLOPT_CONNECTTIMEOUT => 15,
				CURLOPT_HEADERFUNCTION => static function ( $ch, $line ) use ( &$status, &$headers ) {
					if ( preg_match( '#^HTTP/\S+\s+(\d{3})#', $line, $m ) ) {
						$status  = (int) $m[1];
						$headers = array();
					} elseif ( false !== strpos( $line, ':' ) ) {
						list( $name, $value ) = array_map( 'trim', explode( ':', $line, 2 ) );
						if ( in_array( strtolower( $name ), self::PASS_HEADERS, true ) ) {
							$headers[ strtolower( $name ) ] = $value;
						}
					}
					return strlen( $line );
				},
				CURLOPT_WRITEFUNCTION  => static function ( $ch, $chunk ) use ( &$started, &$seen, $start ) {
					if ( ! $started ) {
						$start();
					}
					echo $chunk; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- the upstream's answer, passed through as bytes.
					flush();
					$seen .= $chunk;
					return strlen( $chunk );
				},
			)
		);
		$ok = curl_exec( $ch );
		curl_close( $ch );
		// phpcs:enable
		if ( ! $status ) {
			return null;
		}
		if ( ! $started ) {
			$start();
		}
		unset( $ok );
		return array( 'status' => $status, 'body' => $seen );
	}
}
