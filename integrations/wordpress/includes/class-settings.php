<?php
/**
 * Settings → Inpaint editor: the key, the upstream, defaults, the limit, the roles.
 *
 * @package InpaintEditor
 */

namespace InpaintEditor;

defined( 'ABSPATH' ) || exit;

/** The plugin's options and their settings page (for `manage_options` only). */
final class Settings {

	const OPTION     = 'inpaint_editor_settings';
	const KEY_OPTION = 'inpaint_editor_api_key';
	const CONSTANT   = 'INPAINT_EDITOR_OPENAI_KEY';
	const PAGE       = 'inpaint-editor-settings';
	const DEFAULTS   = array(
		'upstream'    => 'https://api.openai.com/v1',
		'model'       => 'gpt-image-2',
		'quality'     => 'auto',
		'limit_kind'  => 'off',
		'limit_value' => 0,
		'roles'       => array(),
		'max_body_mb' => 50,
	);
	const QUALITIES  = array( 'auto', 'low', 'medium', 'high' );

	/** Hooks. */
	public static function register(): void {
		add_action( 'admin_menu', array( __CLASS__, 'menu' ) );
		add_action( 'admin_init', array( __CLASS__, 'register_setting' ) );
	}

	/** The settings, with defaults filled in. */
	public static function get(): array {
		$stored = get_option( self::OPTION, array() );
		return array_merge( self::DEFAULTS, is_array( $stored ) ? $stored : array() );
	}

	/** The OpenAI key: the wp-config.php constant wins over the option. Never printed. */
	public static function api_key(): string {
		if ( defined( self::CONSTANT ) && '' !== (string) constant( self::CONSTANT ) ) {
			return (string) constant( self::CONSTANT );
		}
		return (string) get_option( self::KEY_OPTION, '' );
	}

	/** Where the key comes from: `constant`, `option` or `none`. */
	public static function key_source(): string {
		if ( defined( self::CONSTANT ) && '' !== (string) constant( self::CONSTANT ) ) {
			return 'constant';
		}
		return '' !== (string) get_option( self::KEY_OPTION, '' ) ? 'option' : 'none';
	}

	/** The request body cap in bytes. */
	public static function max_body_bytes(): int {
		return (int) round( max( 1, (float) self::get()['max_body_mb'] ) * 1024 * 1024 );
	}

	/** Adds the page under Settings. */
	public static function menu(): void {
		add_options_page(
			__( 'Inpaint editor', 'inpaint-editor' ),
			__( 'Inpaint editor', 'inpaint-editor' ),
			'manage_options',
			self::PAGE,
			array( __CLASS__, 'render' )
		);
	}

