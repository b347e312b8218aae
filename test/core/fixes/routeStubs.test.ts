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
  /** Another edited file and text it must contain (a registration, an import). */
  readonly also?: readonly [string, string];
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
    contains: "router.post('/:id/avatar', (req, res) => {\n  res.status(501).json({ error: 'Not implemented' });\n});",
  },
  koa: {
    backend: {
      'api/package.json': pkg({ koa: '2', '@koa/router': '12' }),
      'api/index.js': "const Koa = require('koa');\nconst Router = require('@koa/router');\nconst app = new Koa();\nconst router = new Router({ prefix: '/api/users' });\nrouter.get('/:id', (ctx) => { ctx.body = {}; });\napp.use(router.routes());\napp.listen(3000);\n",
    },
    file: 'api/index.js',
    contains: "router.post('/:id/avatar', (ctx) => {\n  ctx.status = 501;",
  },
  fastify: {
    backend: {
      'api/package.json': pkg({ fastify: '4' }),
      'api/server.ts': "import Fastify from 'fastify';\nimport users from './users';\nconst fastify = Fastify();\nfastify.register(users, { prefix: '/api/users' });\nfastify.listen({ port: 3000 });\n",
      'api/users.ts': "import type { FastifyInstance } from 'fastify';\n\nexport default async function users(app: FastifyInstance) {\n  app.get('/:id', async () => ({}));\n}\n",
    },
    file: 'api/users.ts',
    contains: "  app.post('/:id/avatar', async (request, reply) => reply.code(501).send({ error: 'Not implemented' }));",
  },
  hono: {
    backend: {
      'api/package.json': pkg({ hono: '4' }),
      'api/index.ts': "import { Hono } from 'hono';\nimport users from './users';\nconst app = new Hono();\napp.route('/api/users', users);\nexport default { port: 3000, fetch: app.fetch };\n",
      'api/users.ts': "import { Hono } from 'hono';\nconst users = new Hono();\nusers.get('/:id', (c) => c.json({}));\nexport default users;\n",
    },
    file: 'api/users.ts',
    contains: "users.post('/:id/avatar', (c) => c.json({ error: 'Not implemented' }, 501));",
  },
  gin: {
    backend: {
      'api/go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n',
      'api/main.go': GO_MAIN('"github.com/gin-gonic/gin"', 'func main() {\n\tr := gin.Default()\n\tusers := r.Group("/api/users")\n\tusers.GET("/:id", getUser)\n\tr.Run(":8080")\n}\n\nfunc getUser(c *gin.Context) {}\n'),
    },
    file: 'api/main.go',
    contains: '\tusers.POST("/:id/avatar", func(c *gin.Context) {\n\t\tc.String(501, "not implemented")\n\t})\n',
  },
  echo: {
    backend: {
      'api/go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/labstack/echo/v4 v4.12.0\n',
      'api/main.go': GO_MAIN('"github.com/labstack/echo/v4"', 'func main() {\n\te := echo.New()\n\tg := e.Group("/api/users")\n\tg.GET("/:id", getUser)\n\te.Start(":8080")\n}\n\nfunc getUser(c echo.Context) error { return nil }\n'),
    },
    file: 'api/main.go',
    contains: '\tg.POST("/:id/avatar", func(c echo.Context) error {\n\t\treturn c.String(501, "not implemented")\n\t})\n',
  },
  chi: {
    backend: {
      'api/go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.1.0\n',
      'api/main.go': GO_MAIN('"github.com/go-chi/chi/v5"', 'func main() {\n\tr := chi.NewRouter()\n\tr.Route("/api/users", func(r chi.Router) {\n\t\tr.Get("/{id}", getUser)\n\t})\n\thttp.ListenAndServe(":8080", r)\n}\n\nfunc getUser(w http.ResponseWriter, r *http.Request) {}\n'),
    },
    file: 'api/main.go',
    contains: '\t\tr.Post("/{id}/avatar", func(w http.ResponseWriter, r *http.Request) {\n\t\t\thttp.Error(w, "not implemented", http.StatusNotImplemented)\n\t\t})\n',
  },
  flask: {
    backend: {
      'api/requirements.txt': 'flask\n',
      'api/app.py': 'from flask import Flask\nfrom .users import bp\n\napp = Flask(__name__)\napp.register_blueprint(bp, url_prefix="/api/users")\n',
      'api/users.py': 'from flask import Blueprint\n\nbp = Blueprint("users", __name__)\n\n\n@bp.get("/<int:id>")\ndef get_user(id):\n    return {}\n',
    },
    file: 'api/users.py',
    contains: '@bp.route("/<id>/avatar", methods=["POST"])\ndef post_by_id_avatar(id):\n    return {"error": "Not implemented"}, 501\n\n\n@bp.get("/<int:id>")',
  },
  nestjs: {
    backend: {
      'api/package.json': pkg({ '@nestjs/core': '10', '@nestjs/common': '10' }),
      'api/src/users.controller.ts': "import { Controller, Get, Param } from '@nestjs/common';\n\n@Controller('api/users')\nexport class UsersController {\n  @Get(':id')\n  one(@Param('id') id: string) {\n    return {};\n  }\n}\n",
    },
    file: 'api/src/users.controller.ts',
    also: ['api/src/users.controller.ts', "import { Controller, Get, Param, Post, NotImplementedException } from '@nestjs/common';"],
    contains: "  @Post(':id/avatar')\n  postByIdAvatar(): never {\n    throw new NotImplementedException();\n  }\n\n  @Get(':id')",
  },
  nextjs: {
    backend: {
      'api/package.json': pkg({ next: '15' }),
      'api/app/api/users/[id]/route.ts': "export async function GET() {\n  return Response.json({});\n}\n",
    },
    file: 'api/app/api/users/[id]/avatar/route.ts',
    contains: "export async function POST() {\n  return Response.json({ error: 'Not implemented' }, { status: 501 });\n}\n",
  },
  axum: {
    backend: {
      'api/Cargo.toml': '[package]\nname = "api"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.8"\n',
      'api/src/main.rs': 'use axum::{routing::get, Router};\n\nmod users;\n\n#[tokio::main]\nasync fn main() {\n    let app = Router::new().nest("/api/users", users::router());\n    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();\n    axum::serve(listener, app).await.unwrap();\n}\n',
      'api/src/users.rs': 'use axum::{routing::get, Router};\n\npub fn router() -> Router {\n    Router::new()\n        .route("/{id}", get(get_user))\n}\n\nasync fn get_user() -> &\'static str {\n    "user"\n}\n',
    },
    file: 'api/src/users.rs',
    contains: '        .route("/{id}", get(get_user))\n        .route("/{id}/avatar", axum::routing::post(post_by_id_avatar))\n}',
  },
  actix: {
    backend: {
      'api/Cargo.toml': '[package]\nname = "api"\nversion = "0.1.0"\n\n[dependencies]\nactix-web = "4"\n',
      'api/src/main.rs': 'use actix_web::{web, App, HttpServer};\n\nmod users;\n\n#[actix_web::main]\nasync fn main() -> std::io::Result<()> {\n    HttpServer::new(|| {\n        App::new().service(\n            web::scope("/api/users")\n                .service(users::get_user),\n        )\n    })\n    .bind(("127.0.0.1", 8080))?\n    .run()\n    .await\n}\n',
      'api/src/users.rs': 'use actix_web::{get, HttpResponse};\n\n#[get("/{id}")]\npub async fn get_user() -> HttpResponse {\n    HttpResponse::Ok().finish()\n}\n',
    },
    file: 'api/src/users.rs',
    also: ['api/src/main.rs', '                .service(users::get_user)\n                .service(users::post_by_id_avatar),'],
    contains: '#[actix_web::post("/{id}/avatar")]\nasync fn post_by_id_avatar() -> actix_web::HttpResponse {\n    actix_web::HttpResponse::NotImplemented().finish()\n}\n\n#[get("/{id}")]',
  },
};

