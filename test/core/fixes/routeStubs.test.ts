/**
 * "Create the route in the backend" for each framework with a stub writer: the stub lands in the router
 * module whose prefix covers the path, the re-analysis indexes it at the call's method and path, the
 * missing endpoint is gone and no other gap appears.
 */
import { describe, expect, it } from 'vitest';
import { applyAndCheck, fixesFor, type Files } from './harness';

interface Case {
  readonly backend: Files;
  /** The route file the stub goes into. */
  readonly file: string;
  /** Text the stub must contain. */
  readonly contains: string;
}

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const GO_MAIN = (imp: string, body: string) => `package main\n\nimport (\n\t"net/http"\n\n\t${imp}\n)\n\nvar _ = http.StatusOK\n\n${body}`;

const CASES: Record<string, Case> = {
  express: {
    backend: {
      'api/package.json': pkg({ express: '4' }),
      'api/index.js': "const express = require('express');\nconst users = require('./users');\nconst app = express();\napp.use('/api/users', users);\napp.listen(3000);\n",
      'api/users.js': "const express = require('express');\nconst router = express.Router();\n\nrouter.get('/:id', (req, res) => {\n  res.json({});\n});\n\nmodule.exports = router;\n",
    },
    file: 'api/users.js',
    contains: "router.post('/:userId/avatar', (req, res) => {\n  res.status(501).json({ error: 'Not implemented' });\n});",
  },
  koa: {
    backend: {
      'api/package.json': pkg({ koa: '2', '@koa/router': '12' }),
      'api/index.js': "const Koa = require('koa');\nconst Router = require('@koa/router');\nconst app = new Koa();\nconst router = new Router({ prefix: '/api/users' });\nrouter.get('/:id', (ctx) => { ctx.body = {}; });\napp.use(router.routes());\napp.listen(3000);\n",
    },
    file: 'api/index.js',
    contains: "router.post('/:userId/avatar', (ctx) => {\n  ctx.status = 501;",
  },
  fastify: {
    backend: {
      'api/package.json': pkg({ fastify: '4' }),
      'api/server.ts': "import Fastify from 'fastify';\nimport users from './users';\nconst fastify = Fastify();\nfastify.register(users, { prefix: '/api/users' });\nfastify.listen({ port: 3000 });\n",
      'api/users.ts': "import type { FastifyInstance } from 'fastify';\n\nexport default async function users(app: FastifyInstance) {\n  app.get('/:id', async () => ({}));\n}\n",
    },
    file: 'api/users.ts',
    contains: "  app.post('/:userId/avatar', async (request, reply) => reply.code(501).send({ error: 'Not implemented' }));",
  },
  hono: {
    backend: {
      'api/package.json': pkg({ hono: '4' }),
      'api/index.ts': "import { Hono } from 'hono';\nimport users from './users';\nconst app = new Hono();\napp.route('/api/users', users);\nexport default { port: 3000, fetch: app.fetch };\n",
      'api/users.ts': "import { Hono } from 'hono';\nconst users = new Hono();\nusers.get('/:id', (c) => c.json({}));\nexport default users;\n",
    },
    file: 'api/users.ts',
    contains: "users.post('/:userId/avatar', (c) => c.json({ error: 'Not implemented' }, 501));",
  },
  gin: {
    backend: {
      'api/go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n',
      'api/main.go': GO_MAIN('"github.com/gin-gonic/gin"', 'func main() {\n\tr := gin.Default()\n\tusers := r.Group("/api/users")\n\tusers.GET("/:id", getUser)\n\tr.Run(":8080")\n}\n\nfunc getUser(c *gin.Context) {}\n'),
    },
    file: 'api/main.go',
    contains: '\tusers.POST("/:userId/avatar", func(c *gin.Context) {\n\t\tc.String(501, "not implemented")\n\t})\n',
  },
  echo: {
    backend: {
      'api/go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/labstack/echo/v4 v4.12.0\n',
      'api/main.go': GO_MAIN('"github.com/labstack/echo/v4"', 'func main() {\n\te := echo.New()\n\tg := e.Group("/api/users")\n\tg.GET("/:id", getUser)\n\te.Start(":8080")\n}\n\nfunc getUser(c echo.Context) error { return nil }\n'),
    },
    file: 'api/main.go',
    contains: '\tg.POST("/:userId/avatar", func(c echo.Context) error {\n\t\treturn c.String(501, "not implemented")\n\t})\n',
  },
  chi: {
    backend: {
      'api/go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.1.0\n',
      'api/main.go': GO_MAIN('"github.com/go-chi/chi/v5"', 'func main() {\n\tr := chi.NewRouter()\n\tr.Route("/api/users", func(r chi.Router) {\n\t\tr.Get("/{id}", getUser)\n\t})\n\thttp.ListenAndServe(":8080", r)\n}\n\nfunc getUser(w http.ResponseWriter, r *http.Request) {}\n'),
    },
    file: 'api/main.go',
    contains: '\t\tr.Post("/{userId}/avatar", func(w http.ResponseWriter, r *http.Request) {\n\t\t\thttp.Error(w, "not implemented", http.StatusNotImplemented)\n\t\t})\n',
  },
};

describe('create the route in the backend', () => {
  for (const [fw, c] of Object.entries(CASES)) {
    it(fw, async () => {
      const files: Files = {
        ...c.backend,
        'web/package.json': '{"name":"web"}',
        'web/api.ts': `export const avatar = (userId: string) => fetch(\`/api/users/\${userId}/avatar\`, { method: 'POST' });\nexport const user = (id: string) => fetch(\`/api/users/\${id}\`);\n`,
      };
      const { plans, result, gap, logs } = await fixesFor(files, (g) => g.kind === 'missing-endpoint');
      const create = plans.find((p) => p.kind === 'create-route');
      expect(create?.title, logs.join('\n')).toBe(`Create the route POST /api/users/{userId}/avatar in ${c.file}`);
      const { files: after, result: again } = await applyAndCheck(files, create!, result, gap);
      expect(after[c.file]).toContain(c.contains);
      const route = again.endpoints.find((e) => e.method === 'POST' && e.path === '/api/users/{userId}/avatar');
      expect(route?.file).toBe(c.file);
      expect(route?.framework).toBe(fw);
    });
  }
});
