<?php
/**
 * Plugin Name:       Inpaint Editor
 * Description:       Retouch Media Library and post images in an inpainting editor: paint over what should change, fill it locally or with OpenAI's image models, save the result as a new image.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            inpaint-editor
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       inpaint-editor
 * Domain Path:       /languages
 *
 * @package InpaintEditor
 */

defined( 'ABSPATH' ) || exit;

define( 'INPAINT_EDITOR_VERSION', '0.1.0' );
define( 'INPAINT_EDITOR_FILE', __FILE__ );
define( 'INPAINT_EDITOR_DIR', plugin_dir_path( __FILE__ ) );

require_once INPAINT_EDITOR_DIR . 'includes/class-catalog.php';
require_once INPAINT_EDITOR_DIR . 'includes/class-logic.php';
require_once INPAINT_EDITOR_DIR . 'includes/class-settings.php';
require_once INPAINT_EDITOR_DIR . 'includes/class-access.php';
require_once INPAINT_EDITOR_DIR . 'includes/class-proxy.php';
require_once INPAINT_EDITOR_DIR . 'includes/class-media-routes.php';
require_once INPAINT_EDITOR_DIR . 'includes/class-admin.php';

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'inpaint-editor', false, dirname( plugin_basename( INPAINT_EDITOR_FILE ) ) . '/languages' );
	}
);

InpaintEditor\Settings::register();
InpaintEditor\Access::register();
InpaintEditor\Proxy::register();
InpaintEditor\Media_Routes::register();
InpaintEditor\Admin::register();

register_activation_hook( INPAINT_EDITOR_FILE, array( 'InpaintEditor\\Admin', 'write_editor_config' ) );