describe('create the route in the backend', () => {
  for (const [fw, c] of Object.entries(CASES)) {
    it(fw, async () => {
      const files: Files = {
        ...c.backend,
        'web/package.json': '{"name":"web"}',
        'web/api.ts': `export const avatar = (userId: string) => fetch(\`/api/users/\${id}/avatar\`, { method: 'POST' });\nexport const user = (id: string) => fetch(\`/api/users/\${id}\`);\n`,
      };
      const { plans, result, gap, logs } = await fixesFor(files, (g) => g.kind === 'missing-endpoint');
      const create = plans.find((p) => p.kind === 'create-route');
      expect(create?.title, logs.join('\n')).toBe(`Create the route POST /api/users/{id}/avatar in ${c.file}`);
      const { files: after, result: again } = await applyAndCheck(files, create!, result, gap);
      expect(after[c.file]).toContain(c.contains);
      if (c.also) expect(after[c.also[0]]).toContain(c.also[1]);
      const route = again.endpoints.find((e) => e.method === 'POST' && e.path === '/api/users/{id}/avatar');
      expect(route?.file).toBe(c.file);
      expect(route?.framework).toBe(fw);
    });
  }
});

describe('Next.js route handler placement', () => {
  it('follows the route group of the route that shares the path', async () => {
    const files: Files = {
      'api/package.json': pkg({ next: '15' }),
      'api/app/(ee)/api/faqs/route.ts': 'export async function GET() {\n  return Response.json([]);\n}\n',
      'api/app/api/other/route.ts': 'export async function GET() {\n  return Response.json([]);\n}\n',
      'web/package.json': '{"name":"web"}',
      'web/a.ts': "export const a = (id: string) => fetch(`/api/faqs/${id}`, { method: 'POST' });\nexport const b = () => fetch('/api/faqs');\nexport const c = () => fetch('/api/other');\n",
    };
    const { plans, result, gap } = await fixesFor(files, (g) => g.kind === 'missing-endpoint');
    const create = plans.find((p) => p.kind === 'create-route')!;
    expect(create.title).toBe('Create the route POST /api/faqs/{id} in api/app/(ee)/api/faqs/[id]/route.ts');
    await applyAndCheck(files, create, result, gap);
  });
});
