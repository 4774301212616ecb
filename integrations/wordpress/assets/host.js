/**
 * Opens an attachment in the inpaint editor (the plugin's own copy, same origin, in a frame)
 * through the editor's host SDK, and saves its result as a new attachment.
 * Shared by the editor screen and the Image block's button.
 */
( function () {
	'use strict';
	var cfg = window.inpaintEditorHost;

	function rest( path, init ) {
		init = init || {};
		init.credentials = 'same-origin';
		init.headers = Object.assign( { 'X-WP-Nonce': cfg.nonce }, init.headers || {} );
		return fetch( cfg.rest + path, init ).then( function ( res ) {
			return res.json().catch( function () { return {}; } ).then( function ( body ) {
				if ( ! res.ok ) {
					var err = new Error( ( body && body.message ) || ( 'HTTP ' + res.status ) );
					err.status = res.status;
					throw err;
				}
				return body;
			} );
		} );
	}

	/**
	 * Opens the editor on attachment `id` inside `container`. Resolves with the saved attachment
	 * (`{ id, url, alt, title, editLink }`), or null when the author cancels.
	 */
	/*
	 * The proxy as a path when it is on the editor's own origin: the editor takes a path there on
	 * any scheme, so a plain-http site gets OpenAI edits too (an absolute URL must be https).
	 */
	function proxyBase( proxy, editorUrl ) {
		var p = new URL( proxy, window.location.href );
		return p.origin === new URL( editorUrl, window.location.href ).origin ? p.pathname + p.search : proxy;
	}

	function open( id, container, onStatus ) {
		var status = onStatus || function () {};
		return Promise.all( [ rest( 'source/' + id ), import( cfg.sdkUrl ) ] ).then( function ( got ) {
			var source = got[ 0 ];
			var sdk = got[ 1 ];
			var session = sdk.openEditor( {
				container: container,
				editorUrl: cfg.editorUrl,
				image: source.url,
				name: source.name,
				locale: cfg.locale,
				theme: cfg.theme,
				title: cfg.strings.title,
			} );
			session.ready.then( function () {
				status( '' );
			}, function () {} );
			if ( cfg.proxy ) {
				session.ready.then( function () {
					return session.configure( { baseURL: proxyBase( cfg.proxy, cfg.editorUrl ), headers: { 'X-WP-Nonce': cfg.nonce } } );
				} ).catch( function () {} );
			}
			return session.result.then(
				function ( result ) {
					status( cfg.strings.saving );
					var form = new FormData();
					form.append( 'source', String( id ) );
					form.append( 'image', new File( [ result.image ], 'edited.png', { type: 'image/png' } ) );
					if ( result.mask ) {
						form.append( 'mask', new File( [ result.mask ], 'mask.png', { type: 'image/png' } ) );
					}
					var meta = Object.assign( {}, result.metadata || {}, { prompt: result.prompt } );
					form.append( 'metadata', JSON.stringify( meta ) );
					return rest( 'save', { method: 'POST', body: form } );
				},
				function ( e ) {
					if ( e && e.code === 'cancelled' ) {
						return null;
					}
					throw e;
				}
			);
		} );
	}

	window.inpaintEditor = { open: open, config: cfg };
}() );
