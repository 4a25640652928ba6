/** @type {import('@remix-run/dev').AppConfig} */
export default {
  appDirectory: 'app',
  assetsBuildDirectory: 'build/public/build',
  publicPath: '/build/',
  serverBuildPath: 'build/remix/index.js',
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // Tailwind is compiled by scripts/build-css.ts into app/styles/app.generated.css,
  // so the tool configuration can live under scripts/ instead of the top level.
  tailwind: false,
  postcss: false,
  ignoredRouteFiles: ['**/.*', '**/*.test.*', '**/__*.*'],
  watchPaths: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};
