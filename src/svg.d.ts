// The bundler loads SVG files imported from code as their source text.
declare module '*.svg' {
  const source: string;
  export default source;
}
