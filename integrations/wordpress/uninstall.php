<?php
/**
 * Uninstall: removes the plugin's options and each user's usage counter. Media is never
 * removed: edited images, their lineage meta and masks stay in the Media Library.
 *
 * @package InpaintEditor
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'inpaint_editor_settings' );
delete_option( 'inpaint_editor_api_key' );
delete_metadata( 'user', 0, 'inpaint_editor_usage', '', true );
