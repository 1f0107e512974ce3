import { expect } from 'chai';
import { InvalidInputError } from '../../lib/errors.js';
import { serveRemote } from '../../lib/remote/index.js';
import { IbSession } from '../../lib/session/ib-session.js';

describe('serveRemote heartbeat and lease times', () => {
  // Checked before NATS is dialled: the URL below is never connected to.
  const refused = async (times: { readonly heartbeatMs?: number; readonly leaseMs?: number }): Promise<unknown> => {
    const session = new IbSession();
    try {
      return await serveRemote(session, { servers: 'nats://127.0.0.1:1', ...times }).then(() => undefined, (error: unknown) => error);
    } finally {
      await session.close();
    }
  };

  it('refuses a lease shorter than the heartbeat, naming leaseMs and the heartbeat', async () => {
    const error = await refused({ heartbeatMs: 1000, leaseMs: 999 });
    expect(error).to.be.instanceOf(InvalidInputError).and.include({ field: 'leaseMs', value: 999 });
    expect((error as Error).message).to.include('heartbeatMs 1000');
    expect(await refused({ leaseMs: 1999 })).to.be.instanceOf(InvalidInputError).and.include({ field: 'leaseMs' });
  });

  it('refuses a heartbeat under 10 ms or not whole, and a lease that is not a number', async () => {
    expect(await refused({ heartbeatMs: 5 })).to.be.instanceOf(InvalidInputError).and.include({ field: 'heartbeatMs' });
    expect(await refused({ heartbeatMs: 100.5 })).to.be.instanceOf(InvalidInputError).and.include({ field: 'heartbeatMs' });
    expect(await refused({ heartbeatMs: 100, leaseMs: Number.NaN })).to.be.instanceOf(InvalidInputError).and.include({ field: 'leaseMs' });
  });
});
