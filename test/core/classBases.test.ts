/**
 * Apps and routers built from workspace subclasses, beyond the golden `fastapi/router-subclass`: the
 * shapes of constructor forwarding it does not show (mixins, `Base.__init__(self, …)`, `*args`,
 * `**options` at the construction, a constructor whose base call cannot be read), and classes that only
 * look like routers.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWorkspace, DEFAULT_CONFIG, nodeFileSystem, type AnalysisResult } from '../../src/core';

let root: string;
let result: AnalysisResult;

const BASES = `from fastapi import APIRouter, FastAPI


class AuditMixin:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)


class MixedRouter(AuditMixin, APIRouter):
    pass


class ExplicitRouter(APIRouter):
    def __init__(self, section):
        APIRouter.__init__(self, prefix="/" + section)


class StarRouter(APIRouter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


class HiddenRouter(APIRouter):
    def __init__(self, prefix=""):
        self.configure(prefix)

    def configure(self, prefix):
        pass


class App(FastAPI):
    def __init__(self, **kwargs):
        super().__init__(title="svc", **kwargs)
`;

const ROUTES = `from svc.bases import ExplicitRouter, HiddenRouter, MixedRouter, StarRouter

OPTIONS = {"prefix": "/opts", "tags": ["x"]}

mixed = MixedRouter(prefix="/mixed")
explicit = ExplicitRouter("explicit")
star = StarRouter(prefix="/star")
spread = StarRouter(**OPTIONS)
hidden = HiddenRouter(prefix="/hidden")


class APIRouter:
    """Named like FastAPI's, but it is not."""

    def __init__(self, prefix=""):
        self.prefix = prefix

    def get(self, path):
        return lambda fn: fn


lookalike = APIRouter(prefix="/lookalike")


@mixed.get("/a")
def a():
    return 1


@explicit.get("/b")
def b():
    return 1


@star.get("/c")
def c():
    return 1


@spread.get("/d")
def d():
    return 1


@hidden.get("/e")
def e():
    return 1


@lookalike.get("/f")
def f():
    return 1
`;

const MAIN = `from svc import routes
from svc.bases import App

app = App()
app.include_router(routes.mixed, prefix="/v")
app.include_router(routes.explicit, prefix="/v")
app.include_router(routes.star, prefix="/v")
app.include_router(routes.spread, prefix="/v")
app.include_router(routes.hidden, prefix="/v")
app.include_router(routes.lookalike, prefix="/v")
`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-bases-'));
  const w = (rel: string, data: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), data);
  };
  w('requirements.txt', 'fastapi\n');
  w('svc/__init__.py', '');
  w('svc/bases.py', BASES);
  w('svc/routes.py', ROUTES);
  w('svc/main.py', MAIN);
  result = await analyzeWorkspace({ root, fs: nodeFileSystem(root), config: DEFAULT_CONFIG });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const route = (handler: string) => {
  const found = result.endpoints.filter((e) => e.handler === handler);
  expect(found).toHaveLength(1);
  const e = found[0]!;
  return { line: `${e.method} ${e.path}`, confidence: e.confidence, notes: e.notes };
};

describe('routers built from workspace subclasses', () => {
  it('finds the router base behind a mixin', () => {
    expect(route('a')).toEqual({ line: 'GET /v/mixed/a', confidence: 'exact', notes: [] });
  });

  it('reads `Base.__init__(self, …)` like `super().__init__(…)`', () => {
    expect(route('b')).toEqual({ line: 'GET /v/explicit/b', confidence: 'exact', notes: [] });
  });

  it('forwards keywords through `*args, **kwargs`', () => {
    expect(route('c')).toEqual({ line: 'GET /v/star/c', confidence: 'exact', notes: [] });
  });

  it('reads a prefix spread into the construction with `**options`', () => {
    expect(route('d')).toEqual({ line: 'GET /v/opts/d', confidence: 'exact', notes: [] });
  });

  it('keeps a router whose constructor hides its base call partial, with the reason, under its mounts', () => {
    const e = route('e');
    expect(e.line).toBe('GET /v/{prefix}/e');
    expect(e.confidence).toBe('partial');
    expect(e.notes).toEqual(['path part `prefix` (`HiddenRouter.__init__` has no `super().__init__(…)` call to read) could not be resolved statically']);
  });

  it('does not take a workspace class named `APIRouter` for FastAPI’s', () => {
    const e = route('f');
    expect(e.line).toBe('GET /f');
    expect(e.confidence).toBe('partial');
    expect(e.notes).toEqual(['mount prefix unknown: `lookalike` is not a known router']);
  });

  it('treats an app subclass as an app', () => {
    expect(result.endpoints.every((e) => !e.notes.some((n) => n.includes('not mounted')))).toBe(true);
  });
});
