/**
 * Every framework plugin, explicitly, grouped by language. `test/core/architecture.test.ts` fails when a
 * folder under `frameworks/<language>/` is missing here, when an id differs from its folder name, or
 * when an indexed framework has no `test/fixtures/<id>/basic/` golden. Add one with
 * `npm run new:framework`.
 */
import type { Framework } from './types';
import { isIndexed } from './types';
// go
import chi from './go/chi';
import echo from './go/echo';
import gin from './go/gin';
import nethttp from './go/nethttp';
// java
import spring from './java/spring';
// js
import angular from './js/angular';
import axios from './js/axios';
import express from './js/express';
import fastify from './js/fastify';
import fetch from './js/fetch';
import hono from './js/hono';
import jquery from './js/jquery';
import ky from './js/ky';
import got from './js/got';
import superagent from './js/superagent';
import swr from './js/swr';
import vite from './js/vite';
import webpack from './js/webpack';
import beacon from './js/beacon';
import nuxtAuth from './js/nuxt-auth';
import eventsource from './js/eventsource';
import websocket from './js/websocket';
import koa from './js/koa';
import nestjs from './js/nestjs';
import nextjs from './js/nextjs';
import remix from './js/remix';
import ofetch from './js/ofetch';
import openapiClient from './js/openapi-client';
import socketIo from './js/socket-io';
import wrappers from './js/wrappers';
import reactContext from './js/react-context';
import configStore from './js/config-store';
// markup
import forms from './markup/forms';
import selfForms from './markup/self-forms';
import htmx from './markup/htmx';
import socketioEvents from './js/socketio-events';
import wsMessages from './js/ws-messages';
import payloadReads from './js/payload-reads';
// python
import django from './python/django';
import fastapi from './python/fastapi';
import flask from './python/flask';
import routeNames from './python/route-names';
import templateViews from './python/template-views';
import wsMessagesPy from './python/ws-messages-py';
// ruby
import rails from './ruby/rails';
// rust
import actix from './rust/actix';
import axum from './rust/axum';

/**
 * Order matters for reporting and resolution: route frameworks first; among request contributions,
 * `wrappers` resolves after the clients it wraps.
 */
export const frameworks: readonly Framework[] = [
  fastapi,
  express,
  nextjs,
  remix,
  vite,
  webpack,
  fetch,
  axios,
  openapiClient,
  ofetch,
  jquery,
  ky,
  got,
  superagent,
  beacon,
  eventsource,
  websocket,
  angular,
  swr,
  nuxtAuth,
  wrappers,
  reactContext,
  configStore,
  htmx,
  forms,
  selfForms,
  flask,
  django,
  koa,
  fastify,
  hono,
  socketIo,
  nestjs,
  actix,
  axum,
  gin,
  echo,
  chi,
  nethttp,
  rails,
  spring,
  wsMessages,
  wsMessagesPy,
  socketioEvents,
  routeNames,
  payloadReads,
  templateViews,
];

export const indexedFrameworks: readonly Framework[] = frameworks.filter(isIndexed);

export function frameworkById(id: string): Framework | undefined {
  return frameworks.find((f) => f.id === id);
}
