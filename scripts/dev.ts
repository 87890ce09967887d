/** `npm run dev`: API with reload (tsx watch) + Vite dev server with HMR, proxied /api. */
import { spawn } from 'node:child_process';

// The Vite proxy rewrites Host (changeOrigin), so the API must trust the dev server's Origin for POSTs (CSRF check).
const trusted = process.env.TRUSTED_ORIGINS ?? 'http://localhost:5173,http://127.0.0.1:5173';
const api = spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], { stdio: 'inherit', env: { ...process.env, TRUSTED_ORIGINS: trusted } });
const web = spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' });
const stop = () => {
  api.kill();
  web.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
