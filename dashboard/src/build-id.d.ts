/** Set by vite.config.ts at build time: the build this page belongs to. */
declare const __IOC_BUILD_ID__: string;
