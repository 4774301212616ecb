<?php
use InpaintEditor\Logic;
use PHPUnit\Framework\TestCase;

/** The plugin's pure logic: allowlist, limits, costs, multipart, metadata. */
final class LogicTest extends TestCase {

	public function test_allowlist_takes_the_four_endpoints_with_their_methods_only(): void {
		foreach ( array( 'images/edits', 'images/generations', 'responses', 'files' ) as $path ) {
			$this->assertTrue( Logic::is_allowed( 'POST', $path ), $path );
			$this->assertTrue( Logic::is_allowed( 'post', $path ), $path );
			$this->assertFalse( Logic::is_allowed( 'GET', $path ), "GET $path" );
			$this->assertFalse( Logic::is_allowed( 'DELETE', $path ), "DELETE $path" );
		}
		foreach ( array( 'models', 'images/variations', 'files/abc/content', 'responses/resp_1', 'images/edits/', 'images//edits', '../images/edits', 'images/../files', 'chat/completions', '', 'images/edits?x=1', 'IMAGES/EDITS' ) as $path ) {
			$this->assertFalse( Logic::is_allowed( 'POST', $path ), $path );
		}
	}

	public function test_files_upload_is_not_an_edit(): void {
		$this->assertFalse( Logic::is_billable( 'files' ) );
		$this->assertTrue( Logic::is_billable( 'images/edits' ) );
		$this->assertTrue( Logic::is_billable( 'responses' ) );
	}

	public function test_safety_identifier_is_stable_per_site_and_user_and_hides_both(): void {
		$a = Logic::safety_identifier( 'https://a.example', 2, 'salt' );
		$this->assertSame( $a, Logic::safety_identifier( 'https://a.example', 2, 'salt' ) );
		$this->assertNotSame( $a, Logic::safety_identifier( 'https://a.example', 3, 'salt' ) );
		$this->assertNotSame( $a, Logic::safety_identifier( 'https://b.example', 2, 'salt' ) );
		$this->assertMatchesRegularExpression( '/^wp-[0-9a-f]{32}$/', $a );
		$this->assertStringNotContainsString( 'a.example', $a );
		$this->assertTrue( Logic::takes_safety_identifier( 'gpt-image-1-mini' ) );
		$this->assertTrue( Logic::takes_safety_identifier( 'chatgpt-image-latest' ) );
		$this->assertFalse( Logic::takes_safety_identifier( 'dall-e-2' ) );
	}

	public function test_daily_usage_resets_with_the_day_and_the_limit_bites_at_its_value(): void {
		$this->assertSame( array( 'day' => '2026-12-07', 'edits' => 0, 'dollars' => 0.0 ), Logic::usage_today( '', '2026-12-07' ) );
		$stored = array( 'day' => '2026-12-06', 'edits' => 9, 'dollars' => 3.0 );
		$this->assertSame( 0, Logic::usage_today( $stored, '2026-12-07' )['edits'] );
		$today = Logic::usage_today( array( 'day' => '2026-12-07', 'edits' => 2, 'dollars' => 0.5 ), '2026-12-07' );
		$this->assertFalse( Logic::limit_reached( $today, 'off', 0 ) );
		$this->assertFalse( Logic::limit_reached( $today, 'edits', 3 ) );
		$this->assertTrue( Logic::limit_reached( $today, 'edits', 2 ) );
		$this->assertFalse( Logic::limit_reached( $today, 'dollars', 0.51 ) );
		$this->assertTrue( Logic::limit_reached( $today, 'dollars', 0.5 ) );
	}

	public function test_cost_uses_the_models_rates_and_the_dearest_for_unknown_models(): void {
		$usage = array( 'input_tokens' => 1100, 'input_tokens_details' => array( 'text_tokens' => 100, 'image_tokens' => 1000 ), 'output_tokens' => 10000 );
		$this->assertEqualsWithDelta( ( 100 * 2 + 1000 * 2.5 + 10000 * 8 ) / 1e6, Logic::cost( 'gpt-image-1-mini', $usage ), 1e-12 );
		$this->assertEqualsWithDelta( ( 100 * 5 + 1000 * 10 + 10000 * 40 ) / 1e6, Logic::cost( 'some-gateway-model', $usage ), 1e-12 );
		$this->assertSame( 0.0, Logic::cost( 'gpt-image-1', null ) );
	}

