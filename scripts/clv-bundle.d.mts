/** Types of scripts/clv-bundle.mjs (plain JavaScript: it runs before TypeScript can be compiled). */
export type SourceStamps = Record<string, [mtimeMs: number, size: number]>;
export function sourceStamps(root: string, inputs: string[]): SourceStamps;
export function changedSource(root: string, stamps: SourceStamps): string | null;
export function buildBundle(options: { root: string; entryPoints: Record<string, string>; outdir: string }): Promise<SourceStamps>;
export function freshBundle(options: { root: string; buildRoot: string; entryPoints: Record<string, string>; onBuild?: (reason: string) => void }): Promise<string>;
