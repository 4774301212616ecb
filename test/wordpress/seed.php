<?php
/**
 * Seeds the throwaway WordPress: users of each role, the plugin active with its settings,
 * images owned by different users (one larger than 2560 px, so WordPress keeps a -scaled copy);
 * with `plugin: false`, the users only. Prints JSON with what the tests need.
 * Run: php seed.php <site dir> <json options>.
 */
$site = $argv[1];
$opts = json_decode( $argv[2], true );
define( 'WP_ADMIN', true );
$_SERVER['HTTP_HOST']   = parse_url( $opts['url'], PHP_URL_HOST ) . ':' . parse_url( $opts['url'], PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';

update_option( 'permalink_structure', '/%postname%/' );
flush_rewrite_rules();
$users = array();
foreach ( array( 'editor', 'author', 'author2', 'subscriber', 'limited' ) as $login ) {
	$role   = 'author2' === $login ? 'author' : ( 'limited' === $login ? 'editor' : $login );
	$id     = wp_insert_user( array( 'user_login' => $login, 'user_pass' => $opts['password'], 'user_email' => $login . '@example.test', 'role' => $role, 'locale' => 'limited' === $login ? 'zh_CN' : '' ) );
	$users[ $login ] = $id;
	if ( 'limited' === $login ) {
		update_user_meta( $id, 'admin_color', 'midnight' );
	}
}
// A site without the plugin (for installing it from the zip): its users only.
if ( empty( $opts['plugin'] ) ) {
	echo "\n@@JSON@@" . wp_json_encode( array( 'users' => $users, 'images' => array(), 'post' => 0 ) );
	exit( 0 );
}
$r = activate_plugin( 'inpaint-editor/inpaint-editor.php' );
if ( is_wp_error( $r ) ) {
	fwrite( STDERR, $r->get_error_message() );
	exit( 1 );
}
update_option( 'inpaint_editor_settings', array_merge( InpaintEditor\Settings::DEFAULTS, $opts['settings'] ?? array() ) );
if ( ! empty( $opts['key'] ) ) {
	update_option( 'inpaint_editor_api_key', $opts['key'], false );
}

/** A photo-like JPEG or PNG made with GD. */
function seed_image( string $path, int $w, int $h, int $seed ): void {
	$im = imagecreatetruecolor( $w, $h );
	for ( $y = 0; $y < $h; $y += 8 ) {
		$c = imagecolorallocate( $im, ( $y * 3 + $seed ) % 256, ( $y + $seed * 40 ) % 256, 160 );
		imagefilledrectangle( $im, 0, $y, $w, $y + 7, $c );
	}
	imagefilledellipse( $im, (int) ( $w / 2 ), (int) ( $h / 2 ), (int) ( $w / 4 ), (int) ( $h / 4 ), imagecolorallocate( $im, 250, 240, 20 ) );
	str_ends_with( $path, '.png' ) ? imagepng( $im, $path ) : imagejpeg( $im, $path, 90 );
}

$images = array();
$specs  = array(
	'editor-photo'  => array( 'editor', 800, 600, 'jpg' ),
	'editor-grid'   => array( 'editor', 640, 480, 'png' ),
	'editor-block'  => array( 'editor', 600, 400, 'jpg' ),
	'editor-ai'     => array( 'editor', 512, 512, 'png' ),
	'editor-big'    => array( 'editor', 2700, 1200, 'jpg' ),
	'author-photo'  => array( 'author', 640, 400, 'jpg' ),
	'author2-photo' => array( 'author2', 640, 400, 'jpg' ),
);
$seed = 1;
foreach ( $specs as $name => list( $owner, $w, $h, $ext ) ) {
	wp_set_current_user( $users[ $owner ] );
	$tmp = wp_tempnam( $name ) . '.' . $ext;
	seed_image( $tmp, $w, $h, $seed++ );
	$id = media_handle_sideload( array( 'name' => $name . '.' . $ext, 'tmp_name' => $tmp ), 0, ucfirst( str_replace( '-', ' ', $name ) ) );
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() );
		exit( 1 );
	}
	update_post_meta( $id, '_wp_attachment_image_alt', 'Alt of ' . $name );
	wp_update_post( array( 'ID' => $id, 'post_excerpt' => 'Caption of ' . $name, 'post_content' => 'Description of ' . $name ) );
	$images[ $name ] = $id;
}
// A post with an Image block, for the block editor test.
wp_set_current_user( $users['editor'] );
$block_img = $images['editor-block'];
$post      = wp_insert_post(
	array(
		'post_title'   => 'A post with an image',
		'post_status'  => 'draft',
		'post_author'  => $users['editor'],
		'post_content' => '<!-- wp:image {"id":' . $block_img . ',"sizeSlug":"full","linkDestination":"none"} --><figure class="wp-block-image size-full"><img src="' . esc_url( wp_get_attachment_url( $block_img ) ) . '" alt="Alt of editor-block" class="wp-image-' . $block_img . '"/></figure><!-- /wp:image -->',
	)
);
// No welcome guide in the block editor.
foreach ( $users as $id ) {
	update_user_meta( $id, 'wp_persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false, 'fullscreenMode' => true ), '_modified' => gmdate( 'c' ) ) );
}
echo "\n@@JSON@@" . wp_json_encode( array( 'users' => $users, 'images' => $images, 'post' => $post ) );
