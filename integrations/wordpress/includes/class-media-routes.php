<?php
/**
 * REST routes for opening an image in the editor and saving the result as a new attachment.
 *
 * @package InpaintEditor
 */

namespace InpaintEditor;

defined( 'ABSPATH' ) || exit;

/** `GET source/<id>` and `POST save`: both need `edit_post` on the image, checked here. */
final class Media_Routes {

	const MASK_META = '_inpaint_mask';

	/** Hooks. */
	public static function register(): void {
		add_action( 'rest_api_init', array( __CLASS__, 'routes' ) );
	}

	/** The two routes. */
	public static function routes(): void {
		register_rest_route(
			Access::NS,
			'/source/(?P<id>\d+)',
			array(
				'methods'             => 'GET',
				'callback'            => array( __CLASS__, 'source' ),
				'permission_callback' => static function ( \WP_REST_Request $r ) {
					return Access::check( (int) $r['id'] );
				},
			)
		);
		register_rest_route(
			Access::NS,
			'/save',
			array(
				'methods'             => 'POST',
				'callback'            => array( __CLASS__, 'save' ),
				'permission_callback' => static function ( \WP_REST_Request $r ) {
					$ok = Access::check( (int) $r['source'] );
					if ( true === $ok && ! (int) $r['source'] ) {
						return Access::error( 'inpaint_not_found', __( 'That image does not exist.', 'inpaint-editor' ), 404 );
					}
					return $ok;
				},
			)
		);
	}

	/**
	 * What the editor opens: the full-size original (never WordPress's `-scaled` copy).
	 *
	 * @param \WP_REST_Request $request The request.
	 */
	public static function source( \WP_REST_Request $request ): \WP_REST_Response {
		$id  = (int) $request['id'];
		$url = wp_get_original_image_url( $id );
		return new \WP_REST_Response(
			array(
				'id'    => $id,
				'url'   => $url ? $url : wp_get_attachment_url( $id ),
				'name'  => wp_basename( (string) wp_get_original_image_path( $id ) ),
				'title' => get_the_title( $id ),
			)
		);
	}

	/**
	 * The PNG bytes of an uploaded part, or null when it is missing or not a PNG.
	 *
	 * @param array|null $file A `$_FILES` entry.
	 * @param int        $max  Largest size in bytes.
	 */
	private static function png_upload( $file, int $max ): ?string {
		if ( ! is_array( $file ) || UPLOAD_ERR_OK !== (int) $file['error'] || (int) $file['size'] > $max || ! is_uploaded_file( $file['tmp_name'] ) ) {
			return null;
		}
		$bytes = file_get_contents( $file['tmp_name'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- an upload's temp file.
		return is_string( $bytes ) && 0 === strncmp( $bytes, "\x89PNG\r\n\x1a\n", 8 ) ? $bytes : null;
	}

	/**
	 * Saves the editor's result as a new attachment beside the original (which is never touched):
	 * "<title> (edited)", the same alt, caption and description, lineage meta, the mask as meta.
	 *
	 * @param \WP_REST_Request $request The request: `source`, `metadata` (JSON), files `image`, `mask`.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public static function save( \WP_REST_Request $request ) {
		$source = (int) $request['source'];
		$files  = $request->get_file_params();
		$cap    = Settings::max_body_bytes();
		if ( (int) $request->get_header( 'content_length' ) > $cap ) {
			return Access::too_large( $cap );
		}
		$image = self::png_upload( $files['image'] ?? null, $cap );
		if ( null === $image ) {
			return Access::error( 'inpaint_bad_image', __( 'The edited image did not arrive as a PNG.', 'inpaint-editor' ), 400 );
		}
		$mask = self::png_upload( $files['mask'] ?? null, $cap );
		$meta = json_decode( (string) $request['metadata'], true );
		$item = Logic::saved_item(
			array(
				'id'          => $source,
				'title'       => get_the_title( $source ),
				'alt'         => (string) get_post_meta( $source, '_wp_attachment_image_alt', true ),
				'caption'     => (string) get_post_field( 'post_excerpt', $source, 'raw' ),
				'description' => (string) get_post_field( 'post_content', $source, 'raw' ),
			),
			is_array( $meta ) ? $meta : array(),
			/* translators: %s: the original image's title. */
			array( 'edited' => __( '%s (edited)', 'inpaint-editor' ) )
		);

		$name     = pathinfo( (string) wp_get_original_image_path( $source ), PATHINFO_FILENAME );
		$name     = preg_replace( '/-scaled$/', '', $name ) . '-edited.png';
		$uploaded = wp_upload_bits( $name, null, $image );
		if ( ! empty( $uploaded['error'] ) ) {
			return Access::error( 'inpaint_store_failed', __( 'The edited image could not be stored.', 'inpaint-editor' ), 500 );
		}
		$id = wp_insert_attachment(
			array_merge(
				$item['post'],
				array(
					'post_mime_type' => 'image/png',
					'post_status'    => 'inherit',
					'post_author'    => get_current_user_id(),
					'guid'           => $uploaded['url'],
				)
			),
			$uploaded['file'],
			0,
			true
		);
		if ( is_wp_error( $id ) ) {
			wp_delete_file( $uploaded['file'] );
			return Access::error( 'inpaint_store_failed', __( 'The edited image could not be stored.', 'inpaint-editor' ), 500 );
		}
		require_once ABSPATH . 'wp-admin/includes/image.php';
		wp_update_attachment_metadata( $id, wp_generate_attachment_metadata( $id, $uploaded['file'] ) );
		foreach ( $item['meta'] as $key => $value ) {
			update_post_meta( $id, $key, wp_slash( $value ) );
		}
		if ( null !== $mask ) {
			update_post_meta( $id, self::MASK_META, base64_encode( $mask ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- PNG bytes kept as text meta.
		}
		$size = wp_getimagesize( $uploaded['file'] );
		return new \WP_REST_Response(
			array(
				'id'       => $id,
				'url'      => wp_get_attachment_url( $id ),
				'title'    => get_the_title( $id ),
				'alt'      => $item['meta']['_wp_attachment_image_alt'],
				'width'    => $size ? $size[0] : 0,
				'height'   => $size ? $size[1] : 0,
				'editLink' => get_edit_post_link( $id, 'raw' ),
			),
			201
		);
	}
}
