// The add-in's icons, drawn in code and encoded as PNG: a Fluent-blue rounded
// square with a white routing mark (a stem that forks; one branch ends in the
// owner's dot, the other fades out), anti-aliased by supersampling.
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

/** file name (icon-16.png, …) -> PNG bytes. Pure: the same bytes on every call. */
export function renderIcons(): Map<string, Buffer> {
  return new Map(ICON_SIZES.map((size) => [`icon-${size}.png`, encodePng(size, size, drawIcon(size))]));
}

type Rgba = readonly [number, number, number, number];

const FLUENT_BLUE: Rgba = [0x0f, 0x6c, 0xbd, 1];
const WHITE: Rgba = [0xff, 0xff, 0xff, 1];
const FADED_WHITE: Rgba = [0xff, 0xff, 0xff, 0.5];

/** Signed distance (in icon units, 0..1 across) from a point to a shape: negative inside. */
type Shape = (x: number, y: number) => number;

const roundedSquare =
  (inset: number, radius: number): Shape =>
  (x, y) => {
    const half = 0.5 - inset - radius;
    const qx = Math.abs(x - 0.5) - half;
    const qy = Math.abs(y - 0.5) - half;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };

/** A stroke with round caps from (ax, ay) to (bx, by). */
const segment =
  (ax: number, ay: number, bx: number, by: number, width: number): Shape =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - width / 2;
  };

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

const ring =
  (cx: number, cy: number, r: number, width: number): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));

/** The layers, back to front. Small icons get bolder strokes so the mark survives at 16 px. */
function layers(size: number): Array<[Shape, Rgba]> {
  const stroke = size <= 16 ? 0.13 : size <= 32 ? 0.105 : 0.09;
  const fork: [number, number] = [0.46, 0.5];
  return [
    [roundedSquare(size <= 16 ? 0 : 0.02, size <= 16 ? 0.16 : 0.2), FLUENT_BLUE],
    // The branch not taken: faded, ending in an empty ring.
    [union(segment(...fork, 0.66, 0.7, stroke), ring(0.73, 0.73, 0.075, stroke * 0.8)), FADED_WHITE],
    // The stem and the branch to the owner, ending in a solid dot.
    [union(segment(0.2, 0.5, ...fork, stroke), segment(...fork, 0.66, 0.3, stroke), disc(0.73, 0.27, 0.11)), WHITE],
  ];
}

/** RGBA rows, straight (not premultiplied) alpha, as PNG wants. */
function drawIcon(size: number): Uint8Array {
  const samples = size <= 32 ? 8 : 4;
  const shapes = layers(size);
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Average premultiplied colour over a grid of subsamples.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let cr = 0;
          let cg = 0;
          let cb = 0;
          let ca = 0;
          for (const [shape, [lr, lg, lb, la]] of shapes) {
            if (shape(x, y) > 0) continue;
            // "over" compositing, premultiplied
            cr = lr * la + cr * (1 - la);
            cg = lg * la + cg * (1 - la);
            cb = lb * la + cb * (1 - la);
            ca = la + ca * (1 - la);
          }
          r += cr;
          g += cg;
          b += cb;
          a += ca;
        }
      }
      const n = samples * samples;
      const offset = (py * size + px) * 4;
      const alpha = a / n;
      pixels[offset] = alpha > 0 ? Math.round(r / n / alpha) : 0;
      pixels[offset + 1] = alpha > 0 ? Math.round(g / n / alpha) : 0;
      pixels[offset + 2] = alpha > 0 ? Math.round(b / n / alpha) : 0;
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of 8-bit RGBA pixels (colour type 6), every row with filter 0 (none). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
