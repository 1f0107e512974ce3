#!/usr/bin/env node
// The second half of `npm run build` (after tsc): copies the browser view's page, lib/web/static,
// next to the compiled server, DIR/web/static (DIR: the argument, default dist), where the server
// looks for it once installed. Plain files, no bundler.
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const target = join(resolve(process.argv[2] ?? join(repo, 'dist')), 'web', 'static');
rmSync(target, { recursive: true, force: true });
cpSync(join(repo, 'lib', 'web', 'static'), target, { recursive: true });
