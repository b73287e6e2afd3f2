import sharp from 'sharp';
const [, , src, dst, h] = process.argv;
const img = sharp(src); const meta = await img.metadata();
await img.extract({ left: 0, top: 0, width: meta.width, height: Math.min(meta.height, Number(h)) }).toFile(dst);
console.log(meta.width, meta.height);
