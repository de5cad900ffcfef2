/**
 * Offline images: a real PNG per request, a soft gradient with light blobs seeded by the prompt
 * and the prompt's first words drawn in a small bitmap font. Rendering is capped at 512 px a side
 * (keeping the aspect ratio) to stay cheap; the reported size is the real one.
 */
import type { GeneratedImage, ImageProvider } from '../contract.js';
import { hash32, seededRandom } from '../util/hash.js';
import { lazyAsync } from '@flowpress/shared';
import {
  drawableText,
  GLYPH_HEIGHT,
  GLYPH_SPACING,
  GLYPH_WIDTH,
  glyphPixel,
  textWidth,
} from './bitmap-font.js';

export const OFFLINE_IMAGE_MAX_SIDE = 512;
export const OFFLINE_IMAGE_MODEL = 'flowpress-offline-image';

type Rgb = [number, number, number];

// The PNG encoder, imported on the first offline image (not at start).
const pngjs = lazyAsync(() => import('pngjs'));

export class OfflineImageProvider implements ImageProvider {
  readonly id = 'offline';
  readonly offline = true;
  readonly defaultModel = OFFLINE_IMAGE_MODEL;

  async generate(request: {
    prompt: string;
    width: number;
    height: number;
    count: number;
    signal?: AbortSignal;
  }): Promise<GeneratedImage[]> {
    const images: GeneratedImage[] = [];
    for (let i = 0; i < request.count; i++) {
      request.signal?.throwIfAborted();
      images.push(await renderOfflineImage(request.prompt, request.width, request.height, i));
    }
    return images;
  }
}

export async function renderOfflineImage(
  prompt: string,
  width: number,
  height: number,
  variant = 0,
): Promise<GeneratedImage> {
  const { PNG } = await pngjs();
  const scale = Math.min(1, OFFLINE_IMAGE_MAX_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const rand = seededRandom(hash32(`${prompt}#${variant}`));
  const hue = rand() * 360;
  const from = hsl(hue, 0.65, 0.55);
  const to = hsl(hue + 40 + rand() * 100, 0.6, 0.3);
  const angle = rand() * Math.PI * 2;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const blobs = Array.from({ length: 4 }, () => ({
    x: rand() * w,
    y: rand() * h,
    r: (0.15 + rand() * 0.3) * Math.min(w, h),
    color: hsl(hue + rand() * 60 - 30, 0.7, 0.8),
  }));

  const png = new PNG({ width: w, height: h });
  const data = png.data;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = Math.min(1, Math.max(0, (x / w - 0.5) * dx + (y / h - 0.5) * dy + 0.5));
      let c = mix(from, to, t);
      for (const b of blobs) {
        const d2 = ((x - b.x) ** 2 + (y - b.y) ** 2) / (b.r * b.r);
        if (d2 < 1) c = mix(c, b.color, 0.3 * (1 - d2) ** 2);
      }
      setPixel(data, w, x, y, c);
    }
  }
  drawCaption(data, w, h, prompt);
  // Filter "up" only: near the adaptive default in size, and several times faster to encode.
  return {
    data: PNG.sync.write(png, { filterType: 2 }),
    mimeType: 'image/png',
    width: w,
    height: h,
  };
}

/** The prompt's first words, centred, white on a soft shadow, wrapped into at most 3 lines. */
function drawCaption(data: Buffer, w: number, h: number, prompt: string): void {
  const lines = wrap(drawableText(prompt).split(/\s+/).filter(Boolean).slice(0, 6), 14).slice(0, 3);
  if (!lines.length) return;
  const lineHeight = GLYPH_HEIGHT + 3;
  const widest = Math.max(...lines.map(textWidth));
  const size = Math.floor(Math.min((w * 0.8) / widest, (h * 0.4) / (lines.length * lineHeight)));
  if (size < 1) return;
  const top = Math.round((h - lines.length * lineHeight * size) / 2);
  const shadow = Math.max(1, Math.round(size / 3));
  lines.forEach((line, row) => {
    const left = Math.round((w - textWidth(line) * size) / 2);
    const y0 = top + row * lineHeight * size;
    drawText(data, w, h, line, left + shadow, y0 + shadow, size, [0, 0, 0], 0.35);
    drawText(data, w, h, line, left, y0, size, [255, 255, 255], 0.95);
  });
}

function drawText(
  data: Buffer,
  w: number,
  h: number,
  text: string,
  x0: number,
  y0: number,
  size: number,
  color: Rgb,
  alpha: number,
): void {
  [...text].forEach((ch, i) => {
    const gx = x0 + i * (GLYPH_WIDTH + GLYPH_SPACING) * size;
    for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
      for (let gxi = 0; gxi < GLYPH_WIDTH; gxi++) {
        if (!glyphPixel(ch, gxi, gy)) continue;
        for (let py = 0; py < size; py++) {
          for (let px = 0; px < size; px++) {
            const x = gx + gxi * size + px;
            const y = y0 + gy * size + py;
            if (x < 0 || y < 0 || x >= w || y >= h) continue;
            setPixel(data, w, x, y, mix(getPixel(data, w, x, y), color, alpha));
          }
        }
      }
    }
  });
}

function wrap(words: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length > width && line) {
      lines.push(line);
      line = word.slice(0, width);
    } else line = next.slice(0, width);
  }
  if (line) lines.push(line);
  return lines;
}

function setPixel(data: Buffer, w: number, x: number, y: number, [r, g, b]: Rgb): void {
  const i = (y * w + x) * 4;
  data[i] = r;
  data[i + 1] = g;
  data[i + 2] = b;
  data[i + 3] = 255;
}

function getPixel(data: Buffer, w: number, x: number, y: number): Rgb {
  const i = (y * w + x) * 4;
  return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [
    Math.round(a[0] + (b[0] - a[0]) * t),
    Math.round(a[1] + (b[1] - a[1]) * t),
    Math.round(a[2] + (b[2] - a[2]) * t),
  ];
}

function hsl(hue: number, s: number, l: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 360;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [
    Math.round(channel(h + 1 / 3) * 255),
    Math.round(channel(h) * 255),
    Math.round(channel(h - 1 / 3) * 255),
  ];
}
