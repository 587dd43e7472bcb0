/** `?url` imports (the bundler gives the asset's URL): the one bundler feature core uses, in wasmPaths.browser.ts. */
declare module '*?url' {
  const url: string;
  export default url;
}
