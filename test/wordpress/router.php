<?php
// php -S router: real files are served as they are; everything else goes to WordPress.
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ( '/' !== $path && is_file( $file ) && ! preg_match( '/\.php$/', $path ) ) {
	return false;
}
if ( preg_match( '/\.php$/', $path ) && is_file( $file ) ) {
	$_SERVER['SCRIPT_NAME'] = $path;
	$_SERVER['PHP_SELF']    = $path;
	chdir( dirname( $file ) );
	require $file;
	return;
}
if ( is_dir( $file ) && is_file( rtrim( $file, '/' ) . '/index.php' ) ) {
	chdir( rtrim( $file, '/' ) );
	require rtrim( $file, '/' ) . '/index.php';
	return;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF']    = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
