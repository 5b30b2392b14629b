#!/usr/bin/env node
// The `forening` command: builds if needed, then runs the CLI (see `forening help`).
import '../scripts/start.js';
