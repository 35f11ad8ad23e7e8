// Replaced at build time by vite.config.ts (`define`); absent under vitest.
declare const __FIREBREAK_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __FIREBREAK_VERSION__ === 'string' ? __FIREBREAK_VERSION__ : 'dev';
