import { expect } from 'chai';
import { lineAndColumn, parseJsonText } from '../../lib/config/json-text.js';
import { ConfigError } from '../../lib/errors.js';

const positionOf = (text: string): [number | undefined, number | undefined] => {
  try {
    parseJsonText(text);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return [(error as ConfigError).line, (error as ConfigError).column];
  }
  expect.fail('parseJsonText accepted invalid JSON');
};

describe('parseJsonText', () => {
  it('parses valid JSON, also with a byte order mark', () => {
    expect(parseJsonText('\uFEFF{ "api": { "port": 1 } }')).to.deep.equal({ api: { port: 1 } });
  });

  // Node 20 reports some errors "at position N" and others ("Unexpected token") only with a snippet.
  const cases: readonly [string, string, number, number][] = [
    ['missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['trailing comma', '{ "a": 1, }', 1, 11],
    ['unexpected token', '{\n  "api": { "port": x }\n}', 2, 20],
    ['same character earlier in a string', '{ "x": "x",\n  "y": x }', 2, 8],
    ['bad literal (stops at the space)', '{\n"a": tru }', 2, 9],
    ['unexpected end', '{ "a": [1, 2', 1, 13],
    ['empty file', '', 1, 1],
  ];
  for (const [what, text, line, column] of cases) {
    it(`reports line ${line}, column ${column} for ${what}`, () => {
      expect(positionOf(text)).to.deep.equal([line, column]);
    });
  }

  it('names the reason without the snippet', () => {
    expect(() => parseJsonText('{ "a": x }', 'f.json')).to.throw(ConfigError, "f.json (1 problem):\n  invalid JSON at line 1, column 8: Unexpected token 'x'");
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).to.deep.equal({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).to.deep.equal({ line: 2, column: 2 });
  });
});
