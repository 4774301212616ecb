<?php
// The pure logic needs no WordPress: define what its guard checks and load it.
define( 'ABSPATH', __DIR__ . '/' );
require dirname( __DIR__ ) . '/includes/class-catalog.php';
require dirname( __DIR__ ) . '/includes/class-logic.php';
