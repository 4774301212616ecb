<?php
/**
 * Where authors meet the editor: the Media Library's row action and attachment details, the
 * editor screen, the Image block's toolbar button, the lineage of edited items.
 *
 * @package InpaintEditor
 */

namespace InpaintEditor;

defined( 'ABSPATH' ) || exit;

/** Admin screens; scripts are enqueued only on the editor screen and in the block editor. */
final class Admin {

	const SCREEN = 'inpaint-editor';

	/** Color schemes whose look is dark; the editor opens in dark mode for them. */
	const DARK_SCHEMES = array( 'midnight', 'coffee', 'ectoplasm' );

	/** Hooks. */
	public static function register(): void {
		add_action( 'admin_menu', array( __CLASS__, 'menu' ) );
		add_filter( 'media_row_actions', array( __CLASS__, 'row_action' ), 10, 2 );
		add_filter( 'attachment_fields_to_edit', array( __CLASS__, 'details_fields' ), 10, 2 );
		add_action( 'add_meta_boxes_attachment', array( __CLASS__, 'lineage_box' ) );
		add_action( 'enqueue_block_editor_assets', array( __CLASS__, 'block_assets' ) );
		add_action( 'update_option_home', array( __CLASS__, 'write_editor_config' ) );
		add_action( 'update_option_siteurl', array( __CLASS__, 'write_editor_config' ) );
		add_action( 'update_option_' . Settings::OPTION, array( __CLASS__, 'write_editor_config' ) );
	}

	/** The editor screen's URL for an attachment. */
	public static function screen_url( int $id ): string {
		return add_query_arg( array( 'page' => self::SCREEN, 'attachment' => $id ), admin_url( 'admin.php' ) );
	}

	/** Whether the current user may open this attachment in the editor. */
	private static function can_open( int $id ): bool {
		return wp_attachment_is_image( $id ) && Access::may_use() && current_user_can( 'edit_post', $id );
	}

	/** The editor screen: registered without a menu entry (it is reached from an image). */
	public static function menu(): void {
		$hook = add_submenu_page( '', __( 'Edit with Inpaint', 'inpaint-editor' ), '', 'upload_files', self::SCREEN, array( __CLASS__, 'render_screen' ) );
		add_action( 'load-' . $hook, array( __CLASS__, 'load_screen' ) );
	}

