// Vite's `?url` imports: the URL of a file emitted into the bundle.
declare module '*?url' {
  const url: string;
  export default url;
}
