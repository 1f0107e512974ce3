import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the browser view serves: its bytes and content type. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/** Where the page loads the chart library from (served from the `lightweight-charts` package's own files). */
export const CHART_LIBRARY_URL = '/vendor/lightweight-charts.js';

const PAGE_FILES: readonly (readonly [url: string, file: string, contentType: string])[] = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/app.js', 'app.js', 'text/javascript; charset=utf-8'],
  ['/style.css', 'style.css', 'text/css; charset=utf-8'],
];

/**
 * The page's folder: `static/` beside this module, so `lib/web/static` when run from the sources
 * (tsx, a checkout) and `dist/web/static` when installed (the build copies it there).
 */
export function staticDir(): string {
  return fileURLToPath(new URL('./static/', import.meta.url));
}

/** The standalone build of `lightweight-charts` (defines `window.LightweightCharts`), resolved like an import. */
export function chartLibraryFile(): string {
  const packageJson = createRequire(import.meta.url).resolve('lightweight-charts/package.json');
  return join(dirname(packageJson), 'dist', 'lightweight-charts.standalone.production.js');
}

/**
 * Reads every file the page needs, by URL path: the page (`/`, `/app.js`, `/style.css`) and the
 * chart library ({@link CHART_LIBRARY_URL}). Rejects (`ENOENT`, naming the file) when one is missing.
 */
export async function loadStaticFiles(): Promise<ReadonlyMap<string, StaticFile>> {
  const dir = staticDir();
  const entries = [
    ...PAGE_FILES.map(([url, file, contentType]) => [url, join(dir, file), contentType] as const),
    [CHART_LIBRARY_URL, chartLibraryFile(), 'text/javascript; charset=utf-8'] as const,
  ];
  const files = await Promise.all(entries.map(async ([url, path, contentType]) => [url, { body: await readFile(path), contentType }] as const));
  return new Map(files);
}
