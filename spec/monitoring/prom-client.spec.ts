import { expect } from 'chai';
import { IbRxError } from '../../lib/errors.js';
import { loadPromClient, MetricsUnavailableError } from '../../lib/monitoring/prom-client.js';

const failing = (code: string) => (): never => {
  throw Object.assign(new Error(`Cannot find module 'prom-client'`), { code });
};

describe('loadPromClient', () => {
  it('loads the installed prom-client', () => {
    expect(loadPromClient().Registry).to.be.a('function');
  });

  it('throws a MetricsUnavailableError saying how to install prom-client when it is missing', () => {
    for (const code of ['MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND']) {
      const attempt = (): unknown => loadPromClient(failing(code));
      expect(attempt).to.throw(MetricsUnavailableError, /npm install prom-client/);
      try {
        attempt();
      } catch (error: unknown) {
        expect(error).to.be.instanceOf(IbRxError).and.to.have.property('name', 'MetricsUnavailableError');
        expect((error as Error).cause).to.have.property('code', code);
      }
    }
  });

  it('passes other load failures on unchanged', () => {
    expect(() => loadPromClient(failing('EACCES'))).to.throw(Error, /Cannot find module/).and.not.to.be.instanceOf(MetricsUnavailableError);
  });
});
