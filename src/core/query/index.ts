/**
 * The query layer: editor answers (hovers, navigation, lenses, diagnostics, the Gap Explorer tree) as pure
 * functions over an `AnalysisResult`, returning plain data with 1-based, root-relative locations. The
 * server and the client only convert them.
 */
export { spanContains, callAt, endpointsAt, type Position } from './locate';
export { hoverAt, type HoverInfo, type LinkFor } from './hover';
export { definitionAt, referencesAt, type Definition } from './navigation';
export { lensesFor, type Lens, type LensAction } from './lenses';
export { diagnosticsByFile, type FileDiagnostic, type DiagnosticOptions, type DiagnosticTagName } from './diagnostics';
export { gapLevel, indexGapTree, GapTreeCache, type GapLevel, type GapTreeIndex } from './gapLevels';
export { gapTree, treeLeaves, TREE_GROUPS, type GapFilter, type GapTree, type GroupId, type GroupInfo, type TreeFolder, type TreeLocation, type TreeNode } from './tree';
export { routeSymbols, type RouteSymbol } from './symbols';
export { catalogueChildren, endpointMatcher, endpointStatuses, usageText, ENDPOINT_STATUSES, type CatalogueFilter, type CatalogueLevel, type EndpointStatus } from './catalogue';
export { readUrlString, routesForUrl, type UrlQuery } from './urlLookup';
