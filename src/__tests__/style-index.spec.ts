/**
 * @jest-environment node
 */
// The labextension build loads style/index.js, JupyterLab's CSS-only path style/index.css:
// a stylesheet left out of either is missing from the studio in that build.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const STYLE = join(__dirname, '..', '..', 'style');

function imported(file: string, pattern: RegExp): string[] {
  const text = readFileSync(join(STYLE, file), 'utf8');
  return [...text.matchAll(pattern)].map(match => match[1]).sort();
}

describe('style entry points', () => {
  const sheets = readdirSync(STYLE)
    .filter(name => name.endsWith('.css') && name !== 'index.css')
    .sort();

  it('index.js imports every stylesheet', () => {
    expect(imported('index.js', /import '\.\/([\w.-]+\.css)';/g)).toEqual(sheets);
  });

  it('index.css imports every stylesheet', () => {
    expect(imported('index.css', /@import url\('([\w.-]+\.css)'\);/g)).toEqual(sheets);
  });
});
