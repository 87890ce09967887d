/**
 * Phone photos are 3–8 MB; shrinking them in the browser before upload saves the rider's data plan.
 * The server decodes, strips and re-encodes every photo anyway (server/hazards/hazard.images.ts),
 * so this is only about size: longest side ≤ 1600 px, JPEG.
 */

/** Longest side sent, px (the server keeps ≤ 1600 px too). */
export const MAX_SIDE_PX = 1600;

/**
 * The photo as a JPEG of at most {@link MAX_SIDE_PX} a side; the original file when the browser
 * cannot decode it (the server then decides).
 */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, MAX_SIDE_PX / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.type === 'image/jpeg' && file.size < 1_500_000) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ?? file;
  } finally {
    bitmap.close();
  }
}
