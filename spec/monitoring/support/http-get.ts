import { request } from 'node:http';

/** One HTTP request without keep-alive (no socket left behind): status, content type and body. */
export function httpGet(url: string, method = 'GET'): Promise<{ status: number; contentType: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body }); });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
