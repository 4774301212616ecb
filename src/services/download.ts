/** Saves a blob through the browser's download flow. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, or the download may be cancelled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "photo.jpg" -> "photo-mask.png" */
export function derivedName(name: string, suffix: string, ext = 'png'): string {
  const base = name.replace(/\.[^.]+$/, '') || 'image';
  return `${base}${suffix}.${ext}`;
}
