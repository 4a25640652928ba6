declare module '@digital-go-jp/tailwind-theme-plugin' {
  const plugin: { handler: () => void; config?: Record<string, unknown> };
  export default plugin;
}
