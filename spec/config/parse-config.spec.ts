import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, parseConfig } from '../../lib/config/index.js';
import { ConfigError } from '../../lib/errors.js';

/** `{ a: { b: value } }` for path `a.b`. */
const at = (path: string, value: unknown): Record<string, unknown> => {
  const [section = '', key = ''] = path.split('.');
  return { [section]: { [key]: value } };
};
const get = (config: object, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], config);

const problemsOf = (input: unknown): readonly { path: string; message: string }[] => {
  try {
    parseConfig(input);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  expect.fail('parseConfig accepted invalid input');
};

// One row per rule: a value that passes, a value that fails and the exact problem message.
const rules: readonly { path: string; good: unknown; bad: unknown; message: string }[] = [
  { path: 'api.tws_endpoint', good: 'gw.example.com', bad: '', message: 'expected a non-empty host name, got ""' },
  { path: 'api.tws_endpoint', good: 'localhost', bad: '   ', message: 'expected a non-empty host name, got "   "' },
  { path: 'api.tws_endpoint', good: '10.0.0.2', bad: 7497, message: 'expected a non-empty host name, got 7497' },
  { path: 'api.port', good: 4002, bad: 'abc', message: 'expected an integer 1..65535, got "abc"' },
  { path: 'api.port', good: 65_535, bad: 65_536, message: 'expected an integer 1..65535, got 65536' },
  { path: 'api.port', good: 1, bad: 0, message: 'expected an integer 1..65535, got 0' },
  { path: 'api.port', good: 7496, bad: 7496.5, message: 'expected an integer 1..65535, got 7496.5' },
  { path: 'api.client_id', good: 0, bad: -1, message: 'expected an integer >= 0, got -1' },
  { path: 'api.client_id', good: 42, bad: 1.5, message: 'expected an integer >= 0, got 1.5' },
  { path: 'market_data.data_type', good: 'delayed-frozen', bad: 'live', message: 'expected one of "realtime", "frozen", "delayed", "delayed-frozen", got "live"' },
  { path: 'market_data.data_type', good: 'realtime', bad: 1, message: 'expected one of "realtime", "frozen", "delayed", "delayed-frozen", got 1' },
  { path: 'market_data.timeout', good: 0.5, bad: 0, message: 'expected a number > 0 (seconds), got 0' },
  { path: 'market_data.timeout', good: 30, bad: '15', message: 'expected a number > 0 (seconds), got "15"' },
  { path: 'market_data.retry_attempts', good: 0, bad: -1, message: 'expected an integer >= 0, got -1' },
  { path: 'market_data.history', good: 1, bad: 0, message: 'expected an integer >= 1, got 0' },
  { path: 'market_data.stale_after_s', good: 0.25, bad: -3, message: 'expected a number > 0 (seconds), got -3' },
  { path: 'reconnect.initial_delay_ms', good: 1, bad: 0, message: 'expected a number > 0 (milliseconds), got 0' },
  { path: 'reconnect.max_delay_ms', good: 500, bad: 499, message: 'expected a number >= initial_delay_ms (500), got 499' },
  { path: 'reconnect.max_delay_ms', good: 60_000, bad: -1, message: 'expected a number > 0 (milliseconds), got -1' },
  { path: 'reconnect.max_attempts', good: null, bad: -1, message: 'expected null (no limit) or an integer >= 0, got -1' },
  { path: 'reconnect.max_attempts', good: 0, bad: 'forever', message: 'expected null (no limit) or an integer >= 0, got "forever"' },
  { path: 'reconnect.heartbeat_ms', good: 19_999, bad: 0, message: 'expected a number > 0 (milliseconds), got 0' },
  { path: 'reconnect.stall_timeout_ms', good: 10_001, bad: 10_000, message: 'expected a number > heartbeat_ms (10000), got 10000' },
  { path: 'limits.max_messages_per_s', good: 50, bad: 51, message: 'expected an integer 1..50 (TWS disconnects clients above 50 messages/s), got 51' },
  { path: 'limits.max_messages_per_s', good: 1, bad: 0, message: 'expected an integer 1..50 (TWS disconnects clients above 50 messages/s), got 0' },
  { path: 'limits.market_data_lines', good: 1, bad: 0, message: 'expected an integer >= 1, got 0' },
  { path: 'limits.historical_requests_per_10_min', good: 60, bad: 61, message: 'expected an integer 1..60 (IB: more than 60 historical requests in 10 minutes is a pacing violation), got 61' },
  { path: 'limits.historical_requests_per_10_min', good: 1, bad: 0, message: 'expected an integer 1..60 (IB: more than 60 historical requests in 10 minutes is a pacing violation), got 0' },
  { path: 'limits.historical_requests_per_10_min', good: 30, bad: 2.5, message: 'expected an integer 1..60 (IB: more than 60 historical requests in 10 minutes is a pacing violation), got 2.5' },
  { path: 'limits.tick_by_tick_slots', good: 5, bad: 0, message: 'expected an integer >= 1, got 0' },
  { path: 'limits.depth_requests', good: 1, bad: '3', message: 'expected an integer >= 1, got "3"' },
  { path: 'monitoring.interval_ms', good: 250, bad: 0, message: 'expected a number > 0 (milliseconds), got 0' },
  { path: 'monitoring.interval_ms', good: 1, bad: Number.POSITIVE_INFINITY, message: 'expected a number > 0 (milliseconds), got Infinity' },
];

describe('parseConfig', () => {
  it('fills every default from an empty object, undefined and the shipped ib.config.json alike', () => {
    const shipped: unknown = JSON.parse(readFileSync('ib.config.json', 'utf8'));
    expect(parseConfig({})).to.deep.equal(DEFAULT_CONFIG);
    expect(parseConfig(undefined)).to.deep.equal(DEFAULT_CONFIG);
    expect(parseConfig(shipped)).to.deep.equal(DEFAULT_CONFIG);
  });

  it('keeps given values and defaults the rest of a partial file', () => {
    const config = parseConfig({ api: { port: 4002 }, market_data: { data_type: 'realtime' } });
    expect(config.api).to.deep.equal({ tws_endpoint: '127.0.0.1', port: 4002, client_id: 0 });
    expect(config.market_data.data_type).to.equal('realtime');
    expect(config.reconnect).to.deep.equal(DEFAULT_CONFIG.reconnect);
  });

  for (const rule of rules) {
    it(`accepts ${rule.path} = ${JSON.stringify(rule.good)}`, () => {
      expect(get(parseConfig(at(rule.path, rule.good)), rule.path)).to.equal(rule.good);
    });
    it(`rejects ${rule.path} = ${String(rule.bad)} with "${rule.message}"`, () => {
      expect(problemsOf(at(rule.path, rule.bad))).to.deep.equal([{ path: rule.path, message: rule.message }]);
    });
  }

  it('formats each problem as `path: expected …, got …` in the error message', () => {
    expect(() => parseConfig({ api: { port: 'abc' } }, 'my.json'))
      .to.throw(ConfigError)
      .with.property('message', 'invalid ib-rx config in my.json (1 problem):\n  api.port: expected an integer 1..65535, got "abc"');
  });

  it('lists every problem together, one per path', () => {
    const problems = problemsOf({
      api: { tws_endpoint: '', port: 0.5, client_id: -2 },
      market_data: { data_type: 'live', history: 0 },
      reconnect: { initial_delay_ms: 2000, max_delay_ms: 1000 },
    });
    expect(problems.map((p) => p.path)).to.deep.equal([
      'api.tws_endpoint', 'api.port', 'api.client_id', 'market_data.data_type', 'market_data.history', 'reconnect.max_delay_ms',
    ]);
  });

  it('rejects an unknown key at the top level, names the allowed keys and the one it is a typo of', () => {
    expect(problemsOf({ marketdata: {} })).to.deep.equal([
      { path: 'marketdata', message: 'unknown key, expected one of api, market_data, reconnect, limits, monitoring (did you mean market_data?)' },
    ]);
  });

  it('suggests nothing for an unknown key close to no allowed key', () => {
    expect(problemsOf({ api: { colour: 'red' } })).to.deep.equal([
      { path: 'api.colour', message: 'unknown key, expected one of tws_endpoint, port, client_id' },
    ]);
  });

  it('rejects an unknown (misspelt) key inside a section', () => {
    expect(problemsOf({ api: { prot: 7497 }, reconnect: { max_atempts: 3 } })).to.deep.equal([
      { path: 'api.prot', message: 'unknown key, expected one of tws_endpoint, port, client_id (did you mean port?)' },
      { path: 'reconnect.max_atempts', message: 'unknown key, expected one of initial_delay_ms, max_delay_ms, max_attempts, heartbeat_ms, stall_timeout_ms (did you mean max_attempts?)' },
    ]);
  });

  it('rejects a section or a whole config that is not an object', () => {
    expect(problemsOf({ api: 5 })).to.deep.equal([{ path: 'api', message: 'expected an object, got 5' }]);
    expect(problemsOf([1])).to.deep.equal([{ path: '', message: 'expected an object, got [1]' }]);
  });

  it('returns an already-parsed config as is (idempotent) and re-validates a copy', () => {
    const config = parseConfig({ api: { port: 4001 } });
    expect(parseConfig(config)).to.equal(config);
    const copy: unknown = JSON.parse(JSON.stringify(config));
    expect(parseConfig(copy)).to.deep.equal(config);
  });

  it('returns a frozen config', () => {
    const config = parseConfig({});
    expect(Object.isFrozen(config)).to.be.true;
    expect(Object.isFrozen(config.reconnect)).to.be.true;
  });
});
