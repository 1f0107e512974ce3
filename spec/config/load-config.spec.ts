import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../../lib/config/index.js';
import { ConfigError } from '../../lib/errors.js';

const noEnv: NodeJS.ProcessEnv = {};

const configErrorOf = (load: () => unknown): ConfigError => {
  try {
    load();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  expect.fail('loadConfig did not throw');
};

describe('loadConfig', () => {
  let dir = '';
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ib-rx-config-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('files', () => {
    it('reads an explicit file and fills the defaults around it', () => {
      const file = write('partial.json', '{ "api": { "port": 4002 }, "limits": { "market_data_lines": 50 } }');
      const config = loadConfig(file, noEnv);
      expect(config.api.port).to.equal(4002);
      expect(config.limits).to.deep.equal({ max_messages_per_s: 45, market_data_lines: 50, historical_requests_per_10_min: 60, tick_by_tick_slots: 3, depth_requests: 3 });
      expect(config.market_data).to.deep.equal(DEFAULT_CONFIG.market_data);
    });

    it('resolves a relative path against the given cwd', () => {
      write('relative.json', '{ "api": { "client_id": 7 } }');
      expect(loadConfig('relative.json', noEnv, { cwd: dir }).api.client_id).to.equal(7);
    });

    it('reads ./ib.config.json by default', () => {
      const sub = mkdtempSync(join(dir, 'default-'));
      writeFileSync(join(sub, 'ib.config.json'), '{ "market_data": { "timeout": 5 } }');
      expect(loadConfig(undefined, noEnv, { cwd: sub }).market_data.timeout).to.equal(5);
    });

    it('returns the defaults when there is no file at the default path', () => {
      const empty = mkdtempSync(join(dir, 'empty-'));
      expect(loadConfig(undefined, noEnv, { cwd: empty })).to.deep.equal(DEFAULT_CONFIG);
    });

    it('fails with a ConfigError naming an explicit path that does not exist', () => {
      const missing = join(dir, 'nope.json');
      const error = configErrorOf(() => loadConfig(missing, noEnv));
      expect(error.file).to.equal(missing);
      expect(error.problems).to.deep.equal([{ path: '', message: `config file not found: ${missing}` }]);
      expect(error.message).to.include(missing);
    });

    it('says in words why a config file cannot be read (a directory at the default path too), keeping the cause', () => {
      const sub = mkdtempSync(join(dir, 'dir-'));
      mkdirSync(join(sub, 'ib.config.json'));
      const error = configErrorOf(() => loadConfig(undefined, noEnv, { cwd: sub }));
      expect(error.problems).to.deep.equal([{ path: '', message: `cannot read config file (is a directory, not a config file): ${join(sub, 'ib.config.json')}` }]);
      expect(error.cause).to.include({ code: 'EISDIR' });
    });

    it('reports invalid JSON with its line and column', () => {
      const file = write('broken.json', '{\n  "api": {\n    "port": 7497,,\n  }\n}\n');
      const error = configErrorOf(() => loadConfig(file, noEnv));
      expect([error.line, error.column]).to.deep.equal([3, 18]);
      expect(error.file).to.equal(file);
      expect(error.problems[0]?.message).to.equal('invalid JSON at line 3, column 18: Expected double-quoted property name');
      expect(error.cause).to.be.instanceOf(SyntaxError);
    });

    it('reports every invalid value of a file together, naming the file', () => {
      const file = write('bad-values.json', '{ "api": { "port": "abc", "client_id": -1 }, "extra": true }');
      const error = configErrorOf(() => loadConfig(file, noEnv));
      expect(error.file).to.equal(file);
      expect(error.problems.map((p) => p.path)).to.deep.equal(['api.port', 'api.client_id', 'extra']);
      expect(error.message).to.include('  api.port: expected an integer 1..65535, got "abc"');
    });
  });

  describe('environment overrides', () => {
    const base = (): string => write('base.json', '{ "api": { "tws_endpoint": "file-host", "port": 7496, "client_id": 1 }, "market_data": { "data_type": "realtime" } }');

    it('IB_HOST replaces api.tws_endpoint', () => {
      expect(loadConfig(base(), { IB_HOST: 'gateway.local' }).api.tws_endpoint).to.equal('gateway.local');
    });
    it('IB_PORT replaces api.port (as a number)', () => {
      expect(loadConfig(base(), { IB_PORT: '4002' }).api.port).to.equal(4002);
    });
    it('IB_CLIENT_ID replaces api.client_id (as a number)', () => {
      expect(loadConfig(base(), { IB_CLIENT_ID: '12' }).api.client_id).to.equal(12);
    });
    it('IB_DATA_TYPE replaces market_data.data_type', () => {
      expect(loadConfig(base(), { IB_DATA_TYPE: 'frozen' }).market_data.data_type).to.equal('frozen');
    });
    it('applies overrides on top of the defaults when there is no file', () => {
      const empty = mkdtempSync(join(dir, 'env-'));
      const config = loadConfig(undefined, { IB_HOST: 'h', IB_PORT: '4001', IB_CLIENT_ID: '3', IB_DATA_TYPE: 'delayed-frozen' }, { cwd: empty });
      expect(config.api).to.deep.equal({ tws_endpoint: 'h', port: 4001, client_id: 3 });
      expect(config.market_data.data_type).to.equal('delayed-frozen');
    });
    it('treats an empty variable as unset', () => {
      expect(loadConfig(base(), { IB_HOST: '', IB_PORT: '' }).api).to.deep.include({ tws_endpoint: 'file-host', port: 7496 });
    });

    const bad: readonly [string, string, string][] = [
      ['IB_HOST', '  ', 'api.tws_endpoint: expected a non-empty host name, got "  " (from IB_HOST)'],
      ['IB_PORT', 'abc', 'api.port: expected an integer 1..65535, got "abc" (from IB_PORT)'],
      ['IB_PORT', '70000', 'api.port: expected an integer 1..65535, got 70000 (from IB_PORT)'],
      ['IB_CLIENT_ID', '-1', 'api.client_id: expected an integer >= 0, got -1 (from IB_CLIENT_ID)'],
      ['IB_CLIENT_ID', '0x10', 'api.client_id: expected an integer >= 0, got "0x10" (from IB_CLIENT_ID)'],
      ['IB_DATA_TYPE', 'live', 'market_data.data_type: expected one of "realtime", "frozen", "delayed", "delayed-frozen", got "live" (from IB_DATA_TYPE)'],
    ];
    for (const [variable, value, line] of bad) {
      it(`rejects ${variable}=${JSON.stringify(value)} naming the path, the value and the variable`, () => {
        const error = configErrorOf(() => loadConfig(base(), { [variable]: value }));
        expect(error.message.split('\n').slice(1)).to.deep.equal([`  ${line}`]);
      });
    }
  });
});
