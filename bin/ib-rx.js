#!/usr/bin/env node
// The `ib-rx` executable. Installed from the package it runs the built CLI (dist/); in a source
// checkout (lib/ is present) it runs the TypeScript sources through tsx, so `npm install` needs no
// build step and `npx ib-rx …` always runs the code you are looking at.
import { existsSync } from 'node:fs';

const source = new URL('../lib/cli/main.ts', import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(source.href);
} else {
  cli = await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
cli.runAsMain();
