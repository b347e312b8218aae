/**
 * The Go pack: facts of one file (imports, package-level values, locals, parameter types, function
 * literals, calls), string escapes, default package names, and module resolution by `go.mod` with the
 * package's files chained through the `.` specifier.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createParser, type TsParser } from '../../src/core/parse/treeSitter';
import { buildGoFacts, defaultPackageName } from '../../src/core/lang/go/facts';
import { goModuleResolver } from '../../src/core/lang/go/modules';
import { unescapeGo } from '../../src/core/lang/go/syms';
import { goMethods, goPattern } from '../../src/core/lang/go/patterns';
import type { Project } from '../../src/core/project/projects';

let parser: TsParser;
beforeAll(async () => {
  parser = await createParser('go');
});

const facts = (src: string) => buildGoFacts(parser.parse(src)!, 'srv/main.go');

describe('Go facts', () => {
  it('reads imports, package-level values and names from the package', () => {
    const f = facts(`package main
import (
  "net/http"
  web "github.com/acme/shop/internal/web"
  _ "embed"
  "github.com/go-chi/chi/v5"
)
const Prefix = "/api" + \`/v1\`
var APIv1 *gin.RouterGroup
func main() { r := chi.NewRouter(); r.Get(Prefix+"/x", handler); web.Routes(r); http.ListenAndServe(":80", r) }
`);
    expect(f.pkg).toBe('main');
    expect(f.module.imports['http']).toEqual({ specifier: 'net/http', name: '*' });
    expect(f.module.imports['web']).toEqual({ specifier: 'github.com/acme/shop/internal/web', name: '*' });
    expect(f.module.imports['chi']).toEqual({ specifier: 'github.com/go-chi/chi/v5', name: '*' });
    expect(f.module.imports['_']).toBeUndefined();
    // A name this file does not declare comes from the package's other files.
    expect(f.module.imports['handler']).toEqual({ specifier: '.', name: 'handler' });
    // A var declared without a value may be assigned in another file.
    expect(f.module.imports['APIv1']).toEqual({ specifier: '.', name: 'APIv1' });
    expect(f.varTypes['APIv1']).toBe('gin.RouterGroup');
    expect(f.module.bindings['Prefix']).toEqual({ k: 'concat', parts: [{ k: 'str', v: '/api' }, { k: 'str', v: '/v1' }] });
    const get = f.calls.find((c) => c.callee.k === 'member' && c.callee.prop === 'Get')!;
    expect(get.callee).toEqual({ k: 'member', obj: { k: 'ref', name: '@10:1::r' }, prop: 'Get' });
    expect(f.module.reexports).toEqual([{ specifier: '.', names: null }]);
  });

  it('records parameter types, receivers, struct fields and function literals', () => {
    const f = facts(`package api
import "github.com/gin-gonic/gin"
type Server struct { router *gin.Engine; *gin.RouterGroup }
func (s *Server) routes(g *gin.RouterGroup, prefix string) {
  g.GET(prefix, func(c *gin.Context) {})
  s.router = gin.New()
}
func New() *Server { return &Server{router: gin.Default()} }
`);
    const routes = Object.values(f.module.functions).find((fn) => fn.name === 'Server.routes')!;
    expect(routes.params).toEqual([
      { name: 'g', type: 'github.com/gin-gonic/gin.RouterGroup' },
      { name: 'prefix', type: 'string' },
    ]);
    expect(f.receivers[routes.id]).toEqual({ name: 's', type: 'Server' });
    expect(f.fieldTypes['Server.router']).toBe('github.com/gin-gonic/gin.Engine');
    expect(f.fieldTypes['Server.RouterGroup']).toBe('github.com/gin-gonic/gin.RouterGroup');
    // The first value a field gets (here the assignment, read before the literal below it).
    expect(f.module.bindings['Server.router']).toMatchObject({ k: 'call', callee: { k: 'member', prop: 'New' } });
    const get = f.calls.find((c) => c.callee.k === 'member' && c.callee.prop === 'GET')!;
    expect(get.args[0]).toEqual({ k: 'param', fn: routes.id, index: 1, name: 'prefix' });
    expect(get.args[1]).toMatchObject({ k: 'func' });
    expect(Object.values(f.module.functions).some((fn) => fn.name === '<func>' && fn.params[0]?.type === 'github.com/gin-gonic/gin.Context')).toBe(true);
  });

  it('keeps locals per function and binds tuples to nothing', () => {
    const f = facts(`package main
func a() { x := "/a"; y, err := f(); if z := "/z"; z != "" { use(x, y, z, err) } }
func b() { x := "/b"; use(x) }
`);
    expect(f.module.bindings['@2:1::x']).toEqual({ k: 'str', v: '/a' });
    expect(f.module.bindings['@2:1::z']).toEqual({ k: 'str', v: '/z' });
    expect(f.module.bindings['@2:1::y']).toBeUndefined();
    expect(f.module.bindings['@3:1::x']).toEqual({ k: 'str', v: '/b' });
  });

  it('reads escapes, patterns, method lists and package names', () => {
    expect(unescapeGo('\\x2fapi\\u00e9\\t\\101')).toBe('/apié\tA');
    expect(defaultPackageName('github.com/go-chi/chi/v5')).toBe('chi');
    expect(defaultPackageName('gopkg.in/yaml.v3')).toBe('yaml');
    expect(defaultPackageName('github.com/acme/go-utils')).toBe('utils');
    expect(goPattern('GET /items/{id}')).toEqual({ methods: ['GET'], path: '/items/{id}' });
    expect(goPattern('example.com/static/')).toEqual({ methods: null, path: '/static/{...rest}' });
    expect(goPattern('/files/{path...}')).toEqual({ methods: null, path: '/files/{...path}' });
    expect(goPattern('GET /{$}')).toEqual({ methods: ['GET'], path: '/' });
    expect(goPattern('/x/', false)).toEqual({ methods: null, path: '/x/' });
    expect(goMethods({ k: 'arr', items: [{ k: 'member', obj: { k: 'ref', name: 'http' }, prop: 'MethodPut' }, { k: 'str', v: 'patch' }] })).toEqual(['PUT', 'PATCH']);
    expect(goMethods({ k: 'str', v: '/jobs' })).toBeNull();
  });
});

describe('Go module resolution', () => {
  const project = (root: string, goModule: string) => ({ root, goModule }) as unknown as Project;
  const files = new Set(['go.mod', 'main.go', 'internal/api/a.go', 'internal/api/b.go', 'internal/api/a_test.go', 'tools/go.mod', 'tools/gen/gen.go']);
  const r = goModuleResolver({ files, tsconfigs: new Map(), isSource: () => true, projects: [project('.', 'github.com/acme/shop'), project('tools', 'github.com/acme/shop/tools')] });

  it('maps import paths to a package folder, nested modules first', () => {
    expect(r.resolve('main.go', 'github.com/acme/shop/internal/api')).toBe('internal/api/a.go');
    expect(r.resolve('main.go', 'github.com/acme/shop/tools/gen')).toBe('tools/gen/gen.go');
    expect(r.resolve('main.go', 'github.com/gin-gonic/gin')).toBeNull();
    expect(r.isWorkspaceSpecifier('main.go', 'github.com/acme/shop/missing')).toBe(true);
    expect(r.isWorkspaceSpecifier('main.go', 'net/http')).toBe(false);
  });

  it('chains a package\'s files (tests left out) through `.`', () => {
    expect(r.resolve('internal/api/a.go', '.')).toBe('internal/api/b.go');
    expect(r.resolve('internal/api/b.go', '.')).toBe('internal/api/a.go');
    expect(r.resolve('main.go', '.')).toBe('main.go');
  });
});
