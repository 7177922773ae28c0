#!/usr/bin/env node
// The packline command. The TypeScript is compiled by `npm install` (the prepare script).
import { runCli } from '../dist/cli/main.js';

await runCli(process.argv);
