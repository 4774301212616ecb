/**
 * Error envelopes. The catalogue entries carry the exact wording of contract §6; the helpers
 * for generic validation follow the API's usual phrasing ("Invalid value: …", "Unknown
 * parameter: …"). Texts marked `(fake)` are the fake's own: no source quotes the real one.
 */

export interface ErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
  moderation_details?: { moderation_stage: 'input' | 'output' | 'unknown'; categories: string[] };
}

/** An API error the fake answers with: HTTP status, `{error}` body and extra headers. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

/** An `invalid_request_error` (400 unless told). */
export const invalid = (message: string, param: string | null, code: string | null = 'invalid_value', status = 400) =>
  new ApiError(status, { message, type: 'invalid_request_error', param, code });
const userError = (message: string, param: string | null, code: string | null) =>
  new ApiError(400, { message, type: 'image_generation_user_error', param, code });

/** "'a', 'b', and 'c'" as the API lists supported values. */
export function quoteList(values: readonly string[]): string {
  const q = values.map((v) => `'${v}'`);
  if (q.length <= 2) return q.join(' and ');
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

export const invalidValue = (param: string, value: unknown, allowed: readonly string[]) =>
  invalid(`Invalid value: '${String(value)}'. Supported values are: ${quoteList(allowed)}.`, param, 'invalid_value');
export const unknownParameter = (param: string) => invalid(`Unknown parameter: '${param}'.`, param, 'unknown_parameter');
export const unsupportedParameter = (param: string) =>
  invalid(`Unsupported parameter: '${param}' is not supported with this model.`, param, 'unsupported_parameter');
export const missingParameter = (param: string) =>
  invalid(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
export const invalidType = (param: string, expected: string, got: string) =>
  invalid(`Invalid type for '${param}': expected ${expected}, but got ${got} instead.`, param, 'invalid_type');
export const belowMin = (param: string, min: number, got: number) =>
  invalid(`Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${got} instead.`, param, 'integer_below_min_value');
export const aboveMax = (param: string, max: number, got: number) =>
  invalid(`Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${got} instead.`, param, 'integer_above_max_value');
export const stringTooLong = (param: string, max: number, got: number) =>
  invalid(`Invalid '${param}': string too long. Expected a string with maximum length ${max}, but got a string with length ${got} instead.`, param, 'string_above_max_length');
export const stringTooShort = (param: string) =>
  invalid(`Invalid '${param}': string too short. Expected a string with minimum length 1, but got an empty string instead.`, param, 'string_below_min_length');
export const invalidUrl = (method: string, path: string) => invalid(`Invalid URL (${method} ${path})`, null, null, 404);
/** (fake) wording for a free size that breaks gpt-image-2's rules. */
export const invalidFreeSize = (size: string, reason: string) =>
  invalid(`Invalid size '${size}': ${reason}. (fake)`, 'size', 'invalid_value');

export const badJson = () => invalid(
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
  null, null);

/** Masks a key the way the API echoes it: only its prefix and last four characters. */
export function maskKey(key: string): string {
  const prefix = key.startsWith('sk-') ? 'sk-' : '';
  return `${prefix}${'*'.repeat(Math.max(4, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

/** The contract §6 catalogue, plus the status-code defaults used by `{kind:'status'}` faults. */
export const catalogue = {
  unsupported_mimetype: (mime = 'application/octet-stream', param = 'image', pngOnly = false) => invalid(
    `Invalid file '${param}': unsupported mimetype ('${mime}'). Supported file formats are ${pngOnly ? "'image/png'" : "'image/jpeg', 'image/png', and 'image/webp'"}.`,
    param, 'unsupported_file_mimetype'),
  invalid_image_file: (index = 1) =>
    userError(`Invalid image file or mode for image ${index}, please check your image file.`, null, null),
  mask_size_mismatch: () => invalid('Invalid mask image format - mask size does not match image size', 'mask', 'invalid_value'),
  mask_missing_alpha: () => invalid('Invalid mask image format - mask image missing alpha channel', 'mask', 'invalid_value'),
  invalid_size: (size = '512x512') => invalidValue('size', size, ['1024x1024', '1024x1536', '1536x1024', 'auto']),
  invalid_quality: (q = 'standard') => invalidValue('quality', q, ['low', 'medium', 'high', 'auto']),
  unknown_parameter: (param = 'response_format') => unknownParameter(param),
  invalid_png_output_compression: () => userError('Compression less than 100 is not supported for PNG output format', 'output_compression', 'invalid_png_output_compression'),
  transparent_jpeg: () => invalid('Transparent background is not supported for JPEG output format', 'background', 'invalid_value'),
  transparent_model: () => invalid('Transparent background is not supported for this model.', 'background', 'invalid_value'),
  moderation_blocked: (requestId = '00000000-0000-4000-8000-000000000000', categories = ['sexual'], stage: 'input' | 'output' = 'output') =>
    new ApiError(400, {
      message: `Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID ${requestId}. safety_violations=[${categories.join(', ')}].`,
      type: 'image_generation_user_error', param: null, code: 'moderation_blocked',
      moderation_details: { moderation_stage: stage, categories },
    }),
  content_policy_violation: () => invalid('Your request was rejected as a result of our safety system. Your request may contain content that is not allowed by our safety system.', null, 'content_policy_violation'),
  dalle2_image_mode: (mode = 'RGB') => invalid(`Invalid input image - format must be in ['RGBA', 'LA', 'L'], got ${mode}.`, null, null),
  dalle2_png_4mb: () => invalid('Uploaded image must be a PNG and less than 4 MB.', null, null),
  missing_api_key: () => invalid("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.", null, null, 401),
  invalid_api_key: (key = 'sk-fake0000') => invalid(`Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`, null, 'invalid_api_key', 401),
  organization_verification: (model = 'gpt-image-1.5') => invalid(`Your organization must be verified to use the model \`${model}\`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.`, null, null, 403),
  model_not_found: (model = 'gpt-image-1') => invalid(`The model \`${model}\` does not exist or you do not have access to it.`, null, 'model_not_found', 404),
  rate_limit_exceeded: (model = 'gpt-image-1.5') => new ApiError(429, {
    message: `Rate limit reached for ${model} in organization org-fake on images per minute (IPM): Limit 5, Used 5, Requested 1. Please try again in 12s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    type: 'requests', param: null, code: 'rate_limit_exceeded' }),
  insufficient_quota: () => new ApiError(429, {
    message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
    type: 'insufficient_quota', param: null, code: 'insufficient_quota' }),
  billing_hard_limit: () => userError('Billing hard limit has been reached', null, 'billing_hard_limit_reached'),
  server_error: () => new ApiError(500, { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null }),
  overloaded: () => new ApiError(503, { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', param: null, code: null }),
  previous_response_not_found: (id = 'resp_missing') => invalid(`Previous response with id '${id}' not found.`, 'previous_response_id', 'previous_response_not_found'),
  invalid_json: badJson,
} as const;

export type CatalogueName = keyof typeof catalogue;

/** The body a `{kind:'status', status}` fault sends when no catalogue entry is named. */
export function defaultForStatus(status: number): ApiError {
  switch (status) {
    case 400: return catalogue.invalid_image_file();
    case 401: return catalogue.invalid_api_key();
    case 403: return catalogue.organization_verification();
    case 404: return catalogue.model_not_found();
    case 429: return catalogue.rate_limit_exceeded();
    case 500: return catalogue.server_error();
    case 503: return catalogue.overloaded();
    default:
      return new ApiError(status, { message: `HTTP ${status} (fake)`, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null });
  }
}
