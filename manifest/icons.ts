import { PNG } from 'pngjs';

/**
 * Teams' rules for the app's two icons, which its schema cannot check: the colour icon 192×192 and opaque (Teams
 * draws it on tiles of its own colour), the outline icon 32×32, white on a transparent background (Teams tints it).
 */
export type IconRole = 'color' | 'outline';

const SIZE: Readonly<Record<IconRole, number>> = { color: 192, outline: 32 };

/** Each way the PNG breaks its role's rules, in words naming the file; none when it keeps them. */
export function iconProblems(role: IconRole, file: string, bytes: Buffer): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    return [`${file} is not a PNG: ${error instanceof Error ? error.message : String(error)}`];
  }
  const size = SIZE[role];
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) problems.push(`${file} is ${png.width}×${png.height}: the ${role} icon must be ${size}×${size}`);
  const pixels = pixelsOf(png);
  if (role === 'color') {
    if (pixels.some((pixel) => pixel.alpha !== 255)) problems.push(`${file} has transparent pixels: the color icon must be opaque`);
    return problems;
  }
  if (pixels.some((pixel) => pixel.alpha !== 0 && !pixel.white)) problems.push(`${file} has pixels that are neither white nor fully transparent`);
  if (!pixels.some((pixel) => pixel.alpha === 0)) problems.push(`${file} has no transparent background`);
  if (!pixels.some((pixel) => pixel.alpha !== 0 && pixel.white)) problems.push(`${file} has no white mark`);
  return problems;
}

interface Pixel {
  readonly white: boolean;
  readonly alpha: number;
}

/** pngjs decodes every colour type to 8-bit RGBA. */
function pixelsOf(png: PNG): Pixel[] {
  const pixels: Pixel[] = [];
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const [red, green, blue, alpha] = png.data.subarray(offset, offset + 4);
    pixels.push({ white: red === 255 && green === 255 && blue === 255, alpha: alpha ?? 0 });
  }
  return pixels;
}
