// Micro-benchmark (not a test): µs per `SafeRegex.test` for representative
// patterns on 80- and 2000-character inputs (the engine reads the first 1000).
//   npx tsc -b packages/flow && node packages/flow/scripts/bench-safe-regex.mjs [path/to/flow/dist]
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const dist = process.argv[2] ? pathToFileURL(resolve(process.argv[2], 'conditions/safe-regex/safe-regex.js')).href : '../dist/conditions/safe-regex/safe-regex.js';
const { compileSafeRegex } = await import(dist);

const PATTERNS = [
  '/pricing',
  '^https://shop\\.example/(cart|checkout)',
  '\\d{3,}',
  '[a-z]+@[a-z]+\\.com',
  'PRICING|Plans',
  '\\bCheckout\\b',
  '[A-Z]{2}-\\d+',
  '^https?://[^/]+/products/[a-z-]+',
  '(a|b)*c{2,}',
];

// 80 characters: a shop URL that none of the patterns above matches as a whole, or a matching one.
const url80 = 'https://www.shop.example/catalog/garden/widgets-pro?ref=home&utm_source=newslett';
const url80Match = 'https://shop.example/checkout/step-2?id=12345&from=pricing&mail=jan@acme.com&x=CZ-42';
const filler = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ';
// 2000 characters of prose; "late": what the patterns look for sits near the 900th character.
const text2000 = (late) => {
  const text = filler.repeat(30);
  return late ? (text.slice(0, 900) + late + text).slice(0, 2000) : text.slice(0, 2000);
};
const INPUTS = [
  ['80 no match', url80],
  ['80 match', url80Match.slice(0, 80)],
  ['2000 no match', text2000('')],
  ['2000 match late', text2000(' /pricing 12345 jan@acme.com CZ-42 checkout cc ')],
  // a visitor's message with non-ASCII letters (flow conditions)
  ['80 Czech text', 'Dobrý den, chtěl bych vědět, kolik stojí předplatné pro firmu s dvaceti uživateli'],
];

function perTest(regex, input) {
  // a few copies so the engine cannot rely on identity of the string
  const variants = Array.from({ length: 8 }, (_, i) => input.slice(0, input.length - 1) + String.fromCharCode(input.charCodeAt(input.length - 1) + (i % 2)));
  let sink = 0;
  const run = (n) => {
    for (let i = 0; i < n; i++) if (regex.test(variants[i & 7])) sink++;
  };
  run(2000); // warm up
  let n = 2000;
  for (;;) {
    const start = process.hrtime.bigint();
    run(n);
    const ns = Number(process.hrtime.bigint() - start);
    if (ns > 100e6) return { us: ns / n / 1000, sink };
    n *= 2;
  }
}

const rows = [];
for (const pattern of PATTERNS) {
  const compiled = compileSafeRegex(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.message}`);
  const row = { pattern };
  for (const [label, input] of INPUTS) {
    const { us } = perTest(compiled.regex, input);
    row[label] = `${us.toFixed(3)} (${compiled.regex.test(input) ? 'y' : 'n'})`;
  }
  rows.push(row);
}
console.table(rows);
