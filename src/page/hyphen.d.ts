/** The hyphen package (no types of its own): Liang's hyphenation, its UMD builds bundled by esbuild. */
declare module 'hyphen/hyphen.js' {
  export default function createHyphenator(patterns: unknown, options: { hyphenChar: string }): (word: string) => string;
}
declare module 'hyphen/patterns/en-us.js' {
  const patterns: unknown;
  export default patterns;
}
