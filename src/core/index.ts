/**
 * The core's public API, used by the language server and the CLI. This module can be used
 * independently of VS Code: it knows nothing of the editor or of LSP.
 */
export { analyzeWorkspace, Analyzer, AnalysisCancelled, isSourceFile, type AnalyzeOptions, type Logger, type Progress } from './analyze';
export { nodeFileSystem, withOverlays, workspaceTarget, DEFAULT_EXCLUDES, type FileSystem, diskFactsStore, defaultCacheDir, openFactsCache } from './fs';
export type { FactsStore } from './engine/factsCache';
export { CONFIG_FILE_NAME, DEFAULT_CONFIG, ConfigurationError, parseConfig, ruleMatches, type Config, type IgnoreRule, type ServiceConfig } from './config';
export { addIgnoreRule, ignoreRuleEdits } from './configEdit';
export { decodeText } from './text';
export { loadConfig, type LoadedConfig } from './loadConfig';
export { broadWorkspaceReason } from './configPaths';
export { setWasmDir } from './parse/treeSitter';
export { limitHeapGrowth } from './runtime';
export { frameworks, indexedFrameworks } from './frameworks/registry';
export { normalizeRoutePath, parseRoutePath, formatPath } from './match/path';
export * from './types';
export { scaffoldProxyRoute, findNextApps, proxyFolder, unsafeRoutePath, type ScaffoldPlan, type NextApp } from './fixes/scaffoldProxy';
export { isInside as isInsideFolder } from './path';
export { planFixes } from './fixes/plan';
export type { FixContext, FixEdit, FixKind, FixPlan, FixWorkspace } from './fixes/types';
export { renderMarkdown, type MarkdownOptions } from './report/markdown';
export { groupByArea } from './report/areas';
export { GAP_KINDS, kindRank, methodLabel, type GapKindInfo } from './report/gapKinds';
export * from './query';
export { printable, mdCode, mdText } from './report/escape';
export { matchFileGlob } from './glob';
export { mountedFileSystem, mountNames, unionFileSystem, type Member, type Mount } from './fsMounts';
export { rebaseConfigError, systemConfig, withFolderError, type SystemPart } from './configSystem';
export { applyBaseline, makeBaseline, parseBaseline, BaselineError, type Baseline } from './review/baseline';
export { diffResults, type ReviewDiff, type BreakingChange } from './review/diff';
export { renderDiffMarkdown } from './report/diffMarkdown';
export { exportOpenApi, type OpenApiDocument } from './review/openapi';
export { docKind } from './docs/files';
