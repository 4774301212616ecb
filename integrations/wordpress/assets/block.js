/**
 * The Image block's toolbar button: opens the block's image in the editor over the block
 * editor; after a save the block points to the new image (one undo step brings the old back).
 */
( function ( wp ) {
	'use strict';
	var el = wp.element.createElement;
	var Fragment = wp.element.Fragment;
	var useState = wp.element.useState;
	var createPortal = wp.element.createPortal;
	var BlockControls = wp.blockEditor.BlockControls;
	var ToolbarGroup = wp.components.ToolbarGroup;
	var ToolbarButton = wp.components.ToolbarButton;
	var strings = window.inpaintEditor.config.strings;

	var icon = el( 'svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 24 24', width: 24, height: 24, 'aria-hidden': true },
		el( 'path', { d: 'M4 20h4l10.5-10.5-4-4L4 16v4zm12-16 4 4 1.5-1.5-4-4L16 4z' } ) );

	/** A full-window layer holding the editor's frame while it is open. */
	function Overlay( props ) {
		var ref = wp.element.useRef( null );
		var statusState = useState( '' );
		wp.element.useEffect( function () {
			window.inpaintEditor.open( props.id, ref.current, statusState[ 1 ] ).then( function ( saved ) {
				props.onDone( saved );
			}, function ( e ) {
				props.onDone( null, e );
			} );
		}, [] );
		return createPortal(
			el( 'div', { className: 'inpaint-editor-frame inpaint-editor-overlay', ref: ref, role: 'dialog', 'aria-modal': 'true', 'aria-label': strings.title },
				el( 'p', { className: 'inpaint-editor-status', role: 'status' }, statusState[ 0 ] ) ),
			document.body
		);
	}

	var withButton = wp.compose.createHigherOrderComponent( function ( BlockEdit ) {
		return function ( props ) {
			var openState = useState( false );
			if ( props.name !== 'core/image' || ! props.attributes.id ) {
				return el( BlockEdit, props );
			}
			var done = function ( saved, error ) {
				openState[ 1 ]( false );
				if ( saved ) {
					props.setAttributes( { id: saved.id, url: saved.url, alt: saved.alt } );
					wp.data.dispatch( 'core/notices' ) && wp.data.dispatch( 'core/notices' ).createNotice( 'success', strings.saved, { type: 'snackbar' } );
				} else if ( error ) {
					wp.data.dispatch( 'core/notices' ) && wp.data.dispatch( 'core/notices' ).createNotice( 'error', strings.failed + ' ' + ( error.message || '' ), { type: 'snackbar' } );
				}
			};
			return el( Fragment, null,
				el( BlockEdit, props ),
				props.isSelected && el( BlockControls, { group: 'other' },
					el( ToolbarGroup, null,
						el( ToolbarButton, { icon: icon, label: strings.button, onClick: function () { openState[ 1 ]( true ); } } ) ) ),
				openState[ 0 ] && el( Overlay, { id: props.attributes.id, onDone: done } )
			);
		};
	}, 'withInpaintEditorButton' );

	wp.hooks.addFilter( 'editor.BlockEdit', 'inpaint-editor/image-button', withButton );
}( window.wp ) );