	public function test_usage_is_found_in_json_answers_and_in_streams(): void {
		$this->assertSame( 5, Logic::find_usage( '{"data":[],"usage":{"input_tokens":1,"output_tokens":5}}' )['output_tokens'] );
		$sse = "event: image_edit.partial_image\ndata: {\"type\":\"image_edit.partial_image\"}\n\nevent: image_edit.completed\ndata: {\"type\":\"image_edit.completed\",\"usage\":{\"input_tokens\":2,\"output_tokens\":7}}\n\n";
		$this->assertSame( 7, Logic::find_usage( $sse )['output_tokens'] );
		$resp = "data: {\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":9}}}\n\n";
		$this->assertSame( 9, Logic::find_usage( $resp )['output_tokens'] );
		$this->assertNull( Logic::find_usage( 'not json' ) );
	}

	public function test_multipart_repeats_array_fields_and_carries_files_byte_for_byte(): void {
		$tmp = tempnam( sys_get_temp_dir(), 'mp' );
		file_put_contents( $tmp, "\x89PNG\r\n\x1a\n\x00\xff" );
		$body = Logic::multipart(
			array( 'model' => 'gpt-image-1', 'prompt' => 'a "cat"' ),
			Logic::flatten_files(
				array(
					'image' => array( 'name' => array( 'a.png', 'b.png' ), 'type' => array( 'image/png', 'image/png' ), 'tmp_name' => array( $tmp, $tmp ), 'error' => array( 0, 0 ), 'size' => array( 10, 10 ) ),
					'mask'  => array( 'name' => 'mask.png', 'type' => 'image/png', 'tmp_name' => $tmp, 'error' => 0, 'size' => 10 ),
					'none'  => array( 'name' => '', 'type' => '', 'tmp_name' => '', 'error' => UPLOAD_ERR_NO_FILE, 'size' => 0 ),
				)
			),
			'BOUND'
		);
		$this->assertSame( 2, substr_count( $body, 'name="image[]"; filename=' ) );
		$this->assertSame( 1, substr_count( $body, 'name="mask"; filename="mask.png"' ) );
		$this->assertStringNotContainsString( 'name="none"', $body );
		$this->assertStringContainsString( "name=\"prompt\"\r\n\r\na \"cat\"\r\n", $body );
		$this->assertSame( 3, substr_count( $body, "\x89PNG\r\n\x1a\n\x00\xff\r\n" ) );
		$this->assertStringEndsWith( "--BOUND--\r\n", $body );
		unlink( $tmp );
	}

	public function test_saved_item_copies_the_originals_texts_and_records_lineage(): void {
		$item = Logic::saved_item(
			array( 'id' => 12, 'title' => 'Beach', 'alt' => 'Sand', 'caption' => 'Cap', 'description' => 'Desc' ),
			array( 'prompt' => 'remove the bin', 'provider' => 'openai-images', 'model' => 'gpt-image-1-mini', 'options' => array( 'quality' => 'low' ), 'usage' => array( 'input_tokens' => 0, 'output_tokens' => 1000 ) ),
			array( 'edited' => '%s (edited)' )
		);
		$this->assertSame( 'Beach (edited)', $item['post']['post_title'] );
		$this->assertSame( 'Cap', $item['post']['post_excerpt'] );
		$this->assertSame( 'Desc', $item['post']['post_content'] );
		$this->assertSame( 'Sand', $item['meta']['_wp_attachment_image_alt'] );
		$this->assertSame( 12, $item['meta']['_inpaint_original'] );
		$this->assertSame( 'remove the bin', $item['meta']['_inpaint_prompt'] );
		$this->assertSame( array( 'quality' => 'low' ), $item['meta']['_inpaint_options'] );
		$this->assertEqualsWithDelta( 0.008, $item['meta']['_inpaint_cost'], 1e-12 );
		$camel = Logic::saved_item( array( 'id' => 1, 'title' => 'T', 'alt' => '', 'caption' => '', 'description' => '' ), array( 'model' => 'gpt-image-1-mini', 'usage' => array( 'inputTokens' => 259, 'inputTextTokens' => 4, 'inputImageTokens' => 255, 'outputTokens' => 472, 'totalTokens' => 731 ) ), array( 'edited' => '%s' ) );
		$this->assertSame( array( 'input_tokens' => 259, 'output_tokens' => 472, 'total_tokens' => 731, 'input_tokens_details' => array( 'text_tokens' => 4, 'image_tokens' => 255 ) ), $camel['meta']['_inpaint_usage'] );
		$this->assertEqualsWithDelta( ( 4 * 2 + 255 * 2.5 + 472 * 8 ) / 1e6, $camel['meta']['_inpaint_cost'], 1e-12 );
		$local = Logic::saved_item( array( 'id' => 1, 'title' => 'T', 'alt' => '', 'caption' => '', 'description' => '' ), array( 'options' => 'junk' ), array( 'edited' => '%s（已编辑）' ) );
		$this->assertSame( 'local', $local['meta']['_inpaint_provider'] );
		$this->assertSame( array(), $local['meta']['_inpaint_options'] );
		$this->assertNull( $local['meta']['_inpaint_cost'] );
		$this->assertSame( 'T（已编辑）', $local['post']['post_title'] );
	}
}
