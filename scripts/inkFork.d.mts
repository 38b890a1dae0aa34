import type {Plugin as EsbuildPlugin} from 'esbuild';
import type {Plugin as VitePlugin} from 'vitest/config';

export declare const FORKED_INK_VERSION: string;
export declare const FORKED_MODULES: Readonly<Record<string, string>>;
export declare function forkedModule(specifier: string, importer: string | undefined): string | undefined;
export declare function installedInkVersion(): string;
export declare function checkInkVersion(installed?: string): void;
export declare const inkForkForEsbuild: EsbuildPlugin;
export declare const inkForkForVite: VitePlugin;
