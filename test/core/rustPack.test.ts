/**
 * The Rust language pack: facts (imports from `use`/`mod`, constants, `concat!`/`format!`, functions
 * with attributes and `let`s) and module resolution (`crate::`, `super::`, `mod.rs`, the package name).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRsFacts } from '../../src/core/lang/rust/facts';
import { rsModuleResolver } from '../../src/core/lang/rust/modules';
import { createParser, type TsParser } from '../../src/core/parse/treeSitter';

let parser: TsParser;
beforeAll(async () => {
  parser = await createParser('rust');
});

function facts(text: string, file = 'src/main.rs') {
  const tree = parser.parse(text)!;
  try {
    return buildRsFacts(tree, file);
  } finally {
    tree.delete();
  }
}

describe('Rust facts', () => {
  it('reads use declarations, mod items and globs as imports', () => {
    const f = facts(`
      use crate::a::{b, c as d, e::f, self};
      use super::g;
      use actix_web::web;
      use crate::h::*;
      mod handlers;
      mod tests { fn t() {} }
    `);
    expect(f.module.imports['b']).toEqual({ specifier: 'crate::a', name: 'b' });
    expect(f.module.imports['d']).toEqual({ specifier: 'crate::a', name: 'c' });
    expect(f.module.imports['f']).toEqual({ specifier: 'crate::a::e', name: 'f' });
    expect(f.module.imports['a']).toEqual({ specifier: 'crate', name: 'a' });
    expect(f.module.imports['g']).toEqual({ specifier: 'super', name: 'g' });
    expect(f.module.imports['web']).toEqual({ specifier: 'actix_web', name: 'web' });
    expect(f.module.imports['handlers']).toEqual({ specifier: 'self::handlers', name: '*' });
    expect(f.module.imports['tests']).toBeUndefined();
    expect(f.module.reexports).toEqual([{ specifier: 'crate::h', names: null }]);
  });

  it('keeps constants, concat! and statically evaluable format! as symbols', () => {
    const f = facts(`
      const A: &str = "/api";
      static B: &str = concat!("/v", "1");
      const C: &str = r#"/raw"#;
      fn f() { let p = format!("{}/items/{{id}}", A); let q = format!("{:?}", A); }
    `);
    expect(f.module.bindings['A']).toEqual({ k: 'str', v: '/api' });
    expect(f.module.bindings['B']).toEqual({ k: 'concat', parts: [{ k: 'str', v: '/v' }, { k: 'str', v: '1' }] });
    expect(f.module.bindings['C']).toEqual({ k: 'str', v: '/raw' });
    expect(f.module.bindings['f::p']).toEqual({ k: 'concat', parts: [{ k: 'ref', name: 'A' }, { k: 'str', v: '/items/{id}' }] });
    expect(f.module.bindings['f::q']).toEqual({ k: 'dyn', text: 'format!(…)' });
  });

  it('records functions with their attributes, parameters and tail', () => {
    const f = facts(`
      #[get("/x/{id}")]
      async fn h() {}
      #[utoipa::path(post, path = "/chunk", context_path = "/api")]
      pub fn configure(cfg: &mut web::ServiceConfig) { cfg.service(h); }
      impl S { fn m(&self) {} }
    `);
    const h = f.fns.find((x) => x.id === 'h')!;
    expect(h.attrs[0]).toMatchObject({ path: 'get', args: [{ k: 'str', v: '/x/{id}' }] });
    const c = f.fns.find((x) => x.id === 'configure')!;
    expect(c.params).toEqual([{ name: 'cfg', type: '&mut web::ServiceConfig' }]);
    expect(c.attrs[0]!.path).toBe('utoipa::path');
    expect(c.attrs[0]!.args.map((a) => a.k)).toEqual(['path', 'kv', 'kv']);
    expect(f.fns.some((x) => x.id === 'S::m')).toBe(true);
    expect(f.module.bindings['h']).toEqual({ k: 'func', id: 'h' });
  });

  it('tolerates syntax errors', () => {
    const f = facts('fn ok() { web::scope("/a") }\nfn broken( {');
    expect(f.hasErrors).toBe(true);
    expect(f.fns.some((x) => x.id === 'ok')).toBe(true);
  });
});

describe('Rust module resolution', () => {
  const files = new Set([
    'api/Cargo.toml',
    'api/src/main.rs',
    'api/src/lib.rs',
    'api/src/handlers/mod.rs',
    'api/src/handlers/auth.rs',
    'api/src/config.rs',
    'api/src/routes.rs',
    'api/src/routes/users.rs',
    'api/src/bin/tool.rs',
  ]);
  const r = rsModuleResolver({ files, tsconfigs: new Map(), isSource: (p) => p.endsWith('.rs'), crates: new Map([['my_api', 'api']]) });

  it('follows mod, crate, self and super paths', () => {
    expect(r.resolve('api/src/main.rs', 'handlers')).toBe('api/src/handlers/mod.rs');
    expect(r.resolve('api/src/main.rs', 'handlers::auth')).toBe('api/src/handlers/auth.rs');
    expect(r.resolve('api/src/handlers/auth.rs', 'super')).toBe('api/src/handlers/mod.rs');
    expect(r.resolve('api/src/handlers/auth.rs', 'crate::config')).toBe('api/src/config.rs');
    expect(r.resolve('api/src/handlers/mod.rs', 'super::config')).toBe('api/src/config.rs');
    expect(r.resolve('api/src/routes.rs', 'users')).toBe('api/src/routes/users.rs');
    expect(r.resolve('api/src/routes/users.rs', 'self')).toBe('api/src/routes/users.rs');
  });

  it('reads the package name as the library crate, and leaves other crates alone', () => {
    expect(r.resolve('api/src/main.rs', 'my_api::handlers::auth')).toBe('api/src/handlers/auth.rs');
    expect(r.resolve('api/src/main.rs', 'actix_web::web')).toBeNull();
    expect(r.isWorkspaceSpecifier('api/src/main.rs', 'actix_web')).toBe(false);
    expect(r.isWorkspaceSpecifier('api/src/main.rs', 'crate::nothing')).toBe(true);
    expect(r.resolve('api/src/bin/tool.rs', 'crate')).toBe('api/src/bin/tool.rs');
  });
});