	/** Before the screen: refuse who may not edit the image; enqueue the screen's script. */
	public static function load_screen(): void {
		$id = isset( $_GET['attachment'] ) ? absint( $_GET['attachment'] ) : 0; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- opening a screen changes nothing; saving goes through the REST nonce.
		if ( ! $id || ! self::can_open( $id ) ) {
			wp_die( esc_html__( 'You are not allowed to edit this image.', 'inpaint-editor' ), '', array( 'response' => 403 ) );
		}
		// A screen without a menu entry has no title for admin-header.php unless it is given one.
		$GLOBALS['title'] = __( 'Edit with Inpaint', 'inpaint-editor' ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the admin screen's title, read by admin-header.php.
		self::write_editor_config();
		self::enqueue_host();
		wp_enqueue_script( 'inpaint-editor-screen', plugins_url( 'assets/screen.js', INPAINT_EDITOR_FILE ), array( 'inpaint-editor-host' ), INPAINT_EDITOR_VERSION, true );
		wp_enqueue_style( 'inpaint-editor-host', plugins_url( 'assets/host.css', INPAINT_EDITOR_FILE ), array(), INPAINT_EDITOR_VERSION );
		add_filter( 'admin_body_class', static fn ( $c ) => $c . ' inpaint-editor-screen ' );
	}

	/** The editor screen's markup: a full-size frame the script fills. */
	public static function render_screen(): void {
		$id     = isset( $_GET['attachment'] ) ? absint( $_GET['attachment'] ) : 0; // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$return = wp_get_referer();
		$return = $return && false === strpos( $return, 'page=' . self::SCREEN ) ? $return : admin_url( 'upload.php' );
		?>
		<div id="inpaint-editor-screen" class="inpaint-editor-frame" data-attachment="<?php echo esc_attr( (string) $id ); ?>" data-return="<?php echo esc_url( $return ); ?>">
			<h1 class="screen-reader-text"><?php echo esc_html( sprintf( /* translators: %s: image title. */ __( 'Edit with Inpaint: %s', 'inpaint-editor' ), get_the_title( $id ) ) ); ?></h1>
			<p class="inpaint-editor-status" role="status"><?php esc_html_e( 'Opening the editor…', 'inpaint-editor' ); ?></p>
		</div>
		<?php
	}

	/** The script every host page shares (opening, saving), with what it needs to know. */
	private static function enqueue_host(): void {
		wp_enqueue_script( 'inpaint-editor-host', plugins_url( 'assets/host.js', INPAINT_EDITOR_FILE ), array(), INPAINT_EDITOR_VERSION, true );
		$scheme = (string) get_user_option( 'admin_color' );
		wp_localize_script(
			'inpaint-editor-host',
			'inpaintEditorHost',
			array(
				'editorUrl' => plugins_url( 'editor/index.html', INPAINT_EDITOR_FILE ),
				'sdkUrl'    => plugins_url( 'editor/sdk/inpaint-embed.js', INPAINT_EDITOR_FILE ),
				'rest'      => esc_url_raw( rest_url( Access::NS . '/' ) ),
				'nonce'     => wp_create_nonce( 'wp_rest' ),
				'proxy'     => '' !== Settings::api_key() ? esc_url_raw( rest_url( Access::NS . '/openai' ) ) : '',
				'locale'    => str_replace( '_', '-', get_user_locale() ),
				'theme'     => apply_filters( 'inpaint_editor_theme', in_array( $scheme, self::DARK_SCHEMES, true ) ? 'dark' : 'light', $scheme ),
				'strings'   => array(
					'title'   => __( 'Inpaint editor', 'inpaint-editor' ),
					'saving'  => __( 'Saving the edited image…', 'inpaint-editor' ),
					'failed'  => __( 'The editor could not open this image.', 'inpaint-editor' ),
					'button'  => __( 'Edit with Inpaint', 'inpaint-editor' ),
					'saved'   => __( 'Saved as a new image.', 'inpaint-editor' ),
				),
			)
		);
	}

	/** In the block editor: the Image block's toolbar button. */
	public static function block_assets(): void {
		if ( ! Access::may_use() ) {
			return;
		}
		self::write_editor_config();
		self::enqueue_host();
		wp_enqueue_style( 'inpaint-editor-host', plugins_url( 'assets/host.css', INPAINT_EDITOR_FILE ), array(), INPAINT_EDITOR_VERSION );
		wp_enqueue_script( 'inpaint-editor-block', plugins_url( 'assets/block.js', INPAINT_EDITOR_FILE ), array( 'inpaint-editor-host', 'wp-hooks', 'wp-compose', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-data' ), INPAINT_EDITOR_VERSION, true );
	}

	/**
	 * *Edit with Inpaint* in the list view's row actions.
	 *
	 * @param array    $actions Row actions.
	 * @param \WP_Post $post    The attachment.
	 */
	public static function row_action( array $actions, $post ): array {
		if ( self::can_open( $post->ID ) ) {
			$actions['inpaint_editor'] = sprintf( '<a href="%s" aria-label="%s">%s</a>', esc_url( self::screen_url( $post->ID ) ), esc_attr( sprintf( /* translators: %s: image title. */ __( 'Edit “%s” with Inpaint', 'inpaint-editor' ), get_the_title( $post ) ) ), esc_html__( 'Edit with Inpaint', 'inpaint-editor' ) );
		}
		return $actions;
	}

	/** "Edited from <title>" with a link to the original, or an empty string. */
	private static function lineage_html( int $id ): string {
		$original = (int) get_post_meta( $id, '_inpaint_original', true );
		if ( ! $original || ! get_post( $original ) ) {
			return '';
		}
		$link = current_user_can( 'edit_post', $original ) ? get_edit_post_link( $original ) : wp_get_attachment_url( $original );
		return sprintf(
			/* translators: %s: link to the original image. */
			esc_html__( 'Edited from %s', 'inpaint-editor' ),
			sprintf( '<a class="inpaint-lineage" href="%s">%s</a>', esc_url( (string) $link ), esc_html( get_the_title( $original ) ) )
		);
	}

	/**
	 * The grid view's *Attachment details* (and the media modal): the action, and the lineage.
	 *
	 * @param array    $fields Fields.
	 * @param \WP_Post $post   The attachment.
	 */
	public static function details_fields( array $fields, $post ): array {
		if ( ! is_admin() && ! wp_doing_ajax() ) {
			return $fields;
		}
		if ( self::can_open( $post->ID ) ) {
			$fields['inpaint_editor'] = array(
				'label' => __( 'Inpaint', 'inpaint-editor' ),
				'input' => 'html',
				'html'  => sprintf( '<a class="button inpaint-editor-open" href="%s">%s</a>', esc_url( self::screen_url( $post->ID ) ), esc_html__( 'Edit with Inpaint', 'inpaint-editor' ) ),
			);
		}
		$lineage = self::lineage_html( $post->ID );
		if ( '' !== $lineage ) {
			$fields['inpaint_lineage'] = array(
				'label' => __( 'Lineage', 'inpaint-editor' ),
				'input' => 'html',
				'html'  => '<span class="inpaint-lineage-text">' . $lineage . '</span>',
			);
		}
		return $fields;
	}

	/** The attachment screen of an edited item: a box with its lineage and how it was made. */
	public static function lineage_box( \WP_Post $post ): void {
		if ( ! get_post_meta( $post->ID, '_inpaint_original', true ) ) {
			return;
		}
		add_meta_box(
			'inpaint-editor-lineage',
			__( 'Inpaint editor', 'inpaint-editor' ),
			static function ( \WP_Post $p ) {
				$html = self::lineage_html( $p->ID );
				echo '<p id="inpaint-lineage">' . ( '' !== $html ? $html : esc_html__( 'Edited from an image that no longer exists.', 'inpaint-editor' ) ) . '</p>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built from escaped parts.
				$rows = array(
					__( 'Prompt', 'inpaint-editor' )   => (string) get_post_meta( $p->ID, '_inpaint_prompt', true ),
					__( 'Provider', 'inpaint-editor' ) => (string) get_post_meta( $p->ID, '_inpaint_provider', true ),
					__( 'Model', 'inpaint-editor' )    => (string) get_post_meta( $p->ID, '_inpaint_model', true ),
				);
				$cost = get_post_meta( $p->ID, '_inpaint_cost', true );
				if ( is_numeric( $cost ) ) {
					$rows[ __( 'Cost', 'inpaint-editor' ) ] = '$' . number_format_i18n( (float) $cost, 4 );
				}
				echo '<dl>';
				foreach ( $rows as $label => $value ) {
					if ( '' !== $value ) {
						echo '<dt>' . esc_html( $label ) . '</dt><dd>' . esc_html( $value ) . '</dd>';
					}
				}
				echo '</dl>';
			},
			'attachment',
			'side'
		);
	}

	/** The editor's config.json for this site: its origin may embed it, the proxy is its API. */
	public static function editor_config(): array {
		$s      = Settings::get();
		$parts  = wp_parse_url( admin_url() );
		$origin = $parts['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
		return array(
			'service' => array( 'base_url' => esc_url_raw( rest_url( Access::NS . '/openai' ) ) ),
			'default' => array( 'model' => $s['model'], 'quality' => $s['quality'], 'size' => 'auto' ),
			'embed'   => array( 'allowed_origins' => array( $origin ) ),
		);
	}

	/**
	 * Writes `editor/config.json` when it differs from what the site needs (activation, a new
	 * site URL, new defaults, and on opening the editor, so a moved site heals itself).
	 */
	public static function write_editor_config(): void {
		$file = INPAINT_EDITOR_DIR . 'editor/config.json';
		$json = wp_json_encode( self::editor_config(), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES ) . "\n";
		if ( ! is_dir( dirname( $file ) ) || ( file_exists( $file ) && file_get_contents( $file ) === $json ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
			return;
		}
		file_put_contents( $file, $json ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents -- the plugin's own folder.
	}
}
