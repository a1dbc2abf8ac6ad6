import { describe, expect, test } from 'vitest';
import { readImageHeader } from './image-header.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];

const png = (w: number, h: number) =>
  bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    be32(13),
    'IHDR',
    be32(w),
    be32(h),
    [8, 6, 0, 0, 0],
  );
// SOI, an APP0 segment of 16 bytes, then SOF0 with precision 8, height, width.
const jpeg = (w: number, h: number) =>
  bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], new Array<number>(14).fill(0), [
    0xff,
    0xc0,
    0,
    17,
    8,
    h >> 8,
    h & 255,
    w >> 8,
    w & 255,
    3,
  ]);
const gif = (w: number, h: number) => bytes('GIF89a', le16(w), le16(h), [0, 0, 0]);
const bmp = (w: number, h: number) => bytes('BM', new Array<number>(16).fill(0), le32(w), le32(h), [0, 0]);
const webpLossless = (w: number, h: number) =>
  bytes(
    'RIFF',
    le32(100),
    'WEBP',
    'VP8L',
    le32(10),
    [0x2f],
    le32((w - 1) | ((h - 1) << 14)),
    [0, 0, 0, 0, 0],
  );

describe('readImageHeader', () => {
  test.each([
    ['PNG', png(800, 600), { format: 'png', width: 800, height: 600 }],
    ['PNG bomb', png(60_000, 60_000), { format: 'png', width: 60_000, height: 60_000 }],
    ['JPEG', jpeg(1024, 768), { format: 'jpeg', width: 1024, height: 768 }],
    ['GIF', gif(320, 240), { format: 'gif', width: 320, height: 240 }],
    ['BMP', bmp(64, 32), { format: 'bmp', width: 64, height: 32 }],
    ['WebP lossless', webpLossless(500, 400), { format: 'webp', width: 500, height: 400 }],
    ['TIFF (size not read)', bytes('II*\0', [8, 0, 0, 0]), { format: 'tiff', width: null, height: null }],
    [
      'JPEG cut before its frame header',
      bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
      { format: 'jpeg', width: null, height: null },
    ],
  ])('%s', (_name, input, expected) => {
    expect(readImageHeader(input)).toEqual(expected);
  });

  test.each([
    ['HTML', bytes('<!doctype html><html>')],
    ['empty', new Uint8Array(0)],
    ['PNG signature without IHDR', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['SVG (text, may carry scripts)', bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
  ])('%s is not an image we read', (_name, input) => {
    expect(readImageHeader(input)).toBeNull();
  });
});
