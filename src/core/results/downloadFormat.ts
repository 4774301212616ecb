/** Formats a result can be downloaded in, in the order the results strip offers them. */
export const DOWNLOAD_FORMATS = ['png', 'jpeg', 'webp'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** MIME type and file extension of each download format. */
export const FORMAT_MIME: Record<DownloadFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
export const FORMAT_EXT: Record<DownloadFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };
