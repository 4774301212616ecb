/** The editor screen (Media → Edit with Inpaint): open, then go to the new image or back. */
( function () {
	'use strict';
	var el = document.getElementById( 'inpaint-editor-screen' );
	if ( ! el ) {
		return;
	}
	var statusEl = el.querySelector( '.inpaint-editor-status' );
	var say = function ( text ) {
		statusEl.textContent = text;
	};
	window.inpaintEditor.open( Number( el.dataset.attachment ), el, say ).then(
		function ( saved ) {
			window.location.assign( saved ? saved.editLink : el.dataset.return );
		},
		function ( e ) {
			say( window.inpaintEditor.config.strings.failed + ' ' + ( e && e.message ? e.message : '' ) );
			el.classList.add( 'inpaint-editor-failed' );
		}
	);
}() );
