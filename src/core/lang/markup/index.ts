/**
 * The markup language pack's pure core: which files are markup, the JS/TS blocks embedded in them, and
 * their start tags with attributes (for extractors reading `hx-post`, `<form action>`, `<script src>`, …).
 */
export { default } from './pack';

export { extractScriptBlocks, toFilePosition, type ScriptBlock, type ScriptBlockOptions } from './blocks';
export { scanElements, type MarkupAttr, type MarkupElement, type MarkupKind } from './elements';
export { astroFrontmatter, type Frontmatter } from './scan';
export { templateValue, type TemplatePart, type TemplateValue } from './templates';
export { PUG_EXPRESSION } from './pug';
export { MARKUP_EXTENSIONS, markupKindOf } from './kinds';
export { attrSpan, attrUrl } from './urls';
export { namedRouteOf, type NamedRoute } from './named';
