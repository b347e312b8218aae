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
export const KNOWN_BACKEND_FRAMEWORKS: ReadonlyArray<{ readonly id: string; readonly title: string; readonly deps: readonly string[] }> = [
  { id: 'fastapi', title: 'FastAPI', deps: ['fastapi'] },
  { id: 'flask', title: 'Flask', deps: ['flask'] },
  { id: 'django', title: 'Django', deps: ['django', 'djangorestframework'] },
  { id: 'express', title: 'Express', deps: ['express'] },
  { id: 'koa', title: 'Koa', deps: ['koa', '@koa/router', 'koa-router'] },
  { id: 'fastify', title: 'Fastify', deps: ['fastify'] },
  { id: 'hono', title: 'Hono', deps: ['hono'] },
  { id: 'nestjs', title: 'NestJS', deps: ['@nestjs/core'] },
  { id: 'actix', title: 'actix-web', deps: ['actix-web'] },
  { id: 'axum', title: 'axum', deps: ['axum'] },
  { id: 'go-gin', title: 'Gin', deps: ['github.com/gin-gonic/gin'] },
  { id: 'go-echo', title: 'Echo', deps: ['github.com/labstack/echo/v4'] },
  { id: 'go-chi', title: 'chi', deps: ['github.com/go-chi/chi/v5', 'github.com/go-chi/chi'] },
  { id: 'rails', title: 'Ruby on Rails', deps: ['rails'] },
  { id: 'spring', title: 'Spring Boot', deps: ['spring-boot-starter-web'] },
];
