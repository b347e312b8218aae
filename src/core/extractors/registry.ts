/**
 * Every extractor, explicitly. `test/core/architecture.test.ts` fails when a file under backend/ or
 * frontend/ is missing here, when an id differs from its file name, or when `test/fixtures/<id>/basic/`
 * has no golden. Add new ones with `npm run new:extractor`.
 */
import express from './backend/express';
import fastapi from './backend/fastapi';
import nextjs from './backend/nextjs';
import axios from './frontend/axios';
import fetch from './frontend/fetch';
import wrappers from './frontend/wrappers';
import type { BackendExtractor, FrontendExtractor } from './types';

export const backendExtractors = [fastapi, express, nextjs] as const satisfies readonly BackendExtractor[];

/** Order matters only for reporting; `wrappers` resolves after the clients it wraps. */
export const frontendExtractors = [fetch, axios, wrappers] as const satisfies readonly FrontendExtractor[];

export const allExtractors = [...backendExtractors, ...frontendExtractors] as const;

/**
 * Backend frameworks we recognise in manifests but do not index yet: a workspace that uses one gets a
 * note, and calls that match nothing are not reported missing (they may target it).
 */
/** `port`: the framework's usual development port, for telling its URLs from other local servers. */
export const KNOWN_BACKEND_FRAMEWORKS: ReadonlyArray<{ readonly id: string; readonly port: number; readonly title: string; readonly deps: readonly string[] }> = [
  { id: 'fastapi', port: 8000, title: 'FastAPI', deps: ['fastapi'] },
  { id: 'flask', port: 5000, title: 'Flask', deps: ['flask'] },
  { id: 'django', port: 8000, title: 'Django', deps: ['django', 'djangorestframework'] },
  { id: 'express', port: 3000, title: 'Express', deps: ['express'] },
  { id: 'koa', port: 3000, title: 'Koa', deps: ['koa', '@koa/router', 'koa-router'] },
  { id: 'fastify', port: 3000, title: 'Fastify', deps: ['fastify'] },
  { id: 'hono', port: 3000, title: 'Hono', deps: ['hono'] },
  { id: 'nestjs', port: 3000, title: 'NestJS', deps: ['@nestjs/core'] },
  { id: 'actix', port: 8080, title: 'actix-web', deps: ['actix-web'] },
  { id: 'axum', port: 3000, title: 'axum', deps: ['axum'] },
  { id: 'go-gin', port: 8080, title: 'Gin', deps: ['github.com/gin-gonic/gin'] },
  { id: 'go-echo', port: 1323, title: 'Echo', deps: ['github.com/labstack/echo/v4'] },
  { id: 'go-chi', port: 3000, title: 'chi', deps: ['github.com/go-chi/chi/v5', 'github.com/go-chi/chi'] },
  { id: 'rails', port: 3000, title: 'Ruby on Rails', deps: ['rails'] },
  { id: 'spring', port: 8080, title: 'Spring Boot', deps: ['spring-boot-starter-web'] },
];