	/** Registers the option and the key's handling. */
	public static function register_setting(): void {
		register_setting(
			self::PAGE,
			self::OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => array( __CLASS__, 'sanitize' ),
				'default'           => self::DEFAULTS,
			)
		);
	}

	/**
	 * Cleans the submitted settings; takes the key out of them into its own option (not autoloaded).
	 *
	 * @param mixed $input The form's values.
	 */
	public static function sanitize( $input ): array {
		$input = is_array( $input ) ? $input : array();
		if ( ! current_user_can( 'manage_options' ) ) {
			return self::get();
		}
		if ( ! empty( $input['clear_key'] ) ) {
			delete_option( self::KEY_OPTION );
		} elseif ( isset( $input['api_key'] ) && '' !== trim( (string) $input['api_key'] ) ) {
			update_option( self::KEY_OPTION, trim( sanitize_text_field( wp_unslash( (string) $input['api_key'] ) ) ), false );
		}
		$roles    = isset( $input['roles'] ) && is_array( $input['roles'] ) ? array_map( 'sanitize_key', $input['roles'] ) : array();
		$upstream = esc_url_raw( trim( (string) ( $input['upstream'] ?? '' ) ), array( 'http', 'https' ) );
		return array(
			'upstream'    => '' !== $upstream ? untrailingslashit( $upstream ) : self::DEFAULTS['upstream'],
			'model'       => in_array( $input['model'] ?? '', Catalog::MODELS, true ) ? $input['model'] : self::DEFAULTS['model'],
			'quality'     => in_array( $input['quality'] ?? '', self::QUALITIES, true ) ? $input['quality'] : 'auto',
			'limit_kind'  => in_array( $input['limit_kind'] ?? '', array( 'off', 'edits', 'dollars' ), true ) ? $input['limit_kind'] : 'off',
			'limit_value' => max( 0, (float) ( $input['limit_value'] ?? 0 ) ),
			'roles'       => array_values( array_intersect( $roles, array_keys( wp_roles()->roles ) ) ),
			'max_body_mb' => min( 512, max( 1, (float) ( $input['max_body_mb'] ?? 50 ) ) ),
		);
	}

	/** The page. Every value is escaped; the key is never printed, only whether one is set. */
	/**
	 * One settings row: a labelled select of plain values (model names, quality levels).
	 *
	 * @param string   $field   The setting's key (`inpaint-<field>` is the control's id).
	 * @param string   $label   The row's label, translated.
	 * @param string[] $values  What may be chosen.
	 * @param string   $current What is chosen now.
	 */
	private static function select_row( string $field, string $label, array $values, string $current ): void {
		$name = self::OPTION;
		?>
					<tr>
						<th scope="row"><label for="inpaint-<?php echo esc_attr( $field ); ?>"><?php echo esc_html( $label ); ?></label></th>
						<td><select id="inpaint-<?php echo esc_attr( $field ); ?>" name="<?php echo esc_attr( $name ); ?>[<?php echo esc_attr( $field ); ?>]">
							<?php foreach ( $values as $v ) : ?>
								<option value="<?php echo esc_attr( $v ); ?>" <?php selected( $current, $v ); ?>><?php echo esc_html( $v ); ?></option>
							<?php endforeach; ?>
						</select></td>
					</tr>
		<?php
	}

	public static function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage these settings.', 'inpaint-editor' ), 403 );
		}
		$s      = self::get();
		$name   = self::OPTION;
		$source = self::key_source();
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'Inpaint editor', 'inpaint-editor' ); ?></h1>
			<form method="post" action="options.php">
				<?php settings_fields( self::PAGE ); ?>
				<table class="form-table" role="presentation">
					<tr>
						<th scope="row"><label for="inpaint-key"><?php esc_html_e( 'OpenAI API key', 'inpaint-editor' ); ?></label></th>
						<td>
							<p id="inpaint-key-status">
							<?php
							if ( 'constant' === $source ) {
								esc_html_e( 'A key is set in wp-config.php (INPAINT_EDITOR_OPENAI_KEY); it wins over this field.', 'inpaint-editor' );
							} elseif ( 'option' === $source ) {
								esc_html_e( 'A key is set.', 'inpaint-editor' );
							} else {
								esc_html_e( 'No key is set: authors can use the local fill only.', 'inpaint-editor' );
							}
							?>
							</p>
							<input type="password" id="inpaint-key" name="<?php echo esc_attr( $name ); ?>[api_key]" value="" autocomplete="off" class="regular-text" placeholder="<?php esc_attr_e( 'Enter a new key to replace it', 'inpaint-editor' ); ?>" />
							<?php if ( 'option' === $source ) : ?>
								<label><input type="checkbox" name="<?php echo esc_attr( $name ); ?>[clear_key]" value="1" /> <?php esc_html_e( 'Remove the key', 'inpaint-editor' ); ?></label>
							<?php endif; ?>
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="inpaint-upstream"><?php esc_html_e( 'API base URL', 'inpaint-editor' ); ?></label></th>
						<td><input type="url" id="inpaint-upstream" name="<?php echo esc_attr( $name ); ?>[upstream]" value="<?php echo esc_attr( $s['upstream'] ); ?>" class="regular-text" />
						<p class="description"><?php esc_html_e( 'OpenAI, or an OpenAI-compatible gateway.', 'inpaint-editor' ); ?></p></td>
					</tr>
					<?php self::select_row( 'model', __( 'Default model', 'inpaint-editor' ), Catalog::MODELS, $s['model'] ); ?>
					<?php self::select_row( 'quality', __( 'Default quality', 'inpaint-editor' ), self::QUALITIES, $s['quality'] ); ?>
					<tr>
						<th scope="row"><label for="inpaint-limit-kind"><?php esc_html_e( 'Daily limit per user', 'inpaint-editor' ); ?></label></th>
						<td><select id="inpaint-limit-kind" name="<?php echo esc_attr( $name ); ?>[limit_kind]">
							<option value="off" <?php selected( $s['limit_kind'], 'off' ); ?>><?php esc_html_e( 'No limit', 'inpaint-editor' ); ?></option>
							<option value="edits" <?php selected( $s['limit_kind'], 'edits' ); ?>><?php esc_html_e( 'Edits a day', 'inpaint-editor' ); ?></option>
							<option value="dollars" <?php selected( $s['limit_kind'], 'dollars' ); ?>><?php esc_html_e( 'Dollars a day (from the usage OpenAI reports)', 'inpaint-editor' ); ?></option>
						</select>
						<input type="number" min="0" step="any" id="inpaint-limit-value" aria-label="<?php esc_attr_e( 'Limit', 'inpaint-editor' ); ?>" name="<?php echo esc_attr( $name ); ?>[limit_value]" value="<?php echo esc_attr( (string) $s['limit_value'] ); ?>" class="small-text" /></td>
					</tr>
					<tr>
						<th scope="row"><?php esc_html_e( 'Who may use the editor', 'inpaint-editor' ); ?></th>
						<td><fieldset>
							<?php foreach ( wp_roles()->roles as $slug => $role ) : ?>
								<?php
								if ( empty( $role['capabilities']['upload_files'] ) ) {
									continue;
								}
								?>
								<label><input type="checkbox" name="<?php echo esc_attr( $name ); ?>[roles][]" value="<?php echo esc_attr( $slug ); ?>" <?php checked( in_array( $slug, $s['roles'], true ) ); ?> /> <?php echo esc_html( translate_user_role( $role['name'] ) ); ?></label><br />
							<?php endforeach; ?>
							<p class="description"><?php esc_html_e( 'None ticked: every role that may upload files.', 'inpaint-editor' ); ?></p>
						</fieldset></td>
					</tr>
					<tr>
						<th scope="row"><label for="inpaint-max-body"><?php esc_html_e( 'Largest request (MB)', 'inpaint-editor' ); ?></label></th>
						<td><input type="number" min="1" max="512" id="inpaint-max-body" name="<?php echo esc_attr( $name ); ?>[max_body_mb]" value="<?php echo esc_attr( (string) $s['max_body_mb'] ); ?>" class="small-text" /></td>
					</tr>
				</table>
				<?php submit_button(); ?>
			</form>
		</div>
		<?php
	}
}
