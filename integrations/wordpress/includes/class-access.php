<?php
/**
 * Who may use the editor, and the errors the plugin's REST routes answer with.
 *
 * @package InpaintEditor
 */

namespace InpaintEditor;

defined( 'ABSPATH' ) || exit;

/**
 * REST access: 401 when logged out, 403 for a missing or bad nonce or a missing capability,
 * each a JSON error in the user's language that the editor shows as it is.
 */
final class Access {

	const NS = 'inpaint-editor/v1';

	/** Hooks. */
	public static function register(): void {
		add_filter( 'rest_authentication_errors', array( __CLASS__, 'reword_nonce_error' ), 101 );
		add_filter( 'rest_post_dispatch', array( __CLASS__, 'shape_error' ), 10, 3 );
	}

	/** Whether the current request is for one of the plugin's routes. */
	public static function is_own_route(): bool {
		$route = isset( $GLOBALS['wp']->query_vars['rest_route'] ) ? (string) $GLOBALS['wp']->query_vars['rest_route'] : '';
		return 0 === strpos( ltrim( $route, '/' ), self::NS . '/' );
	}

	/** The user whose logged-in cookie came with the request (0: none), whatever the nonce says. */
	private static function cookie_user(): int {
		return (int) wp_validate_auth_cookie( '', 'logged_in' );
	}

	/** Switches to the language of the user the request is from (the admin's language). */
	private static function user_language( int $user_id ): void {
		$locale = $user_id ? get_user_locale( $user_id ) : '';
		if ( '' === $locale || determine_locale() === $locale ) {
			return;
		}
		// switch_to_locale() refuses a language WordPress itself has no files for; the plugin's
		// own strings are loaded for it all the same.
		switch_to_locale( $locale );
		unload_textdomain( 'inpaint-editor' );
		load_textdomain( 'inpaint-editor', INPAINT_EDITOR_DIR . 'languages/inpaint-editor-' . $locale . '.mo' );
	}

	/**
	 * Core answers a bad nonce with its own 403; on the plugin's routes it gets the plugin's
	 * message in the user's language, or 401 when no logged-in cookie came with it.
	 *
	 * @param mixed $result What authentication found so far.
	 * @return mixed
	 */
	public static function reword_nonce_error( $result ) {
		if ( is_wp_error( $result ) && 'rest_cookie_invalid_nonce' === $result->get_error_code() && self::is_own_route() ) {
			$cookie_user = self::cookie_user();
			if ( ! $cookie_user ) {
				return self::logged_out();
			}
			self::user_language( $cookie_user );
			return self::error( 'inpaint_bad_nonce', __( 'Your session has expired. Reload the page and try again.', 'inpaint-editor' ), 403 );
		}
		return $result;
	}

	/**
	 * Whether the current user may use the editor at all: `upload_files`, and one of the roles
	 * the settings name (none named: every role with `upload_files`).
	 */
	public static function may_use(): bool {
		if ( ! current_user_can( 'upload_files' ) ) {
			return false;
		}
		$roles = Settings::get()['roles'];
		return empty( $roles ) || (bool) array_intersect( $roles, (array) wp_get_current_user()->roles );
	}

	/**
	 * The permission check of every route: logged in (401), with the REST nonce (403: core
	 * drops the user of a cookie without one), allowed to use the editor (403) and, when an
	 * attachment is named, to edit it (403).
	 *
	 * @param int $attachment_id The attachment the request is about, or 0.
	 * @return true|\WP_Error
	 */
	public static function check( int $attachment_id = 0 ) {
		if ( ! is_user_logged_in() ) {
			$cookie_user = self::cookie_user();
			if ( $cookie_user ) {
				self::user_language( $cookie_user );
				return self::error( 'inpaint_missing_nonce', __( 'The request came without its security token. Reload the page and try again.', 'inpaint-editor' ), 403 );
			}
			return self::logged_out();
		}
		self::user_language( get_current_user_id() );
		if ( ! self::may_use() ) {
			return self::error( 'inpaint_forbidden', __( 'You are not allowed to use the inpaint editor.', 'inpaint-editor' ), 403 );
		}
		if ( $attachment_id && ( 'attachment' !== get_post_type( $attachment_id ) || ! wp_attachment_is_image( $attachment_id ) ) ) {
			return self::error( 'inpaint_not_found', __( 'That image does not exist.', 'inpaint-editor' ), 404 );
		}
		if ( $attachment_id && ! current_user_can( 'edit_post', $attachment_id ) ) {
			return self::error( 'inpaint_cannot_edit', __( 'You are not allowed to edit this image.', 'inpaint-editor' ), 403 );
		}
		return true;
	}

	/**
	 * A REST error with its status.
	 *
	 * @param string $code    Machine code.
	 * @param string $message For the user, translated.
	 * @param int    $status  HTTP status.
	 */
	public static function error( string $code, string $message, int $status ): \WP_Error {
		return new \WP_Error( $code, $message, array( 'status' => $status ) );
	}

	/** 401: no logged-in cookie came with the request (a nonce alone proves nothing). */
	private static function logged_out(): \WP_Error {
		return self::error( 'inpaint_logged_out', __( 'You are not logged in. Log in to WordPress again.', 'inpaint-editor' ), 401 );
	}

	/**
	 * 413: a body over the cap.
	 *
	 * @param int $cap The cap in bytes.
	 */
	public static function too_large( int $cap ): \WP_Error {
		/* translators: %d: megabytes. */
		return self::error( 'inpaint_too_large', sprintf( __( 'The request is larger than this site accepts (%d MB).', 'inpaint-editor' ), (int) round( $cap / 1048576 ) ), 413 );
	}

	/**
	 * Errors of the plugin's routes also carry an OpenAI-shaped `error` (type `inpaint_host_error`),
	 * which the editor shows word for word, and `x-should-retry: false` (waiting cures none).
	 *
	 * @param \WP_REST_Response $response The answer.
	 * @param \WP_REST_Server   $server   The server.
	 * @param \WP_REST_Request  $request  The request.
	 */
	public static function shape_error( $response, $server, $request ) {
		if ( ! $response instanceof \WP_REST_Response || $response->get_status() < 400 || 0 !== strpos( ltrim( $request->get_route(), '/' ), self::NS ) ) {
			return $response;
		}
		$data = $response->get_data();
		if ( is_array( $data ) && isset( $data['code'], $data['message'] ) && ! isset( $data['error'] ) ) {
			$data['error'] = array(
				'message' => (string) $data['message'],
				'code'    => (string) $data['code'],
				'type'    => 'inpaint_host_error',
			);
			$response->set_data( $data );
			$response->header( 'x-should-retry', 'false' );
		}
		return $response;
	}
}
