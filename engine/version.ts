/** The engine's version, stamped on every run and saved project (kept equal to package.json's). */
export const ENGINE_VERSION = '0.1.0';
